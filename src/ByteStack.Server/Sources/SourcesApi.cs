using ByteStack.Server.Hosting;

namespace ByteStack.Server.Sources;

/// <summary><c>GET /v1/sources</c>: every source, and whether this node can query it.</summary>
public static class SourcesApi
{
    public static void MapSourcesApi(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/sources", List).WithTags("Sources").WithName("listSources")
            .WithSummary("List sources and whether this node can query them")
            .Returns<IReadOnlyList<SourceResponse>>();

    private static IResult List(SourcesService sources) => TypedResults.Ok(sources.List());
}
