namespace ByteStack.Server.Scheduling;

/// <summary>
/// A job's schedule: one of the four named intervals or a cron expression. Intervals are
/// fixed cron expressions underneath, so both kinds step through time the same way.
/// </summary>
public sealed class Schedule
{
    private static readonly Dictionary<string, (string Cron, string Description)> Intervals = new(StringComparer.OrdinalIgnoreCase)
    {
        ["every_hour"] = ("0 * * * *", "At the top of every hour"),
        ["every_6_hours"] = ("0 */6 * * *", "At 00:00, 06:00, 12:00 and 18:00 UTC every day"),
        ["every_12_hours"] = ("0 */12 * * *", "At 00:00 and 12:00 UTC every day"),
        ["daily"] = ("0 0 * * *", "At 00:00 UTC every day"),
    };

    public static IReadOnlyCollection<string> IntervalNames => Intervals.Keys;

    private readonly CronExpression cron;

    private Schedule(ScheduleType type, string value, CronExpression cron, string description)
    {
        Type = type;
        Value = value;
        Description = description;
        this.cron = cron;
    }

    public ScheduleType Type { get; }

    /// <summary>The interval name or the cron expression, as stored.</summary>
    public string Value { get; }

    public string Description { get; }

    public DateTimeOffset? NextAfter(DateTimeOffset after) => cron.NextAfter(after);

    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset after, int count)
    {
        var list = new List<DateTimeOffset>(count);
        for (var at = NextAfter(after); at is { } a && list.Count < count; at = NextAfter(a)) list.Add(a);
        return list;
    }

    public static Schedule Interval(string name) =>
        TryInterval(name, out var s) ? s : throw new ArgumentException($"Unknown interval '{name}'.", nameof(name));

    /// <summary>Rebuilds a schedule that was validated before it was stored.</summary>
    public static Schedule FromStored(ScheduleType type, string value) =>
        Stored.GetOrAdd((type, value), static key =>
            key.Type == ScheduleType.Interval ? Interval(key.Value)
            : TryCron(key.Value, out var s, out var error) ? s : throw new InvalidOperationException($"Stored schedule is invalid: {error}"));

    // Schedules are immutable, and a project has few distinct ones: parse each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(ScheduleType Type, string Value), Schedule> Stored = new();

    /// <summary>An interval name (<c>"daily"</c>) or a cron expression (<c>"0 8 * * *"</c>, <c>"@hourly"</c>).</summary>
    public static bool TryParseString(string text, out Schedule schedule, out string error)
    {
        if (TryInterval(text.Trim(), out schedule))
        {
            error = "";
            return true;
        }
        return TryCron(text, out schedule, out error);
    }

    /// <summary>Every input form of SPEC §2: a string, or <c>{type: interval|cron, interval|expression}</c>.</summary>
    public static bool TryParse(ScheduleInput input, out Schedule schedule, out string error)
    {
        schedule = null!;
        if (input.Text is { } text) return TryParseString(text, out schedule, out error);
        if (string.Equals(input.Type, "interval", StringComparison.OrdinalIgnoreCase))
        {
            if (input.Interval is { } name && TryInterval(name.Trim(), out schedule))
            {
                error = "";
                return true;
            }
            error = $"interval must be one of: {string.Join(", ", Intervals.Keys)}.";
            return false;
        }
        if (string.Equals(input.Type, "cron", StringComparison.OrdinalIgnoreCase))
        {
            if (input.Expression is { } expression) return TryCron(expression, out schedule, out error);
            error = "A cron schedule needs an 'expression' string, e.g. \"0 8 * * *\".";
            return false;
        }
        error = "schedule.type must be \"interval\" or \"cron\".";
        return false;
    }

    /// <summary>The answer form: <c>{type, interval|expression, description}</c>.</summary>
    public ScheduleResponse ToResponse() => Type == ScheduleType.Interval
        ? new(Type, Value, null, Description)
        : new(Type, null, Value, Description);

    private static bool TryInterval(string name, out Schedule schedule)
    {
        schedule = null!;
        if (!Intervals.TryGetValue(name, out var interval)) return false;
        CronExpression.TryParse(interval.Cron, out var cron, out _);
        schedule = new Schedule(ScheduleType.Interval, name.ToLowerInvariant(), cron, interval.Description);
        return true;
    }

    private static bool TryCron(string text, out Schedule schedule, out string error)
    {
        schedule = null!;
        if (!CronExpression.TryParse(text, out var cron, out error)) return false;
        schedule = new Schedule(ScheduleType.Cron, cron.Text, cron, CronDescription.Describe(cron.Fields));
        return true;
    }
}
