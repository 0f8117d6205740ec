using ByteStack.Server.Analysis;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

/// <summary>What one execution produced: a result, or why there is none.</summary>
public sealed record QueryOutcome(QueryPlan Plan, QueryResult? Result, string? Error);

/// <summary>
/// Plan → fetch (every source at once) → analyse. Used for one-off queries and job runs alike.
/// A run fails only when it cannot answer: every source unavailable. When some answered, it
/// completes and its result says which did not. Each source fetches and analyses up to the
/// analysis cap (<see cref="SourcesOptions.AnalysisCap"/>); <c>limit</c> only caps the records
/// the result returns.
/// </summary>
public sealed class QueryEngine(
    SourceRegistry sources, QueryPlanner planner, LlmSentiment sentiment, Hosting.EngineMetrics metrics, Microsoft.Extensions.Options.IOptions<SourcesOptions> options, ILogger<QueryEngine> logger)
{
    public async Task<QueryOutcome> RunAsync(string prompt, IReadOnlyList<string> selected, TimeWindow? window, int limit, DateTimeOffset now, CancellationToken ct)
    {
        var plan = await planner.PlanAsync(prompt, selected, window, now, ct);
        if (plan.Refusal is not null) return new QueryOutcome(plan, null, plan.Refusal);
        if (plan.Terms.Count == 0)
            return new QueryOutcome(plan, null, "The prompt names nothing to search for; quote the term, e.g. \"Acme\".");

        var fetches = await Task.WhenAll(plan.Sources.Select(source =>
            sources.Find(source) is { } connector
                ? connector.FetchAsync(new SourceQuery(source, plan.Terms, plan.Exclusions, plan.Window, options.Value.AnalysisCap)
                {
                    Language = plan.Language, IncludeReposts = plan.IncludeReposts, ExcludedAuthors = plan.ExcludedAuthors,
                }, ct)
                : Task.FromResult(SourceFetch.Unavailable(source, "unavailable", SourceCatalog.Find(source)?.UnavailableReason ?? "No connector exists for this source."))));

        foreach (var fetch in fetches.Where(f => f.QuotaUnits > 0)) metrics.CountSourceQuota(fetch.Source, fetch.QuotaUnits);
        foreach (var failed in fetches.Where(f => f.Status == FetchStatus.Unavailable))
        {
            metrics.CountSourceError(failed.Source.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal) ? "rss" : failed.Source, failed.Code ?? "unavailable");
            logger.LogWarning("Source {Source} unavailable ({Code}): {Reason}", failed.Source, failed.Code, failed.Reason);
        }

        if (fetches.All(f => f.Status == FetchStatus.Unavailable))
            return new QueryOutcome(plan, null, "No source could be queried: " + string.Join("; ", fetches.Select(f => $"{f.Source}: {f.Reason}")));

        var labels = await sentiment.LabelAsync(ResultBuilder.ToLabel(fetches), ct);
        var result = await planner.WriteSummaryAsync(plan, ResultBuilder.Build(plan, fetches, limit, labels), ct);
        return new QueryOutcome(plan, result, null);
    }
}
