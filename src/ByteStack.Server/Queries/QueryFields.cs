using System.Globalization;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

/// <summary>The fields a one-off query and a job share — sources and date range — read and validated once.</summary>
public static class QueryFields
{
    public const int MaxPromptLength = 4000;

    /// <summary>Dates outside these years are refused: no source has posts there, and arithmetic near the extremes overflows.</summary>
    public static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<string>? ReadSources(FieldChecks checks, IReadOnlyList<string>? value, bool required)
    {
        if (!checks.Unchecked("sources")) return null;
        if (required && value is null)
        {
            checks.Add("sources", ErrorCodes.MissingField, "sources is required, e.g. [\"hackernews\", \"news\"].");
            return null;
        }
        var sources = checks.StringArray("sources", value, ErrorCodes.InvalidSources, _ => true, "");
        if (sources is null) return null;

        var problems = sources.Select(SourceCatalog.Check).OfType<(string Code, string Message)>().ToList();
        foreach (var (code, message) in problems) checks.Add("sources", code, message);
        return problems.Count == 0 ? sources.Distinct().ToList() : null;
    }

    /// <summary>
    /// <c>{from, to}</c>, each an ISO 8601 date-time or a plain date; a plain <c>to</c> date means
    /// the whole of that day. <paramref name="sentNull"/>: the client sent <c>null</c> (clears it in a PATCH).
    /// </summary>
    public static Optional<DateRange?> ReadDateRange(FieldChecks checks, DateRangeInput? value, bool sentNull)
    {
        if (!checks.Unchecked("date_range")) return default;
        if (value is null) return sentNull ? new(true, null) : default;
        var from = Instant(value.From, endOfDay: false);
        var to = Instant(value.To, endOfDay: true);
        if (from is null || to is null)
        {
            checks.Add("date_range", ErrorCodes.InvalidDateRange, "date_range must be {\"from\": …, \"to\": …} with ISO 8601 dates or date-times, or null.");
            return default;
        }
        if (from < Earliest || to >= Latest)
        {
            checks.Add("date_range", ErrorCodes.InvalidDateRange, "date_range must lie between 1970-01-01 and 2099-12-31.");
            return default;
        }
        if (from >= to)
        {
            checks.Add("date_range", ErrorCodes.InvalidDateRange, "date_range.from must be before date_range.to.");
            return default;
        }
        return new(true, new DateRange(from.Value, to.Value));
    }

    /// <summary>A stored date range as a half-open window: the inclusive end second becomes exclusive.</summary>
    public static TimeWindow ToWindow(DateRange range) =>
        new(range.From, range.To.AddSeconds(1), $"between {Json.Format(range.From)} and {Json.Format(range.To)}");

    private static DateTimeOffset? Instant(string? text, bool endOfDay)
    {
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Out-of-range years fail the bounds check; no arithmetic near DateTime's limits.
            if (date.Year is < 1970 or >= 2100) return endOfDay ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1).AddSeconds(-1) : midnight;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) && text.Contains('T')
            ? instant.ToUniversalTime()
            : null;
    }
}
