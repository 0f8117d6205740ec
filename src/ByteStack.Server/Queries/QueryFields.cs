using System.Globalization;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

/// <summary>The fields a one-off query and a job share — sources and date range — read and validated once.</summary>
public static class QueryFields
{
    public const int MaxPromptLength = 4000;
    public const int MaxSources = 50;

    public static List<string>? ReadSources(JsonFields fields, bool required)
    {
        if (required && !fields.Has("sources"))
        {
            fields.Add("sources", "missing_field", "sources is required, e.g. [\"x\", \"reddit\"].");
            return null;
        }
        var sources = fields.StringArray("sources", "invalid_sources", _ => true, "");
        if (sources is null) return null;
        if (sources.Count > MaxSources)
        {
            // Every source is asked on every run: a list without bound is a run without bound.
            fields.Add("sources", "invalid_sources", $"sources may name at most {MaxSources} sources (it has {sources.Count}).");
            return null;
        }

        var problems = sources.Select(SourceCatalog.Check).OfType<(string Code, string Message)>().ToList();
        foreach (var (code, message) in problems) fields.Add("sources", code, message);
        return problems.Count == 0 ? sources.Distinct().ToList() : null;
    }

    /// <summary>
    /// <c>{start, end}</c> (the API form) or <c>{from, to}</c> (the form some docs show), each an
    /// ISO 8601 date-time or a plain date. A plain end date means the whole of that day.
    /// </summary>
    public static Optional<DateRange?> ReadDateRange(JsonFields fields)
    {
        if (fields.Get("date_range") is not { } json) return default;
        if (json.ValueKind == JsonValueKind.Null) return new(true, null);
        const string shape = "date_range must be {\"start\": …, \"end\": …} with ISO 8601 dates or date-times, or null.";
        if (json.ValueKind != JsonValueKind.Object)
        {
            fields.Add("date_range", "invalid_date_range", shape);
            return default;
        }

        var start = Instant(json, "start", "from", endOfDay: false);
        var end = Instant(json, "end", "to", endOfDay: true);
        var unknown = json.EnumerateObject().Select(p => p.Name).Except(["start", "end", "from", "to"]).ToList();
        if (start is null || end is null || unknown.Count > 0)
        {
            fields.Add("date_range", "invalid_date_range", shape);
            return default;
        }
        if (!InputRules.IsAcceptedInstant(start.Value) || !InputRules.IsAcceptedInstant(end.Value))
        {
            fields.Add("date_range", "invalid_date_range", $"date_range must lie {InputRules.DateRangeText}.");
            return default;
        }
        if (start >= end)
        {
            fields.Add("date_range", "invalid_date_range", "date_range.start must be before date_range.end.");
            return default;
        }
        return new(true, new DateRange(start.Value, end.Value));
    }

    /// <summary>A stored date range as a half-open window: the inclusive end second becomes exclusive.</summary>
    public static TimeWindow ToWindow(DateRange range) =>
        new(range.Start, range.End.AddSeconds(1), $"between {Json.Format(range.Start)} and {Json.Format(range.End)}");

    private static DateTimeOffset? Instant(JsonElement range, string name, string alias, bool endOfDay)
    {
        if (!range.TryGetProperty(name, out var value) && !range.TryGetProperty(alias, out value)) return null;
        if (value.ValueKind != JsonValueKind.String) return null;
        var text = value.GetString()!;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // Out-of-range years fail the bounds check; no arithmetic near DateTime's limits.
            if (!InputRules.IsAcceptedDate(date)) return endOfDay ? DateTimeOffset.MaxValue : DateTimeOffset.MinValue;
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1).AddSeconds(-1) : midnight;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) && text.Contains('T')
            ? instant.ToUniversalTime()
            : null;
    }
}
