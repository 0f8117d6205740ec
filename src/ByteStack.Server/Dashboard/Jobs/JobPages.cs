using ByteStack.Contracts;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Projects;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Dashboard.Jobs;

/// <summary>Jobs: the list (search, filter, cursor pages), New Job and Edit, the job page with its runs, and Today.</summary>
public static class JobPages
{
    public const int PageSize = 50;
    public const int RunsPageSize = 20;
    public const int PreviewCount = 5;

    public sealed record ListItem(Job Job, Run? LastRun);

    public sealed record ListModel(IReadOnlyList<ListItem> Items, string? Search, string? State, string? NextCursor, bool Filtered);

    public sealed record FormModel(string? JobId, JobFormInput Input, IReadOnlyDictionary<string, string[]> Errors,
        IReadOnlyList<SourceResponse> Sources, SchedulePreview Preview);

    public sealed record SchedulePreview(string? Description, IReadOnlyList<DateTimeOffset> Next, string? Error);

    public sealed record RunsModel(string JobId, IReadOnlyList<Run> Runs, string? Cursor, string? NextCursor, DateTimeOffset Now)
    {
        /// <summary>Runs still moving: the table asks again every few seconds until none is left.</summary>
        public bool InProgress => Runs.Any(r => r.Status is RunStatus.Pending or RunStatus.Running);
    }

    public sealed record JobModel(Job Job, RunsModel Runs, TimelineResponse Today);

    public sealed record TodayModel(TimelineResponse Timeline, IReadOnlyDictionary<string, string> JobNames, int UpcomingShown);

    public static void MapJobPages(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/jobs", async (HttpContext http, JobStore jobs, RunStore runs, string? q, string? state, string? cursor, CancellationToken ct) =>
        {
            JobState? filter = Enum.TryParse<JobState>(state, ignoreCase: true, out var parsed) ? parsed : null;
            if (!PageRequest.TryParse(PageSize, cursor, "job", out var page, out _)) page = new PageRequest(PageSize, null);
            var rows = await jobs.ListAsync(http.User.ProjectId(), filter, page, ct, q);
            var shown = page.ToPage(rows, j => j.Id, j => j);
            var lastRuns = await runs.LastRunsAsync(shown.Data.Select(j => j.Id).ToList(), ct);
            var model = new ListModel(shown.Data.Select(j => new ListItem(j, lastRuns.GetValueOrDefault(j.Id))).ToList(),
                q, filter is { } f ? JobStore.StateName(f) : null, shown.NextCursor, !string.IsNullOrWhiteSpace(q) || filter is not null);
            return Page.Render<JobsListPage>(Frame.For(http, "Jobs", "jobs"), model);
        });

        pages.MapGet("/jobs/new", (HttpContext http, SourcesService sources, TimeProvider clock) =>
            Page.Render<JobFormPage>(Frame.For(http, "New job", "jobs"), Form(null, JobFormInput.Blank, NoErrors, sources, clock)));

        pages.MapPost("/jobs/new", async (HttpContext http, JobsService jobs, SourcesService sources, TimeProvider clock, CancellationToken ct) =>
        {
            var input = JobFormInput.Read(await http.Request.ReadFormAsync(ct));
            var (request, formErrors) = input.ToRequest();
            var created = await jobs.CreateAsync(http.User.ProjectId(), request, ct, formErrors);
            return created.Succeeded
                ? Results.Redirect($"/jobs/{created.Value.Id}?notice=created")
                : Page.Render<JobFormPage>(Frame.For(http, "New job", "jobs"), Form(null, input, JobFormInput.Merge(formErrors, Errors(created.Problem)), sources, clock),
                    StatusCodes.Status422UnprocessableEntity);
        }).RequireSession(Scopes.Write);

        pages.MapGet("/jobs/schedule-preview", (TimeProvider clock, string? preset, string? time, string? cron) =>
            Page.Fragment<SchedulePreviewView>(Preview(preset ?? "", time ?? "", cron ?? "", clock.GetUtcNow())));

        pages.MapGet("/jobs/{id}", async (HttpContext http, JobStore jobs, RunStore runs, RunsService runsService, TimeProvider clock, string id, string? cursor, string? notice, CancellationToken ct) =>
        {
            if (await jobs.GetAsync(http.User.ProjectId(), id, ct) is not { } job) return NotFound(http, id);
            var now = clock.GetUtcNow();
            var today = await runsService.TimelineAsync(http.User.ProjectId(), id, null, "UTC", ct);
            if (!today.Succeeded) return NotFound(http, id); // deleted between the two reads
            var model = new JobModel(job, await RunsAsync(http, runs, id, cursor, now, ct), today.Value);
            return Page.Render<JobPage>(Frame.For(http, job.Name, "jobs", Notices.Text(notice)), model);
        });

        // The run history alone: polled by htmx while a run is in progress, and paged.
        pages.MapGet("/jobs/{id}/runs", async (HttpContext http, JobStore jobs, RunStore runs, TimeProvider clock, string id, string? cursor, CancellationToken ct) =>
            await jobs.GetAsync(http.User.ProjectId(), id, ct) is null
                ? NotFound(http, id)
                : Page.Fragment<RunsTable>(await RunsAsync(http, runs, id, cursor, clock.GetUtcNow(), ct)));

        pages.MapGet("/jobs/{id}/edit", async (HttpContext http, JobStore jobs, SourcesService sources, TimeProvider clock, string id, CancellationToken ct) =>
            await jobs.GetAsync(http.User.ProjectId(), id, ct) is { } job
                ? Page.Render<JobFormPage>(Frame.For(http, $"Edit {job.Name}", "jobs"), Form(job.Id, JobFormInput.From(job), NoErrors, sources, clock))
                : NotFound(http, id));

        pages.MapPost("/jobs/{id}/edit", async (HttpContext http, JobsService jobs, SourcesService sources, TimeProvider clock, string id, CancellationToken ct) =>
        {
            var input = JobFormInput.Read(await http.Request.ReadFormAsync(ct));
            var (request, formErrors) = input.ToUpdate();
            var updated = await jobs.UpdateAsync(http.User.ProjectId(), id, request, ct, formErrors);
            if (updated.Succeeded) return Results.Redirect($"/jobs/{id}?notice=saved");
            return updated.Problem.Status == StatusCodes.Status404NotFound
                ? NotFound(http, id)
                : Page.Render<JobFormPage>(Frame.For(http, "Edit job", "jobs"), Form(id, input, JobFormInput.Merge(formErrors, Errors(updated.Problem)), sources, clock),
                    StatusCodes.Status422UnprocessableEntity);
        }).RequireSession(Scopes.Write);

        pages.MapPost("/jobs/{id}/pause", (HttpContext http, JobStore jobs, TimeProvider clock, string id, CancellationToken ct) =>
            ChangeAsync(http, jobs, id, job => JobRules.Pause(job, clock.GetUtcNow()), "paused", ct)).RequireSession(Scopes.Write);

        pages.MapPost("/jobs/{id}/resume", (HttpContext http, JobStore jobs, TimeProvider clock, string id, CancellationToken ct) =>
            ChangeAsync(http, jobs, id, job => JobRules.Resume(job, clock.GetUtcNow()), "resumed", ct)).RequireSession(Scopes.Write);

        pages.MapPost("/jobs/{id}/run", async (HttpContext http, JobStore jobs, RunsService runs, string id, CancellationToken ct) =>
        {
            if (await jobs.GetAsync(http.User.ProjectId(), id, ct) is null) return NotFound(http, id);
            var run = await runs.RunNowAsync(http.User.ProjectId(), id, ct);
            return Results.Redirect($"/jobs/{id}?notice={(run.Succeeded ? "run-started" : "run-busy")}");
        }).RequireSession(Scopes.Write);

        pages.MapGet("/jobs/{id}/delete", async (HttpContext http, JobStore jobs, string id, CancellationToken ct) =>
            await jobs.GetAsync(http.User.ProjectId(), id, ct) is { } job
                ? Page.Render<ConfirmPage>(Frame.For(http, $"Delete {job.Name}?", "jobs"), new Confirmation(
                    $"The job stops running and its run history is deleted. Its result files stay in Storage.",
                    $"/jobs/{id}/delete", "Delete job", $"/jobs/{id}"))
                : NotFound(http, id));

        pages.MapPost("/jobs/{id}/delete", async (HttpContext http, JobStore jobs, string id, CancellationToken ct) =>
            await jobs.DeleteAsync(http.User.ProjectId(), id, ct) ? Results.Redirect("/jobs?notice=deleted") : NotFound(http, id))
            .RequireSession(Scopes.Write);

        pages.MapGet("/today", async (HttpContext http, JobStore jobs, RunsService runs, CancellationToken ct) =>
        {
            var projectId = http.User.ProjectId();
            var timeline = (await runs.TimelineAsync(projectId, null, null, "UTC", ct)).Value!; // UTC and today are always valid
            var names = (await jobs.ScheduledAsync(projectId, null, ct)).ToDictionary(j => j.Id, j => j.Name);
            foreach (var jobId in timeline.Done.Select(r => r.JobId).Distinct().Where(j => !names.ContainsKey(j)).ToList())
                if (await jobs.GetAsync(projectId, jobId, ct) is { } job) names[jobId] = job.Name;
            return Page.Render<TodayPage>(Frame.For(http, "Today", "today"), new TodayModel(timeline, names, Math.Min(timeline.Upcoming.Count, 200)));
        });
    }

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    public static SchedulePreview Preview(string preset, string time, string cron, DateTimeOffset now)
    {
        var (text, error) = JobFormInput.ScheduleText(preset, time, cron);
        if (text is null) return new SchedulePreview(null, [], error);
        return Schedule.TryParseString(text, out var schedule, out var invalid)
            ? new SchedulePreview(schedule.Description, schedule.NextOccurrences(now, PreviewCount), null)
            : new SchedulePreview(null, [], invalid);
    }

    private static FormModel Form(string? jobId, JobFormInput input, IReadOnlyDictionary<string, string[]> errors, SourcesService sources, TimeProvider clock) =>
        new(jobId, input, errors, sources.List(), Preview(input.Preset, input.Time, input.Cron, clock.GetUtcNow()));

    /// <summary>A problem without field errors (a private webhook host, …) is shown as the form's own error.</summary>
    private static IReadOnlyDictionary<string, string[]> Errors(ApiProblem problem) =>
        problem.Errors ?? new Dictionary<string, string[]> { ["form"] = [problem.Detail ?? problem.Title] };

    private static async Task<RunsModel> RunsAsync(HttpContext http, RunStore runs, string jobId, string? cursor, DateTimeOffset now, CancellationToken ct)
    {
        if (!PageRequest.TryParse(RunsPageSize, cursor, "run", out var page, out _)) page = new PageRequest(RunsPageSize, null);
        var rows = await runs.ListForJobAsync(http.User.ProjectId(), jobId, page, ct);
        var shown = page.ToPage(rows, r => r.Id, r => r);
        return new RunsModel(jobId, shown.Data, cursor, shown.NextCursor, now);
    }

    private static async Task<IResult> ChangeAsync(HttpContext http, JobStore jobs, string id, Func<Job, Job> change, string notice, CancellationToken ct) =>
        await jobs.UpdateAsync(http.User.ProjectId(), id, change, ct) is null ? NotFound(http, id) : Results.Redirect($"/jobs/{id}?notice={notice}");

    private static IResult NotFound(HttpContext http, string id) =>
        Page.Render<NotFoundPage>(Frame.For(http, "Not found", "jobs"), $"No job '{id}' in this project.", StatusCodes.Status404NotFound);
}
