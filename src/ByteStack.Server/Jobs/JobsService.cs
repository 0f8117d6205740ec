using ByteStack.Server.Hosting;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Jobs;

/// <summary>
/// Jobs for one project: create, list, read, change, pause, resume, delete, and schedule previews.
/// The HTTP API and the dashboard both call this; it answers typed outcomes.
/// </summary>
public sealed class JobsService(JobStore store, RunStore runs, StorageService storage, SourcesService sources,
    TimeProvider clock, IConfiguration configuration)
{
    public const int MaxPreviewCount = 100;

    public async Task<Outcome<Page<JobResponse>>> ListAsync(string projectId, string? state, int? limit, string? cursor, CancellationToken ct)
    {
        JobState? filter = null;
        if (state is not null)
        {
            if (!Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) || JobStore.StateName(parsed) != state)
                return Problems.BadParameter("state", ErrorCodes.InvalidState, "state must be one of active, running, paused, failed.");
            filter = parsed;
        }
        if (!PageRequest.TryParse(limit, cursor, "job", out var page, out var problem)) return problem;
        var rows = await store.ListAsync(projectId, filter, page, ct);
        var lastRuns = await runs.LastRunsAsync(rows.Select(j => j.Id).ToList(), ct);
        return Outcome.Ok(page.ToPage(rows, j => j.Id, j => ToResponse(j, lastRuns.GetValueOrDefault(j.Id))));
    }

    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<JobResponse>> CreateAsync(string projectId, CreateJobRequest request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        var draft = JobRequest.ReadCreate(request, checks, clock.GetUtcNow());
        if (draft is null) return checks.Problem!;
        if (await PrivateWebhookAsync(draft.WebhookUrl, ct) is { } refused) return refused;
        var job = JobRules.Create(projectId, draft, clock.GetUtcNow());
        await store.InsertAsync(job, ct);
        return ToResponse(job, null);
    }

    public async Task<Outcome<JobResponse>> GetAsync(string projectId, string id, CancellationToken ct) =>
        await store.GetAsync(projectId, id, ct) is { } job ? await ResponseAsync(job, ct) : NotFound(id);

    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<JobResponse>> UpdateAsync(string projectId, string id, UpdateJobRequest request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        var patch = JobRequest.ReadPatch(request, checks);
        if (patch is null) return checks.Problem!;
        if (await PrivateWebhookAsync(patch.WebhookUrl.Value, ct) is { } refused) return refused;
        if (patch.Prompt is not null || patch.DateRange.IsSet)
        {
            // The prompt's time is read against the date_range the job will have after the change.
            if (await store.GetAsync(projectId, id, ct) is not { } current) return NotFound(id);
            JobRequest.CheckTime(checks, patch.Prompt ?? current.Prompt, patch.DateRange.Or(current.DateRange) is not null, clock.GetUtcNow());
            if (checks.Problem is { } problem) return problem;
        }
        return await ChangeAsync(projectId, id, job => JobRules.Apply(job, patch, clock.GetUtcNow()), ct);
    }

    public Task<Outcome<JobResponse>> PauseAsync(string projectId, string id, CancellationToken ct) =>
        ChangeAsync(projectId, id, job => JobRules.Pause(job, clock.GetUtcNow()), ct);

    public Task<Outcome<JobResponse>> ResumeAsync(string projectId, string id, CancellationToken ct) =>
        ChangeAsync(projectId, id, job => JobRules.Resume(job, clock.GetUtcNow()), ct);

    /// <summary>Result files are kept (they are the user's data) unless <paramref name="deleteResults"/>.</summary>
    public async Task<Outcome> DeleteAsync(string projectId, string id, bool deleteResults, CancellationToken ct)
    {
        if (!await store.DeleteAsync(projectId, id, ct)) return NotFound(id);
        if (deleteResults) await storage.DeleteForJobAsync(projectId, id, ct);
        return Outcome.Done;
    }

    /// <summary>A schedule's description and next fire times, for forms.</summary>
    public Outcome<SchedulePreviewResponse> Preview(string? schedule, int? count)
    {
        var n = count ?? 5;
        if (n is < 1 or > MaxPreviewCount)
            return Problems.BadParameter("count", "invalid_count", $"count must be a whole number from 1 to {MaxPreviewCount}.");
        if (string.IsNullOrWhiteSpace(schedule))
            return Problems.BadParameter("schedule", ErrorCodes.InvalidSchedule, "schedule is required, e.g. daily or 0 8 * * *.");
        if (!Schedule.TryParseString(schedule, out var parsed, out var error))
            return Problems.BadParameter("schedule", ErrorCodes.InvalidSchedule, error);
        return new SchedulePreviewResponse(parsed.ToResponse(), parsed.NextOccurrences(clock.GetUtcNow(), n));
    }

    /// <summary>The job for the engine-facing parts of the API (runs, timeline), or null.</summary>
    internal Task<Job?> FindAsync(string projectId, string id, CancellationToken ct) => store.GetAsync(projectId, id, ct);

    public static ApiProblem NotFound(string id) => Problems.NotFound(ErrorCodes.JobNotFound, $"No job '{id}' in this project.");

    private async Task<Outcome<JobResponse>> ChangeAsync(string projectId, string id, Func<Job, Job> change, CancellationToken ct) =>
        await store.UpdateAsync(projectId, id, change, ct) is { } job ? await ResponseAsync(job, ct) : NotFound(id);

    private async Task<JobResponse> ResponseAsync(Job job, CancellationToken ct) =>
        ToResponse(job, (await runs.LastRunsAsync([job.Id], ct)).GetValueOrDefault(job.Id));

    private JobResponse ToResponse(Job job, Run? lastRun) => new(
        job.Id, job.Name, job.Prompt, job.Sources, job.Schedule.ToResponse(), job.Limit, job.DateRange, job.WebhookUrl, job.State,
        job.LastSyncAt, job.NextSyncAt, lastRun is null ? null : RunsService.ToLastRun(lastRun), job.Failure,
        sources.Warnings(job.Sources), job.CreatedAt, job.UpdatedAt);

    /// <summary>A job's webhook_url on a private or loopback network is refused, as registered webhooks are (each delivery checks again).</summary>
    private async Task<ApiProblem?> PrivateWebhookAsync(string? url, CancellationToken ct) =>
        url is not null && !configuration.GetValue<bool>(NetworkTargets.AllowPrivateSetting) && await NetworkTargets.ResolvesToPrivateAsync(new Uri(url), ct)
            ? Problems.Validation([new FieldError("webhook_url", ErrorCodes.PrivateNetworkTarget,
                $"{new Uri(url).Host} is on a private or loopback network; webhooks must be reachable on the public internet.")])
            : null;
}
