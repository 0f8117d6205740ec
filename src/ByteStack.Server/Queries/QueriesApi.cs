using System.Security.Claims;
using System.Text.Json;
using ByteStack.Server.Analysis;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Queries;

/// <summary><c>/v1/queries</c>: ask once, in the background; poll, or hold the request with <c>?wait=</c>.</summary>
public static class QueriesApi
{
    public const int MaxWaitSeconds = 60;

    public sealed record QueuedResponse(string Id, string QueryId, QueryStatus Status, DateTimeOffset CreatedAt);

    public sealed record QueryResponse(
        string Id, string QueryId, QueryStatus Status, string Prompt, IReadOnlyList<string> Sources, DateRangeResponse? DateRange, int Limit,
        DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] QueryResult? Result,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Error,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? ResultKey);

    private static readonly string[] Fields = ["prompt", "sources", "date_range", "limit"];

    public static void MapQueriesApi(this IEndpointRouteBuilder v1)
    {
        var queries = v1.MapGroup("/queries").WithTags("Queries");

        queries.MapPost("/", async (ClaimsPrincipal user, QueryStore store, QueryWorker worker, IObjectStore storage, TimeProvider clock,
            JsonElement body, string? wait, CancellationToken ct) =>
        {
            var waitSeconds = 0;
            if (wait is not null && (!InputRules.TryParseWholeNumber(wait, out waitSeconds) || waitSeconds is < 0 or > MaxWaitSeconds))
                return Problems.BadParameter("wait", "invalid_wait", $"wait must be a whole number of seconds from 0 to {MaxWaitSeconds}.");

            var fields = new JsonFields(body, Fields);
            if (!fields.IsObject) return Problems.Validation(fields.Errors);
            var prompt = fields.RequiredString("prompt", QueryFields.MaxPromptLength);
            var sources = QueryFields.ReadSources(fields, required: true);
            var dateRange = QueryFields.ReadDateRange(fields);
            var limit = fields.Int("limit", 1, 1000) ?? 100;
            if (fields.Errors.Count > 0) return Problems.Validation(fields.Errors);

            var now = clock.GetUtcNow();
            var query = new Query(Ids.New("qry", now), user.ProjectId(), prompt!, sources!, dateRange.Value, limit,
                QueryStatus.Queued, null, null, now, null, null);
            async Task Enqueue()
            {
                await store.InsertAsync(query, ct);
                worker.Wake();
            }

            if (waitSeconds == 0)
            {
                await Enqueue();
                return Results.Accepted($"/v1/queries/{query.Id}", new QueuedResponse(query.Id, query.Id, QueryStatus.Queued, now));
            }
            var current = await worker.WaitAsync(query, Enqueue, TimeSpan.FromSeconds(waitSeconds), ct) ?? query;
            return current.Status is QueryStatus.Completed or QueryStatus.Failed
                ? Results.Ok(await ToResponseAsync(current, storage, ct))
                : Results.Accepted($"/v1/queries/{query.Id}", new QueuedResponse(query.Id, query.Id, current.Status, now));
        }).RequireAuthorization(Scopes.Write);

        queries.MapGet("/{id}", async (ClaimsPrincipal user, QueryStore store, IObjectStore storage, string id, CancellationToken ct) =>
            await store.GetAsync(user.ProjectId(), id, ct) is { } query
                ? Results.Ok(await ToResponseAsync(query, storage, ct))
                : Problems.NotFound("query_not_found", $"No query '{id}' in this project."));
    }

    private static async Task<QueryResponse> ToResponseAsync(Query query, IObjectStore storage, CancellationToken ct)
    {
        QueryResult? result = null;
        if (query.Status == QueryStatus.Completed && query.ResultKey is { } key && await storage.ReadAsync(key, ct) is { } bytes)
            result = JsonSerializer.Deserialize<QueryResultFile>(bytes, Json.Options)!.Result;
        return new QueryResponse(query.Id, query.Id, query.Status, query.Prompt, query.Sources,
            query.DateRange is { } r ? new DateRangeResponse(r.Start, r.End) : null, query.Limit, query.CreatedAt, query.CompletedAt,
            result, query.Status == QueryStatus.Failed ? query.Error : null, query.ResultKey);
    }
}
