using Microsoft.Extensions.Options;

namespace ByteStack.Server.Storage;

/// <summary><c>ByteStack:Retention</c>: how long raw scrape logs are kept. Result files are kept until deleted.</summary>
public sealed class RetentionOptions
{
    public const string Section = "ByteStack:Retention";

    public int RawLogDays { get; set; } = 90;

    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Purges raw scrape logs older than <see cref="RetentionOptions.RawLogDays"/>: the file first, then
/// its index entry, so a crash in between leaves an entry the next sweep finishes. Only keys under
/// <c>logs/</c> are ever touched. Several nodes sweeping at once is harmless: deletes are idempotent.
/// </summary>
public sealed class RetentionSweeper(StorageIndex index, IObjectStore storage, TimeProvider clock, IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger) : Hosting.PollingLoop(clock, logger)
{
    private const int Batch = 500;

    /// <summary>One batch; returns how many logs were purged (a full batch means there may be more).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var cutoff = Clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RawLogDays);
        var expired = await index.LogsOlderThanAsync(cutoff, Batch, ct);
        foreach (var key in expired) await storage.DeleteAsync(key, ct);
        if (expired.Count > 0)
        {
            await index.ForgetAsync(expired, ct);
            logger.LogInformation("Purged {Count} raw scrape logs older than {Days} days.", expired.Count, options.Value.RawLogDays);
        }
        return expired.Count;
    }

    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string Duty => "Sweeping raw scrape logs";

    protected override async Task<bool> RoundAsync(CancellationToken ct) => await RunOnceAsync(ct) == Batch;
}
