using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Queries;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Runs;

/// <summary>
/// Claims runs into this node's free worker slots, executes them (window → query engine →
/// result file → completion), renews their leases while they run, and hands them back when
/// the node stops. A run whose lease is lost is cancelled here and can no longer write.
/// </summary>
public sealed class RunExecutor(
    RunStore runs, JobStore jobs, QueryEngine engine, ResultFiles results, Delivery.Outbox outbox, EngineMetrics metrics, TimeProvider clock,
    Persistence.DatabaseClock databaseClock, IOptions<EngineOptions> options, ILogger<RunExecutor> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, Held> held = new();
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.Value.Workers));

    /// <summary>This node's identity in <c>lease_owner</c>.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private sealed record Held(Run Run, CancellationTokenSource Cancel);

    private EngineOptions Options => options.Value;

    /// <summary>Claims as many runs as there are free slots and runs them to the end; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await ClaimIntoFreeSlotsAsync(ct);
        await Task.WhenAll(claimed.Select(run => ExecuteHeldAsync(run, ct)));
        return claimed.Count;
    }

    /// <summary>Claims at most as many runs as slots are free, and takes a slot for each before returning.</summary>
    private async Task<IReadOnlyList<Run>> ClaimIntoFreeSlotsAsync(CancellationToken ct)
    {
        // Only this node's claim loop takes slots, so the free count can only grow until they are taken below.
        var claimed = await runs.ClaimAsync(Node, slots.CurrentCount, clock.GetUtcNow(), Options.Lease, Options.MaxAttempts, ct, NotifyAbandonedAsync);
        foreach (var _ in claimed) await slots.WaitAsync(CancellationToken.None);
        return claimed;
    }

    /// <summary>A run failed for being interrupted too often ends like any failed run: its webhooks hear of it.</summary>
    private async Task NotifyAbandonedAsync(DbTransaction transaction, IReadOnlyList<Run> abandoned, CancellationToken ct)
    {
        foreach (var run in abandoned)
            await outbox.EnqueueForRunAsync(transaction, run, new RunStore.Completion(false, run.CompletedAt ?? clock.GetUtcNow(), null, null, run.Error, null), ct);
    }

    /// <summary>Renews every lease this node holds; a run whose lease is gone is cancelled.</summary>
    public async Task RenewLeasesAsync(CancellationToken ct)
    {
        foreach (var (id, h) in held)
        {
            if (await runs.RenewAsync(id, h.Run.Attempt, clock.GetUtcNow() + Options.Lease, ct)) continue;
            logger.LogWarning("Lost the lease of run {RunId} (attempt {Attempt}); it stops here.", id, h.Run.Attempt);
            await h.Cancel.CancelAsync();
        }
    }

    protected override Task ExecuteAsync(CancellationToken ct) => Task.WhenAll(ClaimLoopAsync(ct), RenewLoopAsync(ct));

    private async Task ClaimLoopAsync(CancellationToken ct)
    {
        var running = new List<Task>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                running.RemoveAll(t => t.IsCompleted);
                await databaseClock.SyncIfStaleAsync(ct);
                var claimed = await ClaimIntoFreeSlotsAsync(ct);
                running.AddRange(claimed.Select(run => Task.Run(() => ExecuteHeldAsync(run, ct), CancellationToken.None)));
                if (claimed.Count > 0 && slots.CurrentCount > 0) continue;
                // Wait for a free slot (or the poll interval) before claiming again.
                if (slots.CurrentCount == 0) await Task.WhenAny(running.Append(Task.Delay(Options.PollInterval, clock, ct)));
                else await Task.Delay(Options.PollInterval, clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Claiming runs failed; retrying after {Interval}.", Options.PollInterval);
                await Task.Delay(Options.PollInterval, clock, CancellationToken.None);
            }
        }
        // Graceful shutdown: the runs still going are cancelled and handed back (see ExecuteHeldAsync).
        await Task.WhenAll(running).WaitAsync(Options.ShutdownGrace, clock, CancellationToken.None).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task RenewLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Options.Lease / 3, clock, ct);
                await RenewLeasesAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be down for a moment; leases last three renew periods.
                logger.LogWarning(e, "Renewing leases failed; trying again next period.");
            }
        }
    }

    /// <summary>Runs a claimed run in the slot taken for it, and frees the slot at the end.</summary>
    private async Task ExecuteHeldAsync(Run run, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        held[run.Id] = new Held(run, cancel);
        try
        {
            if (run.Attempt == 1 && run.StartedAt is { } started) metrics.ObserveLateness(started - run.ScheduledFor);
            await ExecuteAsync(run, cancel.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The node is stopping: give the run back so another node takes it over at once.
            if (await runs.ReleaseAsync(run, CancellationToken.None)) logger.LogInformation("Handed run {RunId} back on shutdown.", run.Id);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // The lease was lost: another node owns the run now; nothing more is written from here.
        }
        catch (Exception e)
        {
            logger.LogError(e, "Run {RunId} failed with an internal error.", run.Id);
            await CompleteAsync(run, new RunStore.Completion(false, clock.GetUtcNow(), null, null, $"Internal error: {e.Message}", null));
        }
        finally
        {
            held.TryRemove(run.Id, out _);
            slots.Release();
        }
    }

    private async Task ExecuteAsync(Run run, CancellationToken ct)
    {
        var job = await jobs.FindAsync(run.JobId, ct);
        if (job is null)
        {
            await CompleteAsync(run, new RunStore.Completion(false, clock.GetUtcNow(), null, null, "The job was deleted.", null));
            return;
        }

        var firstMissed = run.Trigger == RunTrigger.CatchUp ? await runs.FirstMissedAsync(run, ct) : null;
        var window = Occurrences.Window(job, run.ScheduledFor, firstMissed);
        QueryOutcome outcome;
        RawLog log;
        using (RawLog.Begin(out log)) outcome = await engine.RunAsync(job.Prompt, job.Sources, window, job.Limit, run.ScheduledFor, ct);
        var completedAt = clock.GetUtcNow();

        // The raw answers are kept under logs/{job_id}/{run_id}/ whether the run succeeded or not. Their
        // files go out now, outside the completing transaction (which they would hold open); they are
        // indexed — listed, served, swept — only if the completion wins the fence. Keys carry the
        // attempt, so a fenced-out attempt never overwrites the winner's logs.
        var logFiles = new List<StoredObject>();
        var responses = log.Responses;
        for (var i = 0; i < responses.Count; i++)
            logFiles.Add(await results.StoreAsync(run.ProjectId, RawLog.Key(job.Id, run.Id, run.Attempt, i + 1, responses[i].Source),
                RawLog.Serialize(responses[i]), job.Id, run.Id, null, ct));

        async Task WriteLogsAsync(DbTransaction transaction, CancellationToken token)
        {
            foreach (var file in logFiles) await results.IndexAsync(file, token, transaction);
        }

        if (outcome.Result is not { } result)
        {
            await CompleteAsync(run, new RunStore.Completion(false, completedAt, null, null, outcome.Error, null), WriteLogsAsync);
            return;
        }

        // The files are written inside the fenced completion: a node frozen past its lease finds the
        // run taken over when it wakes, and neither writes a file nor touches the index.
        var key = ResultKey(job.Id, run.ScheduledFor);
        var file = JsonSerializer.SerializeToUtf8Bytes(new JobResultFile(job.Id, run.Id, job.Prompt, job.Sources, completedAt, result), Json.Options);
        await CompleteAsync(run, new RunStore.Completion(true, completedAt, result.Records.Count, result.TotalResults, null, key), async (transaction, token) =>
        {
            await results.WriteAsync(run.ProjectId, key, file, job.Id, run.Id, null, token, transaction);
            await WriteLogsAsync(transaction, token);
        });
    }

    /// <summary>
    /// Records the run's end, fenced by its attempt. Inside that transaction the result file is
    /// written (<paramref name="writeResult"/>) and the run's deliveries enter the outbox, so a
    /// run that lost its lease neither writes a file nor sends anything.
    /// </summary>
    private async Task CompleteAsync(Run run, RunStore.Completion completion, Func<DbTransaction, CancellationToken, Task>? writeResult = null)
    {
        async Task Publish(DbConnection _, DbTransaction transaction, CancellationToken ct)
        {
            if (writeResult is not null) await writeResult(transaction, ct);
            await outbox.EnqueueForRunAsync(transaction, run, completion, ct);
        }

        if (await runs.CompleteAsync(run, completion, CancellationToken.None, Publish))
        {
            metrics.CountRun(completion.Succeeded);
            logger.LogInformation("Run {RunId} of job {JobId} {Status}.", run.Id, run.JobId, completion.Succeeded ? "completed" : "failed");
        }
        else
        {
            logger.LogWarning("Run {RunId} attempt {Attempt} was taken over by another node; its outcome is not recorded.", run.Id, run.Attempt);
        }
    }

    /// <summary><c>{job_id}/{scheduled_for:yyyy-MM-ddTHH:mm:ssZ}.json</c> (the seed's naming): one file per occurrence.</summary>
    public static string ResultKey(string jobId, DateTimeOffset scheduledFor) => Storage.ResultKeys.For(jobId, scheduledFor);
}
