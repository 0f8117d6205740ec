using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Queries;

/// <summary><c>/v1/queries</c> over <see cref="QueriesService"/>: ask once, in the background; poll, or hold the request with <c>?wait=</c>.</summary>
public static class QueriesApi
{
    public static void MapQueriesApi(this IEndpointRouteBuilder v1)
    {
        var queries = v1.MapGroup("/queries").WithTags("Queries");
        queries.MapPost("/", Ask).WithName("createQuery")
            .WithSummary("Ask a question once: 202 while it runs; with ?wait=N (≤ 60 s) 200 with the answer if it ends in time")
            .RequireAuthorization(Scopes.Write).Body<CreateQueryRequest>()
            .Returns<QueryResponse>().Returns<QueuedQueryResponse>(202);
        queries.MapGet("/{id}", Get).WithName("getQuery").WithSummary("Get a query and, once completed, its result")
            .Returns<QueryResponse>().Fails(404);
    }

    private static async Task<IResult> Ask(ClaimsPrincipal user, QueriesService queries, JsonBody<CreateQueryRequest> body, int? wait, CancellationToken ct) =>
        (await queries.AskAsync(user.ProjectId(), body.Value, wait, ct, body.Errors)).ToResult(query => QueriesService.IsFinished(query)
            ? TypedResults.Ok(query)
            : TypedResults.Accepted($"/v1/queries/{query.Id}", new QueuedQueryResponse(query.Id, query.QueryId, query.Status, query.CreatedAt)));

    private static async Task<IResult> Get(ClaimsPrincipal user, QueriesService queries, string id, CancellationToken ct) =>
        (await queries.GetAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);
}
