namespace ByteStack.Server.Sources;

/// <summary>Which sources exist and whether this node can query them; what a job's sources still lack.</summary>
public sealed class SourcesService(SourceRegistry registry)
{
    public IReadOnlyList<SourceResponse> List() =>
        SourceCatalog.All.Select(s => registry.Find(s.Id == "rss" ? SourceCatalog.RssPrefix : s.Id) is { } connector
            ? new SourceResponse(s.Id, s.Name, connector.Readiness.Readiness, connector.Readiness.Detail)
            : new SourceResponse(s.Id, s.Name, SourceReadiness.Unavailable, s.UnavailableReason ?? "No connector exists.")).ToList();

    /// <summary>One warning per source that needs credentials this node lacks, naming the setting to add.</summary>
    public IReadOnlyList<JobWarning> Warnings(IEnumerable<string> sources) =>
        sources.Select(s => registry.Find(s) is { Readiness: (SourceReadiness.NeedsCredentials, var detail) }
                ? new JobWarning(ErrorCodes.SourceNeedsCredentials, s, $"{s} needs credentials, so runs will report it unavailable. {detail}")
                : null)
            .OfType<JobWarning>().ToList();
}
