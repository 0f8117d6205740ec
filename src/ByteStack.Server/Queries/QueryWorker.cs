using System.Collections.Concurrent;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Storage;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Queries;

public sealed class QueriesOptions
{
    public const string Section = "ByteStack:Queries";

    /// <summary>How many queries this node runs at once.</summary>
    public int Workers { get; set; } = 4;

    /// <summary>How often idle workers look for queries other nodes queued.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A query still <c>running</c> after this long was left by a node that stopped, and runs again.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// Runs queued queries on a bounded pool of workers. The queue is the <c>queries</c> table, so
/// nothing is lost on restart; a POST only wakes a worker early.
/// </summary>
public sealed class QueryWorker(
    QueryStore store, QueryEngine engine, ResultFiles results, TimeProvider clock, IOptions<QueriesOptions> options, ILogger<QueryWorker> logger)
    : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> finished = new();

    public void Wake() => wake.Release();

    /// <summary>
    /// Enqueues the query, then waits until it ends or <paramref name="timeout"/> passes, and returns
    /// it as it then is. Watching starts before the query can run, so a fast one is not missed; the
    /// database is re-read now and then, for a query another node runs.
    /// </summary>
    public async Task<Query?> WaitAsync(Query query, Func<Task> enqueue, TimeSpan timeout, CancellationToken ct)
    {
        var done = finished.GetOrAdd(query.Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await enqueue();
            var deadline = clock.GetUtcNow() + timeout;
            while (true)
            {
                var current = await store.GetAsync(query.ProjectId, query.Id, ct);
                var left = deadline - clock.GetUtcNow();
                if (current is null || current.Status is QueryStatus.Completed or QueryStatus.Failed || left <= TimeSpan.Zero) return current;
                await Task.WhenAny(done.Task, Task.Delay(left < RecheckInterval ? left : RecheckInterval, clock, ct));
            }
        }
        finally
        {
            finished.TryRemove(new KeyValuePair<string, TaskCompletionSource>(query.Id, done));
        }
    }

    private static readonly TimeSpan RecheckInterval = TimeSpan.FromMilliseconds(500);

    protected override Task ExecuteAsync(CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => Task.Run(() => LoopAsync(ct), ct)));

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(ct)) continue;
                await wake.WaitAsync(options.Value.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The query worker failed; it backs off and goes on.");
                await Task.Delay(options.Value.PollInterval, clock, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Claims and runs one queued query; false when there was none.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        var query = await store.ClaimNextAsync(clock.GetUtcNow(), options.Value.StaleAfter, ct);
        if (query is null) return false;

        var claimedAt = query.StartedAt!.Value;
        bool recorded;
        try
        {
            var window = query.DateRange is { } range ? QueryFields.ToWindow(range) : null;
            var outcome = await engine.RunAsync(query.Prompt, query.Sources, window, query.Limit, clock.GetUtcNow(), ct);
            var completedAt = clock.GetUtcNow();
            if (outcome.Result is null)
            {
                recorded = await store.FinishAsync(query.Id, claimedAt, QueryStatus.Failed, null, outcome.Error, completedAt, ct);
            }
            else
            {
                var key = ResultKey(query.Id, completedAt);
                var file = new QueryResultFile(query.Id, query.Prompt, query.Sources, completedAt, outcome.Result);
                await results.WriteAsync(query.ProjectId, key, JsonSerializer.SerializeToUtf8Bytes(file, Json.Options), null, null, query.Id, ct);
                recorded = await store.FinishAsync(query.Id, claimedAt, QueryStatus.Completed, key, null, completedAt, ct);
            }
            logger.LogInformation("Query {QueryId} {Status}", query.Id, outcome.Result is null ? "failed" : "completed");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Our fault, not the user's: the query fails with the reason instead of staying "running".
            logger.LogError(e, "Query {QueryId} failed with an internal error.", query.Id);
            recorded = await store.FinishAsync(query.Id, claimedAt, QueryStatus.Failed, null, $"Internal error: {e.Message}", clock.GetUtcNow(), ct);
        }
        if (!recorded) logger.LogWarning("Query {QueryId} was taken over by another worker; this outcome is not recorded.", query.Id);
        if (finished.TryGetValue(query.Id, out var done)) done.TrySetResult();
        return true;
    }

    /// <summary><c>qry_&lt;id&gt;/2026-04-30T08:01:22Z.json</c>: the rule of <see cref="Storage.ResultKeys"/>, at the completion instant.</summary>
    public static string ResultKey(string queryId, DateTimeOffset completedAt) => Storage.ResultKeys.For(queryId, completedAt);
}
