using System.Globalization;
using ByteStack.Contracts;
using System.Text.RegularExpressions;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Dashboard.Jobs;

/// <summary>
/// The New Job / Edit form as typed. It becomes the API's JSON body, so the form is validated by
/// exactly the rules of <c>POST /v1/jobs</c> and its errors name the same fields.
/// </summary>
public sealed partial record JobFormInput(
    string Name, string Prompt, IReadOnlyList<string> Sources, string Preset, string Time, string Cron,
    string Limit, string RangeStart, string RangeEnd, string Feeds = "")
{
    public static readonly IReadOnlyList<(string Value, string Label)> Presets =
    [
        ("every_hour", "Every hour"), ("every_6_hours", "Every 6 hours"), ("every_12_hours", "Every 12 hours"),
        ("daily", "Daily at 00:00 UTC"), ("daily_at", "Daily at a time I choose"), ("custom", "Custom cron expression"),
    ];

    public static JobFormInput Blank { get; } = new("", "", [], "daily", "08:00", "", JobRules.DefaultLimit.ToString(CultureInfo.InvariantCulture), "", "");

    public static JobFormInput Read(IFormCollection form) => new(
        form["name"].ToString(), form["prompt"].ToString(),
        form["sources"].Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()).ToList(),
        form["preset"].ToString(), form["time"].ToString(), form["cron"].ToString(),
        form["limit"].ToString(), form["range_start"].ToString(), form["range_end"].ToString(), form["feeds"].ToString());

    public static JobFormInput From(Job job)
    {
        var (preset, time, cron) = job.Schedule.Type == ScheduleType.Interval
            ? (job.Schedule.Value, "08:00", "")
            : DailyCron().Match(job.Schedule.Value) is { Success: true } m
                ? ("daily_at", $"{int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture):00}:{int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture):00}", "")
                : ("custom", "08:00", job.Schedule.Value);
        var feeds = string.Join('\n', job.Sources.Where(IsFeed).Select(s => s[SourceCatalog.RssPrefix.Length..]));
        return new JobFormInput(job.Name, job.Prompt, job.Sources.Where(s => !IsFeed(s)).ToList(), preset, time, cron, job.Limit.ToString(CultureInfo.InvariantCulture),
            job.DateRange is { } r ? r.From.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
            job.DateRange is { } e ? e.To.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "", feeds);
    }

    private static bool IsFeed(string source) => source.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal);

    /// <summary>The checked sources and one <c>rss:&lt;url&gt;</c> per line of the feeds box.</summary>
    public IReadOnlyList<string> AllSources =>
        [.. Sources, .. Feeds.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(url => SourceCatalog.RssPrefix + url)];

    /// <summary>The schedule the preset stands for (an API schedule string), or why there is none.</summary>
    public static (string? Schedule, string? Error) ScheduleText(string preset, string time, string cron)
    {
        switch (preset)
        {
            case "every_hour" or "every_6_hours" or "every_12_hours" or "daily":
                return (preset, null);
            case "daily_at":
                return TimeOnly.TryParseExact(time.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                    ? ($"{t.Minute} {t.Hour} * * *", null)
                    : (null, "Choose a time of day as HH:MM (UTC), e.g. 08:30.");
            case "custom":
                return string.IsNullOrWhiteSpace(cron)
                    ? (null, "Type a 5-field cron expression (minute hour day-of-month month day-of-week), e.g. 0 8 * * 1-5.")
                    : (cron.Trim(), null);
            default:
                return (null, "Choose how often the job runs.");
        }
    }

    /// <summary>
    /// The form as the API's request, and what the form itself found wrong (a schedule it cannot
    /// build, a limit that is not a number); everything else is judged by the same rules as <c>POST /v1/jobs</c>.
    /// </summary>
    public (CreateJobRequest Request, IReadOnlyList<FieldError> FormErrors) ToRequest()
    {
        var errors = new List<FieldError>();
        var (schedule, scheduleError) = ScheduleText(Preset, Time, Cron);
        if (schedule is null) errors.Add(new FieldError("schedule", "invalid_schedule", scheduleError!));
        int? limit = null;
        if (int.TryParse(Limit.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) limit = parsed;
        else if (!string.IsNullOrWhiteSpace(Limit)) errors.Add(new FieldError("limit", "invalid_limit", "limit must be a whole number from 1 to 1000."));
        var range = string.IsNullOrWhiteSpace(RangeStart) && string.IsNullOrWhiteSpace(RangeEnd) ? null : new DateRangeInput(RangeStart.Trim(), RangeEnd.Trim());
        return (new CreateJobRequest
        {
            Name = Name.Trim(), Prompt = Prompt.Trim(), Sources = AllSources, Schedule = schedule is null ? null : new ScheduleInput(schedule),
            Limit = limit, DateRange = range,
        }, errors);
    }

    /// <summary>An edit sends every field of the form; an emptied date range is cleared.</summary>
    public (UpdateJobRequest Request, IReadOnlyList<FieldError> FormErrors) ToUpdate()
    {
        var (create, errors) = ToRequest();
        return (new UpdateJobRequest
        {
            Name = create.Name, Prompt = create.Prompt, Sources = create.Sources, Schedule = create.Schedule, Limit = create.Limit,
            DateRange = create.DateRange, Nulls = create.DateRange is null ? ["date_range"] : [],
        }, errors);
    }

    /// <summary>The service's field errors, with the form's own message where the form already knew better.</summary>
    public static IReadOnlyDictionary<string, string[]> Merge(IReadOnlyList<FieldError> form, IReadOnlyDictionary<string, string[]>? service)
    {
        var all = (service ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value);
        foreach (var group in form.GroupBy(e => e.Field)) all[group.Key] = group.Select(e => e.Message).ToArray();
        return all;
    }

    [GeneratedRegex(@"^(?<m>[0-5]?\d) (?<h>[01]?\d|2[0-3]) \* \* \*$")]
    private static partial Regex DailyCron();
}
