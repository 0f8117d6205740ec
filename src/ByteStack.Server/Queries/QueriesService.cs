using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Queries;

/// <summary>One-off queries: ask (in the background, optionally waiting for the answer) and read.</summary>
public sealed class QueriesService(QueryStore store, QueryWorker worker, IObjectStore storage, TimeProvider clock)
{
    public const int MaxWaitSeconds = 60;
    public const int DefaultLimit = 100;

    /// <summary>
    /// Queues the query; with <paramref name="waitSeconds"/> &gt; 0 holds on until it ends or the wait is over.
    /// The answer's <see cref="QueryResponse.Status"/> says whether it finished.
    /// </summary>
    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<QueryResponse>> AskAsync(string projectId, CreateQueryRequest request, int? waitSeconds, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var wait = waitSeconds ?? 0;
        if (wait is < 0 or > MaxWaitSeconds)
            return Problems.BadParameter("wait", "invalid_wait", $"wait must be a whole number of seconds from 0 to {MaxWaitSeconds}.");

        var checks = new FieldChecks(bindingErrors);
        if (checks.BodyInvalid) return checks.Problem!;
        var prompt = checks.Required("prompt", request.Prompt, QueryFields.MaxPromptLength);
        var sources = QueryFields.ReadSources(checks, request.Sources, required: true);
        var dateRange = QueryFields.ReadDateRange(checks, request.DateRange, sentNull: false);
        var limit = checks.Int("limit", request.Limit, 1, 1000) ?? DefaultLimit;
        if (checks.Problem is { } problem) return problem;

        var now = clock.GetUtcNow();
        var query = new Query(Ids.New("qry", now), projectId, prompt!, sources!, dateRange.Value, limit,
            QueryStatus.Queued, null, null, now, null, null);
        async Task Enqueue()
        {
            await store.InsertAsync(query, ct);
            worker.Wake();
        }

        if (wait == 0)
        {
            await Enqueue();
            return await ToResponseAsync(query, ct);
        }
        return await ToResponseAsync(await worker.WaitAsync(query, Enqueue, TimeSpan.FromSeconds(wait), ct) ?? query, ct);
    }

    public async Task<Outcome<QueryResponse>> GetAsync(string projectId, string id, CancellationToken ct) =>
        await store.GetAsync(projectId, id, ct) is { } query
            ? await ToResponseAsync(query, ct)
            : Problems.NotFound(ErrorCodes.QueryNotFound, $"No query '{id}' in this project.");

    public static bool IsFinished(QueryResponse query) => query.Status is QueryStatus.Completed or QueryStatus.Failed;

    private async Task<QueryResponse> ToResponseAsync(Query query, CancellationToken ct)
    {
        QueryResult? result = null;
        if (query.Status == QueryStatus.Completed && query.ResultKey is { } key && await storage.ReadAsync(key, ct) is { } bytes)
            result = JsonSerializer.Deserialize<QueryResultFile>(bytes, Json.Options)!.Result;
        return new QueryResponse(query.Id, query.Id, query.Status, query.Prompt, query.Sources, query.DateRange, query.Limit,
            query.CreatedAt, query.CompletedAt, result, query.Status == QueryStatus.Failed ? query.Error : null, query.ResultKey);
    }
}
