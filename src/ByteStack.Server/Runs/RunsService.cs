using System.Globalization;
using System.Text.Json;
using ByteStack.Server.Delivery;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Runs;

/// <summary>Run history, one run and its raw logs, "run now", and the day's timeline (done and upcoming).</summary>
public sealed class RunsService(JobStore jobs, RunStore runs, Outbox outbox, StorageService storage, TimeProvider clock)
{
    public const int MaxUpcoming = 2000;

    public async Task<Outcome<Page<RunResponse>>> ListForJobAsync(string projectId, string jobId, int? limit, string? cursor, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, cursor, "run", out var page, out var problem)) return problem;
        if (await jobs.GetAsync(projectId, jobId, ct) is null) return JobsService.NotFound(jobId);
        var rows = await runs.ListForJobAsync(projectId, jobId, page, ct);
        var deliveries = await outbox.ForRunsAsync(rows.Select(r => r.Id).ToList(), ct);
        return Outcome.Ok(page.ToPage(rows, r => r.Id, r => ToResponse(r, deliveries.GetValueOrDefault(r.Id))));
    }

    public async Task<Outcome<RunResponse>> GetAsync(string projectId, string id, CancellationToken ct) =>
        await runs.GetAsync(projectId, id, ct) is { } run
            ? ToResponse(run, (await outbox.ForRunsAsync([run.Id], ct)).GetValueOrDefault(run.Id))
            : NotFound(id);

    /// <summary>The raw source answers the run's query got (kept RawLogDays, then purged).</summary>
    public async Task<Outcome<RawLogsResponse>> LogsAsync(string projectId, string id, CancellationToken ct)
    {
        if (await runs.GetAsync(projectId, id, ct) is null) return NotFound(id);
        var logs = new List<RawLogResponse>();
        foreach (var (file, bytes) in await storage.LogsForRunAsync(projectId, id, ct))
        {
            var raw = JsonSerializer.Deserialize<RawResponse>(bytes, Json.Options)!;
            logs.Add(new RawLogResponse(file.Key, raw.Source, raw.Method, raw.Url, raw.Status, raw.ReceivedAt, file.SizeBytes, raw.Truncated, raw.Body));
        }
        return new RawLogsResponse(id, logs);
    }

    /// <summary>A manual run now; a conflict while the job has a run pending or running.</summary>
    public async Task<Outcome<RunResponse>> RunNowAsync(string projectId, string jobId, CancellationToken ct)
    {
        if (await jobs.GetAsync(projectId, jobId, ct) is not { } job) return JobsService.NotFound(jobId);
        return await runs.CreateManualAsync(job, clock.GetUtcNow(), ct) is { } run
            ? ToResponse(run, null)
            : Problems.Conflict(ErrorCodes.RunInProgress, "The job has a run pending or running; try again when it ends.");
    }

    /// <summary>The runs that started on <paramref name="date"/> (default today) in <paramref name="tz"/>, and the occurrences still to come that day.</summary>
    public async Task<Outcome<TimelineResponse>> TimelineAsync(string projectId, string? jobId, string? date, string? tz, CancellationToken ct)
    {
        if (jobId is not null && await jobs.GetAsync(projectId, jobId, ct) is null) return JobsService.NotFound(jobId);
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
        var earliest = new PriorityQueue<UpcomingRun, DateTimeOffset>(Comparer<DateTimeOffset>.Create((a, b) => b.CompareTo(a)));
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
                earliest.Enqueue(new UpcomingRun(job.Id, a), a);
            }
        }
        var upcoming = earliest.UnorderedItems.Select(i => i.Element).OrderBy(u => u.At).ThenBy(u => u.JobId, StringComparer.Ordinal).ToList();
        return new TimelineResponse(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone.Id,
            done.Select(r => ToResponse(r, null)).ToList(), upcoming);
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

    /// <param name="deliveries">The run's outbox rows summarised by kind (<c>bucket</c>, <c>webhook</c>).</param>
    public static RunResponse ToResponse(Run run, IReadOnlyDictionary<string, string>? deliveries) => new(
        run.Id, run.JobId, run.Trigger, run.ScheduledFor, run.StartedAt, run.CompletedAt, run.DurationMs, run.Status,
        run.RecordCount, run.TotalResults, run.Error, run.ResultKey, run.Attempt, run.MissedCount,
        (deliveries ?? new Dictionary<string, string>()).ToDictionary(d => d.Key, d => Enum.Parse<DeliveryStatus>(d.Value, ignoreCase: true)));

    public static LastRunResponse ToLastRun(Run run) => new(run.Id, run.Status, run.Trigger, run.ScheduledFor, run.CompletedAt);

    private static ApiProblem NotFound(string id) => Problems.NotFound(ErrorCodes.RunNotFound, $"No run '{id}' in this project.");
}
