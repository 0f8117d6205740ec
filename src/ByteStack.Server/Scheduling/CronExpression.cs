using NCrontab;

namespace ByteStack.Server.Scheduling;

/// <summary>
/// A standard 5-field cron expression evaluated in UTC. NCrontab does the stepping; this type
/// adds what users of Vixie cron expect and NCrontab lacks: <c>@hourly</c>-style macros,
/// <c>7</c> for Sunday, and the Vixie rule that when both day-of-month and day-of-week are
/// restricted a day matches if <em>either</em> does (NCrontab requires both).
/// </summary>
public sealed class CronExpression
{
    public const int MaxLength = 200;

    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>
    /// The Gregorian calendar repeats exactly every 400 years (146,097 days, a whole number of
    /// weeks), so an expression that fires at all fires within any 400-year span. The 28-year
    /// cycle of weekdays is not enough: 2100 is no leap year, so 29 February on a Sunday comes in
    /// 2088 and next in 2128.
    /// </summary>
    public const int HorizonYears = 400;

    /// <summary>No occurrence is looked for after this instant: stepping near year 9999 overflows, and nothing is scheduled that far.</summary>
    public static readonly DateTimeOffset SearchEnd = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // One whole calendar cycle: an expression with no occurrence here never fires.
    private static readonly DateTime ProbeStart = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private static readonly DateTime ProbeEnd = ProbeStart.AddYears(HorizonYears);

    private readonly CrontabSchedule[] schedules;

    private CronExpression(string text, CronFields fields, CrontabSchedule[] schedules)
    {
        Text = text;
        Fields = fields;
        this.schedules = schedules;
    }

    /// <summary>The expression as the user wrote it, whitespace collapsed (macros kept).</summary>
    public string Text { get; }

    /// <summary>The five fields after macro expansion, each expanded to its set of values.</summary>
    public CronFields Fields { get; }

    public static bool TryParse(string? input, out CronExpression expression, out string error)
    {
        expression = null!;
        var text = string.Join(' ', (input ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (text.Length == 0) return Fail("The cron expression is empty.", out error);
        if (text.Length > MaxLength) return Fail($"The cron expression must be at most {MaxLength} characters.", out error);

        var expanded = text;
        if (text.StartsWith('@'))
        {
            if (!Macros.TryGetValue(text, out expanded!))
                return Fail($"'{text}' is not a supported macro. Use one of {string.Join(", ", Macros.Keys)}.", out error);
        }

        var parts = expanded.Split(' ');
        if (parts.Length != 5)
            return Fail($"A cron expression has 5 fields (minute hour day-of-month month day-of-week); '{text}' has {parts.Length}.", out error);

        if (!CronFields.TryParse(parts, out var fields, out error)) return false;

        // NCrontab gets every field as explicit numbers: our parser alone decides the syntax
        // (names, 7 for Sunday, "5/15"), and NCrontab only steps through time.
        string Plain(int i, IReadOnlyList<int> values) => parts[i] == "*" ? "*" : string.Join(',', values);
        var head = $"{Plain(0, fields.Minutes)} {Plain(1, fields.Hours)}";
        var (dayOfMonth, month, dayOfWeek) = (Plain(2, fields.DaysOfMonth), Plain(3, fields.Months), Plain(4, fields.DaysOfWeek));
        string[] crontabs = !fields.AnyDayOfMonth && !fields.AnyDayOfWeek
            ? [$"{head} {dayOfMonth} {month} *", $"{head} * {month} {dayOfWeek}"]
            : [$"{head} {dayOfMonth} {month} {dayOfWeek}"];

        var schedules = new CrontabSchedule[crontabs.Length];
        for (var i = 0; i < crontabs.Length; i++)
        {
            try
            {
                schedules[i] = CrontabSchedule.Parse(crontabs[i]);
            }
            catch (CrontabException e)
            {
                return Fail($"'{text}' is not a valid cron expression: {e.Message}", out error);
            }
        }

        var candidate = new CronExpression(text, fields, schedules);
        if (candidate.NextUtc(ProbeStart, ProbeEnd) is null)
            return Fail($"'{text}' never fires: no date matches it (for example 30 February).", out error);

        expression = candidate;
        error = "";
        return true;
    }

    /// <summary>
    /// The first occurrence strictly after <paramref name="after"/>, however rare the expression
    /// (the search spans one whole calendar cycle, see <see cref="HorizonYears"/>); null only
    /// from <see cref="SearchEnd"/> on.
    /// </summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        if (after >= SearchEnd) return null;
        var start = after.UtcDateTime;
        var end = start.AddYears(HorizonYears);
        var next = NextUtc(DateTime.SpecifyKind(start, DateTimeKind.Unspecified), DateTime.SpecifyKind(end, DateTimeKind.Unspecified));
        return next is { } n ? new DateTimeOffset(DateTime.SpecifyKind(n, DateTimeKind.Utc)) : null;
    }

    private DateTime? NextUtc(DateTime after, DateTime end)
    {
        DateTime? best = null;
        foreach (var schedule in schedules)
        {
            var next = schedule.GetNextOccurrence(after, end);
            if (next < end && (best is null || next < best)) best = next;
        }
        return best;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
