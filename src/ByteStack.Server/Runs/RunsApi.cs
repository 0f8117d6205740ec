using System.Globalization;
using System.Security.Claims;
using ByteStack.Server.Delivery;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Projects;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Runs;

/// <summary>Run history, one run, "run now", and the day's timeline (done and upcoming).</summary>
public static class RunsApi
{
    public const int MaxUpcoming = 2000;

    public sealed record Upcoming(string JobId, DateTimeOffset At);

    public sealed record RawLogResponse(string Key, string Source, string Method, string Url, int Status, DateTimeOffset ReceivedAt, long SizeBytes, bool Truncated, string Body);

    public sealed record RawLogsResponse(string RunId, IReadOnlyList<RawLogResponse> Data);

    public sealed record TimelineResponse(string Date, string Tz, IReadOnlyList<RunResponse> Done, IReadOnlyList<Upcoming> Upcoming);

    public static void MapRunsApi(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/jobs/{id}/runs", async (ClaimsPrincipal user, JobStore jobs, RunStore runs, Outbox outbox, string id, string? limit, string? cursor, CancellationToken ct) =>
        {
            if (!PageRequest.TryParse(limit, cursor, "run", out var page, out var problem)) return problem!;
            if (await jobs.GetAsync(user.ProjectId(), id, ct) is null) return JobNotFound(id);
            var rows = await runs.ListForJobAsync(user.ProjectId(), id, page, ct);
            var deliveries = await outbox.ForRunsAsync(rows.Select(r => r.Id).ToList(), ct);
            return Results.Ok(page.ToPage(rows, r => r.Id, r => RunResponse.From(r, deliveries.GetValueOrDefault(r.Id))));
        }).WithTags("Runs");

        v1.MapGet("/runs/{id}", async (ClaimsPrincipal user, RunStore runs, Outbox outbox, string id, CancellationToken ct) =>
            await runs.GetAsync(user.ProjectId(), id, ct) is { } run
                ? Results.Ok(RunResponse.From(run, (await outbox.ForRunsAsync([run.Id], ct)).GetValueOrDefault(run.Id)))
                : Problems.NotFound("run_not_found", $"No run '{id}' in this project.")).WithTags("Runs");

        // The raw source answers the run's query got (kept RawLogDays, then purged).
        v1.MapGet("/runs/{id}/logs", async (ClaimsPrincipal user, RunStore runs, StorageIndex index, ResultFiles files, string id, CancellationToken ct) =>
        {
            if (await runs.GetAsync(user.ProjectId(), id, ct) is null) return Problems.NotFound("run_not_found", $"No run '{id}' in this project.");
            var logs = new List<RawLogResponse>();
            foreach (var file in await index.LogsForRunAsync(user.ProjectId(), id, ct))
            {
                if (await files.ReadAsync(file, ct) is not { } bytes) continue; // purged between listing and reading
                var raw = System.Text.Json.JsonSerializer.Deserialize<RawResponse>(bytes, Json.Options)!;
                logs.Add(new RawLogResponse(file.Key, raw.Source, raw.Method, raw.Url, raw.Status, raw.ReceivedAt, file.SizeBytes, raw.Truncated, raw.Body));
            }
            return Results.Ok(new RawLogsResponse(id, logs));
        }).WithTags("Runs");

        v1.MapPost("/jobs/{id}/run", async (ClaimsPrincipal user, JobStore jobs, RunStore runs, TimeProvider clock, string id, CancellationToken ct) =>
        {
            if (await jobs.GetAsync(user.ProjectId(), id, ct) is not { } job) return JobNotFound(id);
            return await runs.CreateManualAsync(job, clock.GetUtcNow(), ct) is { } run
                ? Results.Accepted($"/v1/runs/{run.Id}", RunResponse.From(run))
                : Problems.Conflict("run_in_progress", "The job has a run pending or running; try again when it ends.");
        }).RequireAuthorization(Scopes.Write).WithTags("Runs");

        v1.MapGet("/timeline", (ClaimsPrincipal user, JobStore jobs, RunStore runs, TimeProvider clock, string? date, string? tz, CancellationToken ct) =>
            TimelineAsync(user.ProjectId(), null, jobs, runs, clock, date, tz, ct)).WithTags("Runs");

        v1.MapGet("/jobs/{id}/timeline", async (ClaimsPrincipal user, JobStore jobs, RunStore runs, TimeProvider clock, string id, string? date, string? tz, CancellationToken ct) =>
            await jobs.GetAsync(user.ProjectId(), id, ct) is null
                ? JobNotFound(id)
                : await TimelineAsync(user.ProjectId(), id, jobs, runs, clock, date, tz, ct)).WithTags("Runs");
    }

    private static async Task<IResult> TimelineAsync(string projectId, string? jobId, JobStore jobs, RunStore runs, TimeProvider clock,
        string? date, string? tz, CancellationToken ct)
    {
        var zoneId = string.IsNullOrWhiteSpace(tz) ? "UTC" : tz;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            return Problems.BadParameter("tz", "invalid_tz", $"'{zoneId}' is not a time zone; use an IANA name such as UTC or Europe/Berlin.");
        var now = clock.GetUtcNow();
        DateOnly day;
        if (date is null) day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            return Problems.BadParameter("date", "invalid_date", "date must be YYYY-MM-DD.");

        var (from, to) = DayInZone(day, zone);
        var done = await runs.StartedBetweenAsync(projectId, jobId, from, to, ct);
        // The earliest MaxUpcoming occurrences over all jobs: a heap whose top is the latest one kept.
        var earliest = new PriorityQueue<Upcoming, DateTimeOffset>(Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a)));
        foreach (var job in await jobs.ScheduledAsync(projectId, jobId, ct))
        {
            for (var at = job.Schedule.NextAfter((now > from ? now : from).AddTicks(-1)); at is { } a && a < to; at = job.Schedule.NextAfter(a))
            {
                if (a <= now) continue;
                if (earliest.Count == MaxUpcoming)
                {
                    if (a >= earliest.Peek().At) break; // this job's later slots are later still
                    earliest.Dequeue();
                }
                earliest.Enqueue(new Upcoming(job.Id, a), a);
            }
        }
        var upcoming = earliest.UnorderedItems.Select(i => i.Element).OrderBy(u => u.At).ThenBy(u => u.JobId, StringComparer.Ordinal).ToList();
        return Results.Ok(new TimelineResponse(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone.Id,
            done.Select(r => RunResponse.From(r)).ToList(), upcoming));
    }

    /// <summary>The UTC instants of a local calendar day's start and end in <paramref name="zone"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) DayInZone(DateOnly day, TimeZoneInfo zone)
    {
        static DateTimeOffset Midnight(DateOnly d, TimeZoneInfo z)
        {
            var local = d.ToDateTime(TimeOnly.MinValue);
            // Where a DST change skips midnight, the day starts at the first valid local time.
            while (z.IsInvalidTime(local)) local = local.AddMinutes(30);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, z), TimeSpan.Zero);
        }
        return (Midnight(day, zone), Midnight(day.AddDays(1), zone));
    }

    private static IResult JobNotFound(string id) => Problems.NotFound("job_not_found", $"No job '{id}' in this project.");
}
