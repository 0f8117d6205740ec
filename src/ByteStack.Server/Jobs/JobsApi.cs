using System.Security.Claims;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using ByteStack.Server.Runs;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Jobs;

/// <summary><c>/v1/jobs</c>: create, list, read, change, pause, resume and delete saved queries.</summary>
public static class JobsApi
{
    public static void MapJobsApi(this IEndpointRouteBuilder v1)
    {
        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");

        jobs.MapGet("/", async (ClaimsPrincipal user, JobStore store, RunStore runs, string? state, string? limit, string? cursor, CancellationToken ct) =>
        {
            JobState? filter = null;
            if (state is not null)
            {
                if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || JobStore.StateName(parsed) != state)
                    return Problems.BadParameter("state", "invalid_state", "state must be one of active, running, paused, failed.");
                filter = parsed;
            }
            if (!PageRequest.TryParse(limit, cursor, "job", out var page, out var problem)) return problem!;
            var rows = await store.ListAsync(user.ProjectId(), filter, page, ct);
            var lastRuns = await runs.LastRunsAsync(rows.Select(j => j.Id).ToList(), ct);
            return Results.Ok(page.ToPage(rows, j => j.Id, j => JobResponse.From(j, lastRuns.GetValueOrDefault(j.Id))));
        });

        jobs.MapPost("/", async (ClaimsPrincipal user, JobStore store, TimeProvider clock, IConfiguration configuration, JsonElement body, CancellationToken ct) =>
        {
            var (draft, errors) = JobRequest.ReadCreate(body);
            if (draft is null) return Problems.Validation(errors);
            if (await PrivateWebhookAsync(draft.WebhookUrl, configuration, ct) is { } refused) return refused;
            var job = JobRules.Create(user.ProjectId(), draft, clock.GetUtcNow());
            await store.InsertAsync(job, ct);
            return Results.Created($"/v1/jobs/{job.Id}", JobResponse.From(job, null));
        }).RequireAuthorization(Scopes.Write);

        jobs.MapGet("/{id}", async (ClaimsPrincipal user, JobStore store, RunStore runs, string id, CancellationToken ct) =>
            await store.GetAsync(user.ProjectId(), id, ct) is { } job ? Results.Ok(await ResponseAsync(job, runs, ct)) : NotFound(id));

        jobs.MapPatch("/{id}", async (ClaimsPrincipal user, JobStore store, RunStore runs, TimeProvider clock, IConfiguration configuration, string id, JsonElement body, CancellationToken ct) =>
        {
            var (patch, errors) = JobRequest.ReadPatch(body);
            if (patch is null) return Problems.Validation(errors);
            if (await PrivateWebhookAsync(patch.WebhookUrl.Value, configuration, ct) is { } refused) return refused;
            return await Change(user, store, runs, id, job => JobRules.Apply(job, patch, clock.GetUtcNow()), ct);
        }).RequireAuthorization(Scopes.Write);

        jobs.MapPost("/{id}/pause", (ClaimsPrincipal user, JobStore store, RunStore runs, TimeProvider clock, string id, CancellationToken ct) =>
            Change(user, store, runs, id, job => JobRules.Pause(job, clock.GetUtcNow()), ct)).RequireAuthorization(Scopes.Write);

        jobs.MapPost("/{id}/resume", (ClaimsPrincipal user, JobStore store, RunStore runs, TimeProvider clock, string id, CancellationToken ct) =>
            Change(user, store, runs, id, job => JobRules.Resume(job, clock.GetUtcNow()), ct)).RequireAuthorization(Scopes.Write);

        // Result files are kept (they are the user's data) unless delete_results=true.
        jobs.MapDelete("/{id}", async (ClaimsPrincipal user, JobStore store, IObjectStore storage, StorageIndex index, string id, string? delete_results, CancellationToken ct) =>
        {
            var deleteResults = false;
            if (delete_results is not null && !bool.TryParse(delete_results, out deleteResults))
                return Problems.BadParameter("delete_results", "invalid_delete_results", "delete_results must be true or false.");
            if (!await store.DeleteAsync(user.ProjectId(), id, ct)) return NotFound(id);
            if (deleteResults)
            {
                foreach (var key in await index.DeleteForJobAsync(user.ProjectId(), id, ct)) await storage.DeleteAsync(key, ct);
            }
            return Results.NoContent();
        }).RequireAuthorization(Scopes.Write);
    }

    private static async Task<IResult> Change(ClaimsPrincipal user, JobStore store, RunStore runs, string id, Func<Job, Job> change, CancellationToken ct) =>
        await store.UpdateAsync(user.ProjectId(), id, change, ct) is { } job ? Results.Ok(await ResponseAsync(job, runs, ct)) : NotFound(id);

    private static async Task<JobResponse> ResponseAsync(Job job, RunStore runs, CancellationToken ct) =>
        JobResponse.From(job, (await runs.LastRunsAsync([job.Id], ct)).GetValueOrDefault(job.Id));

    /// <summary>A job's webhook_url on a private or loopback network is refused, as registered webhooks are (each delivery checks again).</summary>
    private static async Task<IResult?> PrivateWebhookAsync(string? url, IConfiguration configuration, CancellationToken ct) =>
        url is not null && !configuration.GetValue<bool>(NetworkTargets.AllowPrivateSetting) && await NetworkTargets.ResolvesToPrivateAsync(new Uri(url), ct)
            ? Problems.Validation([new FieldError("webhook_url", "private_network_target",
                $"{new Uri(url).Host} is on a private or loopback network; webhooks must be reachable on the public internet.")])
            : null;

    private static IResult NotFound(string id) => Problems.NotFound("job_not_found", $"No job '{id}' in this project.");
}
