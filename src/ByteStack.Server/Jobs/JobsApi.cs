using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Jobs;

/// <summary><c>/v1/jobs</c> over <see cref="JobsService"/>: create, list, read, change, pause, resume and delete saved queries.</summary>
public static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder v1)
    {
        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");

        jobs.MapGet("/", List).WithName("listJobs").WithSummary("List jobs, newest first")
            .Returns<Page<JobResponse>>().Fails(400);
        jobs.MapPost("/", Create).WithName("createJob").WithSummary("Create a job")
            .RequireAuthorization(Scopes.Write).Body<CreateJobRequest>().Returns<JobResponse>(201);
        jobs.MapGet("/{id}", Get).WithName("getJob").WithSummary("Get a job")
            .Returns<JobResponse>().Fails(404);
        jobs.MapPatch("/{id}", Update).WithName("updateJob").WithSummary("Change a job's fields or state")
            .RequireAuthorization(Scopes.Write).Body<UpdateJobRequest>().Returns<JobResponse>().Fails(404);
        jobs.MapPost("/{id}/pause", Pause).WithName("pauseJob").WithSummary("Pause a job")
            .RequireAuthorization(Scopes.Write).Returns<JobResponse>().Fails(404);
        jobs.MapPost("/{id}/resume", Resume).WithName("resumeJob").WithSummary("Resume a paused or failed job")
            .RequireAuthorization(Scopes.Write).Returns<JobResponse>().Fails(404);
        jobs.MapDelete("/{id}", Delete).WithName("deleteJob").WithSummary("Delete a job (its result files too with delete_results=true)")
            .RequireAuthorization(Scopes.Write).Produces(204).Fails(400, 404);
        v1.MapGet("/schedules/preview", Preview).WithTags("Jobs").WithName("previewSchedule")
            .WithSummary("Describe a schedule and list its next fire times").Returns<SchedulePreviewResponse>().Fails(400);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, JobsService jobs, string? state, int? limit, string? cursor, CancellationToken ct) =>
        (await jobs.ListAsync(user.ProjectId(), state, limit, cursor, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Create(ClaimsPrincipal user, JobsService jobs, JsonBody<CreateJobRequest> body, CancellationToken ct) =>
        (await jobs.CreateAsync(user.ProjectId(), body.Value, ct, body.Errors)).ToResult(job => TypedResults.Created($"/v1/jobs/{job.Id}", job));

    private static async Task<IResult> Get(ClaimsPrincipal user, JobsService jobs, string id, CancellationToken ct) =>
        (await jobs.GetAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Update(ClaimsPrincipal user, JobsService jobs, string id, JsonBody<UpdateJobRequest> body, CancellationToken ct) =>
        (await jobs.UpdateAsync(user.ProjectId(), id, body.Value with { Nulls = body.Nulls }, ct, body.Errors)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Pause(ClaimsPrincipal user, JobsService jobs, string id, CancellationToken ct) =>
        (await jobs.PauseAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Resume(ClaimsPrincipal user, JobsService jobs, string id, CancellationToken ct) =>
        (await jobs.ResumeAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Delete(ClaimsPrincipal user, JobsService jobs, string id, bool? delete_results, CancellationToken ct) =>
        (await jobs.DeleteAsync(user.ProjectId(), id, delete_results ?? false, ct)).ToResult(TypedResults.NoContent);

    private static IResult Preview(JobsService jobs, string? schedule, int? count) =>
        jobs.Preview(schedule, count).ToResult(TypedResults.Ok);
}
