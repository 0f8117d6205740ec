using ByteStack.Server.Runs;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Scheduling;

/// <summary>
/// Turns due jobs into occurrence rows. No leader is needed: each batch is one transaction
/// that takes the due jobs (PostgreSQL skips the ones another node holds) and advances their
/// next sync, and <c>(job_id, scheduled_for)</c> is unique, so every occurrence is written once.
/// </summary>
public sealed class Scheduler(
    RunStore runs, TimeProvider clock, Persistence.DatabaseClock databaseClock, IOptions<EngineOptions> options, ILogger<Scheduler> logger)
    : Hosting.PollingLoop(clock, logger)
{
    /// <summary>One batch; true when there were due jobs (there may be more).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct) =>
        await runs.MaterializeAsync(Clock.GetUtcNow(), options.Value.SchedulerBatch, ct) > 0;

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Duty => "Scheduling";

    protected override async Task<bool> RoundAsync(CancellationToken ct)
    {
        await databaseClock.SyncIfStaleAsync(ct);
        return await RunOnceAsync(ct);
    }
}
