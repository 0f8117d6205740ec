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
    private static readonly TimeSpan ClockSyncInterval = TimeSpan.FromMinutes(1);
    private DateTimeOffset lastClockSync;

    /// <summary>One batch; true when there were due jobs (there may be more).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct) =>
        await runs.MaterializeAsync(clock.GetUtcNow(), options.Value.SchedulerBatch, ct) > 0;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() - lastClockSync > ClockSyncInterval)
                {
                    await databaseClock.SyncAsync(ct);
                    lastClockSync = clock.GetUtcNow();
                }
                if (await RunOnceAsync(ct)) continue;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Scheduling failed; retrying after {Interval}.", options.Value.PollInterval);
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
