using System.Security.Claims;
using System.Text.Json.Serialization;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Analytics;

/// <summary>
/// <c>GET /v1/analytics</c>: mentions, unique users and sentiment over a period, per job or for the
/// project, each post counted once at the time it was posted, beside the period before it.
/// </summary>
public static class AnalyticsApi
{
    public const int TopAuthors = 10;

    public sealed record Figures(long TotalMentions, long UniqueUsers, long PositiveCount, long NegativeCount, long NeutralCount);

    public sealed record PreviousFigures(DateTimeOffset From, DateTimeOffset To, long TotalMentions, long UniqueUsers, long PositiveCount, long NegativeCount, long NeutralCount);

    public sealed record Summary(long TotalMentions, long UniqueUsers, long PositiveCount, long NegativeCount, long NeutralCount, PreviousFigures Previous);

    public sealed record Point(DateTimeOffset At, IReadOnlyDictionary<string, long> BySource, long Mentions, long UniqueUsers, long PositiveCount, long NegativeCount, long NeutralCount);

    public sealed record SourceFigures(long Mentions, long UniqueUsers);

    public sealed record TopAuthor(string Source, string Author, long Mentions);

    public sealed record AnalyticsResponse(
        DateTimeOffset From, DateTimeOffset To, AnalyticsInterval Interval,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId,
        Summary Summary, IReadOnlyList<Point> Series, IReadOnlyDictionary<string, SourceFigures> BySource, IReadOnlyList<TopAuthor> TopAuthors);

    public static void MapAnalyticsApi(this IEndpointRouteBuilder v1) =>
        v1.MapGet("/analytics", async (ClaimsPrincipal user, JobStore jobs, MentionStore mentions, TimeProvider clock,
            string? job_id, string? from, string? to, string? interval, CancellationToken ct) =>
        {
            var (period, field, error) = AnalyticsRules.Resolve(from, to, interval, clock.GetUtcNow());
            if (period is null) return Problems.BadParameter(field!, $"invalid_{field}", error!).ToResult();
            if (!string.IsNullOrEmpty(job_id) && await jobs.GetAsync(user.ProjectId(), job_id, ct) is null)
                return Problems.NotFound("job_not_found", $"No job '{job_id}' in this project.").ToResult();
            return Results.Ok(await QueryAsync(user.ProjectId(), string.IsNullOrEmpty(job_id) ? null : job_id, period, mentions, ct));
        }).WithTags("Analytics").WithName("getAnalytics")
            .WithSummary("Mentions, unique users and sentiment over a period, each post counted once")
            .Returns<AnalyticsResponse>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound);

    /// <summary>The answer of the API, and what the dashboard's charts draw.</summary>
    public static async Task<AnalyticsResponse> QueryAsync(string projectId, string? jobId, AnalyticsPeriod period, MentionStore mentions, CancellationToken ct)
    {
        var a = await mentions.AggregateAsync(projectId, jobId, period.From, period.To, period.BucketMillis, TopAuthors, ct);
        var cells = a.Cells.ToLookup(c => c.Bucket);
        var users = a.Users.ToDictionary(u => u.Bucket, u => u.UniqueUsers);
        var series = AnalyticsRules.Buckets(period).Select(at =>
        {
            var ms = at.ToUnixTimeMilliseconds();
            var here = cells[ms].ToList();
            return new Point(at,
                here.GroupBy(c => c.Source).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Mentions)),
                here.Sum(c => c.Mentions), users.GetValueOrDefault(ms),
                Count(here, "positive"), Count(here, "negative"), Count(here, "neutral"));
        }).ToList();
        var previousFrom = period.From - (period.To - period.From);
        return new AnalyticsResponse(period.From, period.To, period.Interval, jobId,
            new Summary(a.Current.Mentions, a.Current.UniqueUsers, a.Current.Positive, a.Current.Negative, a.Current.Neutral,
                new PreviousFigures(previousFrom, period.From, a.Previous.Mentions, a.Previous.UniqueUsers, a.Previous.Positive, a.Previous.Negative, a.Previous.Neutral)),
            series,
            a.BySource.ToDictionary(s => s.Source, s => new SourceFigures(s.Mentions, s.UniqueUsers)),
            a.TopAuthors.Select(t => new TopAuthor(t.Source, t.Name, t.Mentions)).ToList());
    }

    private static long Count(IEnumerable<MentionStore.Cell> cells, string sentiment) => cells.Where(c => c.Sentiment == sentiment).Sum(c => c.Mentions);
}
