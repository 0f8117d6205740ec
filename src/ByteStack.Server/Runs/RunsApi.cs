using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Runs;

/// <summary>Run history, one run and its logs, "run now", and the day's timeline, over <see cref="RunsService"/>.</summary>
public static class RunsApi
{
    public static void MapRunsApi(this IEndpointRouteBuilder v1)
    {
        var runs = v1.MapGroup("/").WithTags("Runs");
        runs.MapGet("/jobs/{id}/runs", ListForJob).WithName("listJobRuns").WithSummary("List a job's runs, newest first")
            .Returns<Page<RunResponse>>().Fails(400, 404);
        runs.MapGet("/runs/{id}", Get).WithName("getRun").WithSummary("Get a run").Returns<RunResponse>().Fails(404);
        runs.MapGet("/runs/{id}/logs", Logs).WithName("getRunLogs").WithSummary("The raw source answers a run got")
            .Returns<RawLogsResponse>().Fails(404);
        runs.MapPost("/jobs/{id}/run", RunNow).WithName("runJobNow").WithSummary("Start a manual run now")
            .RequireAuthorization(Scopes.Write).Returns<RunResponse>(202).Fails(404, 409);
        runs.MapGet("/timeline", Timeline).WithName("getTimeline").WithSummary("The day's runs: done and upcoming")
            .Returns<TimelineResponse>().Fails(400);
        runs.MapGet("/jobs/{id}/timeline", JobTimeline).WithName("getJobTimeline").WithSummary("One job's day: done and upcoming runs")
            .Returns<TimelineResponse>().Fails(400, 404);
    }

    private static async Task<IResult> ListForJob(ClaimsPrincipal user, RunsService runs, string id, int? limit, string? cursor, CancellationToken ct) =>
        (await runs.ListForJobAsync(user.ProjectId(), id, limit, cursor, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Get(ClaimsPrincipal user, RunsService runs, string id, CancellationToken ct) =>
        (await runs.GetAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Logs(ClaimsPrincipal user, RunsService runs, string id, CancellationToken ct) =>
        (await runs.LogsAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> RunNow(ClaimsPrincipal user, RunsService runs, string id, CancellationToken ct) =>
        (await runs.RunNowAsync(user.ProjectId(), id, ct)).ToResult(run => TypedResults.Accepted($"/v1/runs/{run.Id}", run));

    private static async Task<IResult> Timeline(ClaimsPrincipal user, RunsService runs, string? date, string? tz, CancellationToken ct) =>
        (await runs.TimelineAsync(user.ProjectId(), null, date, tz, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> JobTimeline(ClaimsPrincipal user, RunsService runs, string id, string? date, string? tz, CancellationToken ct) =>
        (await runs.TimelineAsync(user.ProjectId(), id, date, tz, ct)).ToResult(TypedResults.Ok);
}
