using System.Text.Json;
using ByteStack.Server.Analytics;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Dashboard.Analytics;

/// <summary>Analytics: charts over a chosen period, per job or for the project, drawn from <c>GET /v1/analytics</c>'s answer.</summary>
public static class AnalyticsPages
{
    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Span)> Periods =
    [
        ("24h", "Last 24 hours", TimeSpan.FromHours(24)), ("7d", "Last 7 days", TimeSpan.FromDays(7)), ("30d", "Last 30 days", TimeSpan.FromDays(30)),
    ];

    public sealed record Model(string Period, string From, string To, string? JobId, string? JobName, AnalyticsApi.AnalyticsResponse? Data, string Json, string? Error);

    public static void MapAnalyticsPages(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/analytics", async (HttpContext http, JobStore jobs, MentionStore mentions, TimeProvider clock,
            string? job_id, string? period, string? from, string? to, CancellationToken ct) =>
        {
            var now = clock.GetUtcNow();
            var choice = period is "custom" || Periods.Any(p => p.Value == period) ? period! : "7d";
            var jobId = string.IsNullOrWhiteSpace(job_id) ? null : job_id.Trim();
            var frame = Frame.For(http, "Analytics", "analytics");
            string? error = null;
            Job? job = null;
            if (jobId is not null && (job = await jobs.GetAsync(http.User.ProjectId(), jobId, ct)) is null) error = $"No job '{jobId}' in this project.";

            AnalyticsPeriod? resolved = null;
            if (error is null)
            {
                (resolved, _, error) = choice == "custom"
                    ? AnalyticsRules.Resolve(from, to, null, now)
                    : AnalyticsRules.Resolve(Json.Format(now - Periods.First(p => p.Value == choice).Span), Json.Format(now), null, now);
            }
            var data = resolved is null ? null : await AnalyticsApi.QueryAsync(http.User.ProjectId(), jobId, resolved, mentions, ct);
            var model = new Model(choice, from ?? "", to ?? "", jobId, job?.Name, data, data is null ? "null" : JsonSerializer.Serialize(data, Json.Options), error);
            return Page.Render<AnalyticsPage>(frame, model, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
    }
}
