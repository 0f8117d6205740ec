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
public sealed class RunExecutor : BackgroundService
{
    private readonly ConcurrentDictionary<string, Held> held = new();
    private readonly SemaphoreSlim slots;
    private TaskCompletionSource slotFreed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly GroupCommit commits;
    private readonly RunStore runs;
    private readonly JobStore jobs;
    private readonly QueryEngine engine;
    private readonly ResultFiles results;
    private readonly Delivery.Outbox outbox;
    private readonly EngineMetrics metrics;
    private readonly TimeProvider clock;
    private readonly Persistence.DatabaseClock databaseClock;
    private readonly IOptions<EngineOptions> options;
    private readonly ILogger<RunExecutor> logger;

    public RunExecutor(
        RunStore runs, JobStore jobs, QueryEngine engine, ResultFiles results, StorageIndex index, Delivery.Outbox outbox, EngineMetrics metrics, TimeProvider clock,
        Persistence.DatabaseClock databaseClock, IOptions<EngineOptions> options, ILogger<RunExecutor> logger, Analytics.MentionStore mentions)
    {
        (this.runs, this.jobs, this.engine, this.results, this.outbox, this.metrics, this.clock, this.databaseClock, this.options, this.logger) =
            (runs, jobs, engine, results, outbox, metrics, clock, databaseClock, options, logger);
        var workers = Math.Max(1, options.Value.Workers);
        slots = new SemaphoreSlim(workers);
        // Every run this node holds that is not yet waiting for the batch may still join it.
        commits = new GroupCommit(runs, results, index, outbox, mentions, metrics, clock, options.Value, () => workers - slots.CurrentCount, logger);
    }

    /// <summary>This node's identity in <c>lease_owner</c>.</summary>
    public string Node { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    private sealed record Held(Run Run, CancellationTokenSource Cancel);

    private EngineOptions Options => options.Value;

    /// <summary>Claims as many runs as there are free slots and runs them to the end; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await ClaimIntoFreeSlotsAsync(ct);
        await Task.WhenAll(claimed.Select(c => ExecuteHeldAsync(c.Run, c.Job, ct)));
        return claimed.Count;
    }

    /// <summary>
    /// Claims at most as many runs as slots are free, and takes a slot for each before returning;
    /// their jobs are read in one statement, not one per run (null: not read, see <see cref="ExecuteAsync"/>).
    /// </summary>
    private async Task<IReadOnlyList<(Run Run, Job? Job)>> ClaimIntoFreeSlotsAsync(CancellationToken ct)
    {
        // Only this node's claim loop takes slots, so the free count can only grow until they are taken below.
        var claimed = await runs.ClaimAsync(Node, slots.CurrentCount, clock.GetUtcNow(), Options.Lease, Options.MaxAttempts, ct, NotifyAbandonedAsync);
        foreach (var _ in claimed) await slots.WaitAsync(CancellationToken.None);
        if (claimed.Count == 0) return [];
        try
        {
            var byId = await jobs.FindManyAsync(claimed.Select(r => r.JobId).Distinct().ToList(), ct);
            return claimed.Select(r => (r, byId.GetValueOrDefault(r.JobId))).ToList();
        }
        catch (Exception e)
        {
            // The runs are this node's now: each reads its own job instead (or, when the node is
            // stopping, hands its run back at once, see ExecuteHeldAsync).
            if (!ct.IsCancellationRequested) logger.LogWarning(e, "Reading the jobs of {Count} claimed runs failed; each run reads its own.", claimed.Count);
            return claimed.Select(r => (r, (Job?)null)).ToList();
        }
    }

    /// <summary>A run failed for being interrupted too often ends like any failed run: its webhooks hear of it.</summary>
    private async Task NotifyAbandonedAsync(DbTransaction transaction, IReadOnlyList<Run> abandoned, CancellationToken ct) =>
        await outbox.EnqueueAsync(transaction,
            abandoned.Select(run => new RunStore.Completing(run, new RunStore.Completion(false, run.CompletedAt ?? clock.GetUtcNow(), null, null, run.Error, null))).ToList(),
            await outbox.RecipientsAsync(abandoned, ct), ct);

    /// <summary>Renews every lease this node holds, in one statement; a run whose lease is gone is cancelled.</summary>
    public async Task RenewLeasesAsync(CancellationToken ct)
    {
        var snapshot = held.ToArray();
        var still = await runs.RenewManyAsync(snapshot.Select(h => (h.Key, h.Value.Run.Attempt)).ToList(), clock.GetUtcNow() + Options.Lease, ct);
        foreach (var (id, h) in snapshot.Where(h => !still.Contains(h.Key)))
        {
            // A run that ended meanwhile has left `held`; only the ones still running here lost their lease.
            if (!held.ContainsKey(id)) continue;
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
                running.AddRange(claimed.Select(c => Task.Run(() => ExecuteHeldAsync(c.Run, c.Job, ct), CancellationToken.None)));
                if (claimed.Count > 0 && slots.CurrentCount > 0) continue;
                // Wait for a free slot (or the poll interval) before claiming again.
                // One signal for "a slot came free", not a wait on every running run: at a thousand
                // runs a second that was 256 continuations registered per wake-up.
                var freed = Volatile.Read(ref slotFreed).Task;
                if (slots.CurrentCount == 0) await Task.WhenAny(freed, Task.Delay(Options.PollInterval, clock, ct));
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
    private async Task ExecuteHeldAsync(Run run, Job? job, CancellationToken stopping)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        held[run.Id] = new Held(run, cancel);
        try
        {
            if (run.Attempt == 1 && run.StartedAt is { } started) metrics.ObserveLateness(started - run.ScheduledFor);
            await ExecuteAsync(run, job, cancel.Token);
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
            Interlocked.Exchange(ref slotFreed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    private async Task ExecuteAsync(Run run, Job? claimedWith, CancellationToken ct)
    {
        // Missing from the claim's read: deleted since, or the read failed — ask once more.
        var job = claimedWith ?? await jobs.FindAsync(run.JobId, ct);
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

        // Every file of the run is written now, before its completion, staged under keys of this
        // attempt: no storage I/O (an S3 upload) ever runs inside a transaction. The completion
        // indexes them only if it wins the fence, and they are published to their keys after it.
        // The raw answers are kept under logs/{job_id}/{run_id}/ whether the run succeeded or not.
        var files = new List<StoredObject>();
        var key = ResultKey(job.Id, run.ScheduledFor);
        try
        {
            var responses = log.Responses;
            for (var i = 0; i < responses.Count; i++)
                files.Add(await results.StageAsync(run.ProjectId, RawLog.Key(job.Id, run.Id, run.Attempt, i + 1, responses[i].Source),
                    RawLog.Serialize(responses[i]), job.Id, run.Id, run.Attempt, ct));
            if (outcome.Result is { } staged)
                files.Add(await results.StageAsync(run.ProjectId, key,
                    JsonSerializer.SerializeToUtf8Bytes(new JobResultFile(job.Id, run.Id, job.Prompt, job.Sources, completedAt, staged), Json.Options),
                    job.Id, run.Id, run.Attempt, ct));
        }
        catch
        {
            // Lease lost or node stopping while staging: what this attempt staged is nobody's now. Removed
            // at once (best effort; the staging sweeper removes whatever a failed write leaves behind).
            await results.DiscardAsync(files, CancellationToken.None);
            throw;
        }

        if (outcome.Result is not { } result)
        {
            await CompleteAsync(run, new RunStore.Completion(false, completedAt, null, null, outcome.Error, null), files);
            return;
        }
        await CompleteAsync(run, new RunStore.Completion(true, completedAt, result.Records.Count, result.TotalResults, null, key), files, result.Records);
    }

    /// <summary>
    /// Records the run's end, fenced by its attempt, in the next group commit: with it the staged
    /// files' index entries and the run's deliveries, so a run that lost its lease neither shows a
    /// file nor sends anything. After the commit the files move to their keys; a loser's are removed.
    /// </summary>
    private async Task CompleteAsync(Run run, RunStore.Completion completion, IReadOnlyList<StoredObject>? files = null, IReadOnlyList<ResultRecord>? records = null)
    {
        files ??= [];
        // Its work is done: no lease to renew while it waits for its batch (a completed run's renewal would fail).
        held.TryRemove(run.Id, out _);
        var won = await commits.CommitAsync(new GroupCommit.Entry(run, completion, files, records ?? []));
        try
        {
            if (won) await results.PublishAsync(files, CancellationToken.None);
            else await results.DiscardAsync(files, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Readers find a committed file where it was staged until the staging sweeper finishes the move.
            logger.LogWarning(e, "Moving the files of run {RunId} attempt {Attempt} failed; the staging sweeper finishes it.", run.Id, run.Attempt);
        }

        if (won)
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
