using ByteStack.Server.Storage;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Runs;

/// <summary>
/// Finishes what attempts left in the staging folder. An attempt's staged files are moved to their
/// keys once its completion committed, or removed at once when it lost its fence; a crash in
/// between leaves them here. For each attempt whose run is no longer running under it (so it can
/// never commit again), files its completion indexed are published, and the rest (a fenced-out or
/// interrupted attempt's) are removed: they were never indexed, so no reader ever saw them.
/// </summary>
public sealed class StagingSweeper(RunStore runs, StorageIndex index, IObjectStore storage, TimeProvider clock, IOptions<EngineOptions> options,
    ILogger<StagingSweeper> logger) : Hosting.PollingLoop(clock, logger)
{
    private const int Batch = 1000;

    /// <summary>One batch; returns how many staged files were published or removed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var staged = (await storage.ListAsync(StorageKeys.StagingFolder + "/", Batch, ct))
            .Select(key => (Key: key, Parsed: StorageKeys.ParseStaged(key))).Where(s => s.Parsed is not null).ToList();
        if (staged.Count == 0) return 0;

        // The runs' state first: an attempt that no longer owns a running run can never commit
        // afterwards, so what the index says about its files below is final.
        var current = await runs.AttemptsAsync(staged.Select(s => s.Parsed!.Value.RunId).Distinct().ToList(), ct);
        var settled = staged.Where(s => !(current.TryGetValue(s.Parsed!.Value.RunId, out var run)
                                          && run.Status == RunStatus.Running && run.Attempt == s.Parsed.Value.Attempt)).ToList();
        if (settled.Count == 0) return 0;
        var indexed = await index.IndexedStagedAsync(settled.Select(s => s.Key).ToList(), ct);
        int published = 0, removed = 0;
        foreach (var (key, parsed) in settled)
        {
            if (indexed.Contains(key))
            {
                await storage.PublishAsync(key, parsed!.Value.Key, ct);
                published++;
            }
            else
            {
                await storage.DeleteAsync(key, ct);
                removed++;
            }
        }
        logger.LogInformation("Staging sweep: published {Published} committed files, removed {Removed} of attempts that did not complete.", published, removed);
        return settled.Count;
    }

    protected override TimeSpan Interval => options.Value.StagingSweepInterval;

    protected override string Duty => "Sweeping staged files";

    // Another full round at once only if this one settled something (files of running attempts stay).
    protected override async Task<bool> RoundAsync(CancellationToken ct) => await RunOnceAsync(ct) == Batch;
}
