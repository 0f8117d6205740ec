using System.Collections.Concurrent;
using ByteStack.Server.Delivery;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Runs;

/// <summary>
/// Group commit of run completions. A finished run's end waits here with its staged files, and
/// the waiting ends are written together: one transaction per batch, flushed when the batch is
/// full, when every run this node holds is waiting (nobody else is coming), or after
/// <see cref="EngineOptions.CommitDelay"/> on the deployment's clock. Each run keeps its own fence
/// (<see cref="RunStore.CompleteManyAsync"/>); a loser in a batch does not hold back the winners,
/// and if a batch fails, its runs are written one by one, so one run's bad rows lose nobody else's end.
/// Before its transaction a batch makes its staged files durable in one step (<see cref="ResultFiles.SyncStagedAsync"/>).
/// </summary>
public sealed class GroupCommit(
    RunStore runs, ResultFiles files, StorageIndex index, Outbox outbox, Analytics.MentionStore mentions, Hosting.EngineMetrics metrics, TimeProvider clock,
    EngineOptions options, Func<int> inFlight, ILogger logger)
{
    /// <summary>A finished attempt: its end, the files it staged and the records it kept (indexed and counted only if it wins its fence).</summary>
    public sealed record Entry(Run Run, RunStore.Completion Done, IReadOnlyList<StoredObject> Files, IReadOnlyList<ResultRecord> Records);

    private sealed record Waiting(Entry Entry, TaskCompletionSource<bool> Won);

    /// <summary>
    /// Two batches may be in flight: while one is in its transaction, the next syncs its staged
    /// files (I/O) — on SQLite the two steps overlap instead of taking turns; on PostgreSQL the two
    /// transactions also run side by side (a job has one run at a time, so they touch different rows).
    /// </summary>
    private const int Flushers = 2;

    private readonly ConcurrentQueue<Waiting> queue = new();
    private int queued;
    private int flushers;
    private TaskCompletionSource arrived = NewSignal();

    /// <summary>Queues the end and waits for its batch: true when it was recorded, false when another attempt owns the run.</summary>
    public Task<bool> CommitAsync(Entry entry)
    {
        var waiting = new Waiting(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Enqueue(waiting);
        Interlocked.Increment(ref queued);
        Interlocked.Exchange(ref arrived, NewSignal()).TrySetResult();
        if (TryStartFlusher()) _ = Task.Run(FlushLoopAsync);
        return waiting.Won.Task;
    }

    private bool TryStartFlusher()
    {
        if (Interlocked.Increment(ref flushers) <= Flushers) return true;
        Interlocked.Decrement(ref flushers);
        return false;
    }

    /// <summary>A flusher gathers a batch and writes it, while there is anything queued; the next batch gathers while one is written.</summary>
    private async Task FlushLoopAsync()
    {
        while (true)
        {
            while (Volatile.Read(ref queued) > 0)
            {
                await GatherAsync();
                var batch = new List<Waiting>();
                while (batch.Count < options.CommitBatch && queue.TryDequeue(out var next)) batch.Add(next);
                if (batch.Count == 0) break; // the other flusher took them
                Interlocked.Add(ref queued, -batch.Count);
                await WriteAsync(batch);
            }
            Interlocked.Decrement(ref flushers);
            // An end queued after the check above, while this loop was leaving, is flushed by whoever starts next.
            if (Volatile.Read(ref queued) == 0 || !TryStartFlusher()) return;
        }
    }

    /// <summary>Waits until the batch is full, every held run is waiting, or the commit delay has passed.</summary>
    private async Task GatherAsync()
    {
        using var timer = new CancellationTokenSource();
        Task? delay = null;
        try
        {
            while (true)
            {
                var signal = Volatile.Read(ref arrived).Task;
                var waiting = Volatile.Read(ref queued);
                if (waiting >= options.CommitBatch || waiting >= inFlight()) return;
                delay ??= Task.Delay(options.CommitDelay, clock, timer.Token);
                if (await Task.WhenAny(signal, delay) == delay) return;
            }
        }
        finally
        {
            await timer.CancelAsync();
        }
    }

    private async Task WriteAsync(IReadOnlyList<Waiting> batch)
    {
        try
        {
            var won = await WriteBatchAsync(batch.Select(w => w.Entry).ToList());
            foreach (var w in batch) w.Won.TrySetResult(won.Contains(w.Entry.Run.Id));
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            logger.LogWarning(e, "Writing a batch of {Count} run completions failed; writing them one by one.", batch.Count);
        }
        catch (Exception e)
        {
            batch[0].Won.TrySetException(e);
            return;
        }
        foreach (var w in batch)
        {
            try
            {
                w.Won.TrySetResult((await WriteBatchAsync([w.Entry])).Count == 1);
            }
            catch (Exception e)
            {
                w.Won.TrySetException(e);
            }
        }
    }

    /// <summary>The batch's fenced ends, then the winners' index entries and outbox rows, in one transaction.</summary>
    private async Task<IReadOnlySet<string>> WriteBatchAsync(IReadOnlyList<Entry> batch)
    {
        // The staged files reach the disk first, all at once: the commit may then point at them.
        var started = clock.GetTimestamp();
        await files.SyncStagedAsync(batch.SelectMany(e => e.Files), CancellationToken.None);
        var synced = clock.GetTimestamp();
        // Who hears of the runs is read before the transaction, which then only writes.
        var recipients = await outbox.RecipientsAsync(batch.Select(e => e.Run).ToList(), CancellationToken.None);
        var entries = batch.ToDictionary(e => e.Run.Id);
        var winners = await runs.CompleteManyAsync(batch.Select(e => new RunStore.Completing(e.Run, e.Done)).ToList(), CancellationToken.None,
            async (transaction, won, ct) =>
            {
                await index.InsertManyAsync(transaction, won.SelectMany(c => entries[c.Run.Id].Files).ToList(), ct);
                await outbox.EnqueueAsync(transaction, won, recipients, ct);
                // The analytics' (job, source, record id) rows: one set-based insert-or-ignore per winning run.
                foreach (var c in won)
                    await mentions.RecordAsync(transaction, c.Run.ProjectId, c.Run.JobId, c.Run.Id, entries[c.Run.Id].Records, ct);
            });
        metrics.ObserveCommit(batch.Count, clock.GetElapsedTime(started, synced), clock.GetElapsedTime(synced));
        return winners.Select(c => c.Run.Id).ToHashSet();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
