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
/// </summary>
public sealed class GroupCommit(
    RunStore runs, StorageIndex index, Outbox outbox, Analytics.MentionStore mentions, TimeProvider clock, EngineOptions options, Func<int> inFlight, ILogger logger)
{
    /// <summary>A finished attempt: its end, the files it staged and the records it kept (indexed and counted only if it wins its fence).</summary>
    public sealed record Entry(Run Run, RunStore.Completion Done, IReadOnlyList<StoredObject> Files, IReadOnlyList<ResultRecord> Records);

    private sealed record Waiting(Entry Entry, TaskCompletionSource<bool> Won);

    private readonly ConcurrentQueue<Waiting> queue = new();
    private int queued;
    private int flushing;
    private TaskCompletionSource arrived = NewSignal();

    /// <summary>Queues the end and waits for its batch: true when it was recorded, false when another attempt owns the run.</summary>
    public Task<bool> CommitAsync(Entry entry)
    {
        var waiting = new Waiting(entry, new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously));
        queue.Enqueue(waiting);
        Interlocked.Increment(ref queued);
        Interlocked.Exchange(ref arrived, NewSignal()).TrySetResult();
        if (Interlocked.CompareExchange(ref flushing, 1, 0) == 0) _ = Task.Run(FlushLoopAsync);
        return waiting.Won.Task;
    }

    /// <summary>One flusher at a time: batches are written one after another, and the next one gathers while one is written.</summary>
    private async Task FlushLoopAsync()
    {
        while (true)
        {
            while (Volatile.Read(ref queued) > 0)
            {
                await GatherAsync();
                var batch = new List<Waiting>();
                while (batch.Count < options.CommitBatch && queue.TryDequeue(out var next)) batch.Add(next);
                Interlocked.Add(ref queued, -batch.Count);
                await WriteAsync(batch);
            }
            Volatile.Write(ref flushing, 0);
            // An end queued after the check above, while this loop was leaving, is flushed by whoever wins this.
            if (Volatile.Read(ref queued) == 0 || Interlocked.CompareExchange(ref flushing, 1, 0) != 0) return;
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
        return winners.Select(c => c.Run.Id).ToHashSet();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
