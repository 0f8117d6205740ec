namespace ByteStack.Server.Hosting;

/// <summary>
/// One loop per background duty: a round (<see cref="RoundAsync"/>) runs again at once while it
/// says there may be more to do, else after <see cref="Interval"/>. A failed round is logged and
/// tried again after the interval; the loop ends only when the host stops. Tests call the duty's
/// one-round method directly instead of running the loop.
/// </summary>
public abstract class PollingLoop(TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The deployment's clock (the database's), for the duty's own rounds too.</summary>
    protected TimeProvider Clock => clock;

    /// <summary>The wait between rounds that found nothing (and after a failure).</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What the loop does, for its log messages ("Scheduling", "Sweeping raw scrape logs", …).</summary>
    protected abstract string Duty { get; }

    /// <summary>One round; true when there may be more to do at once.</summary>
    protected abstract Task<bool> RoundAsync(CancellationToken ct);

    protected sealed override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await RoundAsync(ct)) continue;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogError(e, "{Duty} failed; trying again in {Interval}.", Duty, Interval);
            }
            try
            {
                await Task.Delay(Interval, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
