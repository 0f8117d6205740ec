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
    : BackgroundService
{
    /// <summary>One batch; true when there were due jobs (there may be more).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct) =>
        await runs.MaterializeAsync(clock.GetUtcNow(), options.Value.SchedulerBatch, ct) > 0;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await databaseClock.SyncIfStaleAsync(ct);
                if (await RunOnceAsync(ct)) continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "Scheduling failed; retrying after {Interval}.", options.Value.PollInterval);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
