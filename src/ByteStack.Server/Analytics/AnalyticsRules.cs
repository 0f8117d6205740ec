using System.Globalization;

namespace ByteStack.Server.Analytics;

public enum AnalyticsInterval { Hour, Day }

/// <summary>A resolved analytics period: [From, To) in buckets of <see cref="Interval"/>.</summary>
public sealed record AnalyticsPeriod(DateTimeOffset From, DateTimeOffset To, AnalyticsInterval Interval)
{
    public long BucketMillis => Interval == AnalyticsInterval.Hour ? 3_600_000 : 86_400_000;
}

/// <summary>The period rules of <c>GET /v1/analytics</c>, as pure functions of the parameters and now.</summary>
public static class AnalyticsRules
{
    public static readonly TimeSpan DefaultSpan = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(400);

    /// <summary>Hourly buckets are capped so a chart never has more than about a month of hours.</summary>
    public static readonly TimeSpan MaxHourlySpan = TimeSpan.FromDays(31);

    /// <summary>
    /// Without <c>to</c> the period ends now; without <c>from</c> it is the 7 days before <c>to</c>.
    /// Without <c>interval</c>, hours up to two days, days beyond. A plain date as <c>to</c> means the end of that day.
    /// </summary>
    public static (AnalyticsPeriod? Period, string? Field, string? Error) Resolve(string? from, string? to, string? interval, DateTimeOffset now)
    {
        DateTimeOffset end = now;
        if (!string.IsNullOrWhiteSpace(to) && ParseInstant(to, endOfDay: true) is not { } parsedTo)
            return (null, "to", "to must be an ISO 8601 date-time (2026-04-30T00:00:00Z) or date (2026-04-30).");
        else if (!string.IsNullOrWhiteSpace(to)) end = ParseInstant(to, endOfDay: true)!.Value;

        var start = end - DefaultSpan;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (ParseInstant(from, endOfDay: false) is not { } parsedFrom)
                return (null, "from", "from must be an ISO 8601 date-time (2026-04-30T00:00:00Z) or date (2026-04-30).");
            start = parsedFrom;
        }
        if (start >= end) return (null, "from", "from must be before to.");
        if (end - start > MaxSpan) return (null, "from", $"The period can be at most {MaxSpan.TotalDays:0} days.");

        AnalyticsInterval bucket;
        if (string.IsNullOrWhiteSpace(interval)) bucket = end - start <= TimeSpan.FromDays(2) ? AnalyticsInterval.Hour : AnalyticsInterval.Day;
        else if (interval == "hour") bucket = AnalyticsInterval.Hour;
        else if (interval == "day") bucket = AnalyticsInterval.Day;
        else return (null, "interval", "interval must be hour or day.");
        if (bucket == AnalyticsInterval.Hour && end - start > MaxHourlySpan)
            return (null, "interval", $"interval=hour covers at most {MaxHourlySpan.TotalDays:0} days; use interval=day for longer periods.");
        return (new AnalyticsPeriod(start, end, bucket), null, null);
    }

    /// <summary>The start of every bucket that overlaps the period, so a chart shows empty hours and days as zero.</summary>
    public static IReadOnlyList<DateTimeOffset> Buckets(AnalyticsPeriod period)
    {
        var size = period.BucketMillis;
        var first = Floor(period.From.ToUnixTimeMilliseconds(), size);
        var list = new List<DateTimeOffset>();
        for (var at = first; at < period.To.ToUnixTimeMilliseconds(); at += size) list.Add(DateTimeOffset.FromUnixTimeMilliseconds(at));
        return list;
    }

    /// <summary>The change from <paramref name="previous"/> to <paramref name="current"/> in percent; null when there was nothing before.</summary>
    public static double? Change(long current, long previous) =>
        previous == 0 ? null : Math.Round((current - previous) * 100.0 / previous, 1);

    public static long Floor(long millis, long size) => millis - ((millis % size) + size) % size;

    private static DateTimeOffset? ParseInstant(string text, bool endOfDay)
    {
        text = text.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            if (date.Year is < 1970 or >= 2100) return null;
            var midnight = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return endOfDay ? midnight.AddDays(1) : midnight;
        }
        return text.Contains('T') && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) && instant.Year is >= 1970 and < 2100
            ? instant.ToUniversalTime()
            : null;
    }
}
