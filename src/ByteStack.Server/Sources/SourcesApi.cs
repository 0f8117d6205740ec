namespace ByteStack.Server.Sources;

/// <summary><c>GET /v1/sources</c>: every source, and whether this node can query it.</summary>
public static class SourcesApi
{
    public sealed record SourceResponse(string Id, string Name, SourceReadiness Status, string Detail);

    public static void MapSourcesApi(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/sources", (SourceRegistry registry) => Results.Ok(Describe(registry))).WithTags("Sources");

    /// <summary>Each source's readiness on this node (the API and the New Job form say the same).</summary>
    public static IReadOnlyList<SourceResponse> Describe(SourceRegistry registry) =>
        SourceCatalog.All.Select(s => registry.Find(s.Id == "rss" ? SourceCatalog.RssPrefix : s.Id) is { } connector
            ? new SourceResponse(s.Id, s.Name, connector.Readiness.Readiness, connector.Readiness.Detail)
            : new SourceResponse(s.Id, s.Name, SourceReadiness.Unavailable, s.UnavailableReason ?? "No connector exists.")).ToList();
}
