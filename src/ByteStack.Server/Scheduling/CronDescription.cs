using System.Globalization;

namespace ByteStack.Server.Scheduling;

/// <summary>
/// Plain English for a cron expression, for forms and the job object:
/// <c>0 8 * * *</c> → "At 08:00 UTC every day"; <c>*/15 9-17 * * 1-5</c> →
/// "Every 15 minutes from 09:00 to 17:59 UTC, Monday through Friday".
/// </summary>
public static class CronDescription
{
    private static readonly string[] MonthNames = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] DayNames = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    public static string Describe(CronFields f)
    {
        var time = DescribeTime(f);
        var days = DescribeDays(f, time);
        var months = f.AnyMonth ? "" : $", in {Join(Ranges(f.Months, m => MonthNames[m - 1]))}";
        return time + days + months;
    }

    private static string DescribeTime(CronFields f)
    {
        bool everyMinute = f.Minutes.Count == 60, everyHour = f.Hours.Count == 24;
        var minuteStep = Step(f.Minutes, 0, 59);

        if (everyMinute && everyHour) return "Every minute";
        if (everyMinute) return $"Every minute {HourSpan(f.Hours)}";
        if (minuteStep is { } step && f.Minutes[0] == 0 && step > 1)
            return everyHour ? $"Every {step} minutes" : $"Every {step} minutes {HourSpan(f.Hours)}";

        if (f.Minutes.Count == 1)
        {
            var m = f.Minutes[0];
            if (everyHour) return m == 0 ? "At the top of every hour" : $"At minute {m} past every hour";
            if (f.Hours.Count <= 6) return $"At {Join(f.Hours.Select(h => Clock(h, m)).ToList())} UTC";
            var hourStep = Step(f.Hours, 0, 23);
            if (hourStep is { } hs && f.Hours[0] == 0) return $"At minute {m} past every {hs} hours (UTC)";
            return $"At minute {m} past the hours {Join(Ranges(f.Hours, h => Clock(h, 0)))} UTC";
        }

        var minutes = $"At minutes {Join(Ranges(f.Minutes, m => m.ToString(CultureInfo.InvariantCulture)))}";
        return everyHour ? $"{minutes} past every hour" : $"{minutes} past the hours {Join(Ranges(f.Hours, h => Clock(h, 0)))} UTC";
    }

    private static string HourSpan(IReadOnlyList<int> hours) =>
        hours.Count == 1
            ? $"from {Clock(hours[0], 0)} to {Clock(hours[0], 59)} UTC"
            : IsContiguous(hours)
                ? $"from {Clock(hours[0], 0)} to {Clock(hours[^1], 59)} UTC"
                : $"during the hours {Join(Ranges(hours, h => Clock(h, 0)))} UTC";

    private static string DescribeDays(CronFields f, string time)
    {
        var onWeekdays = $"on {Join(Ranges(f.DaysOfWeek, d => DayNames[d], through: true))}";
        var onMonthDays = f.DaysOfMonth.Count == 1
            ? $"on day {f.DaysOfMonth[0]} of the month"
            : $"on days {Join(Ranges(f.DaysOfMonth, d => d.ToString(CultureInfo.InvariantCulture)))} of the month";
        bool dom = f.DaysOfMonth.Count < 31, dow = f.DaysOfWeek.Count < 7;

        // Vixie rule: when both day fields are written restricted, either may match.
        if (!f.AnyDayOfMonth && !f.AnyDayOfWeek) return $" {onMonthDays} or {onWeekdays}";
        if (dom && dow) return $" {onMonthDays} that fall {onWeekdays}";
        if (dom) return $" {onMonthDays}";
        if (dow) return $" {onWeekdays}";
        // "Every 15 minutes" and "past every hour" already say it runs every day; "At 08:00 UTC" does not.
        return time.Contains("every", StringComparison.OrdinalIgnoreCase) ? "" : " every day";
    }

    private static string Clock(int hour, int minute) => $"{hour:00}:{minute:00}";

    private static int? Step(IReadOnlyList<int> values, int min, int max)
    {
        if (values.Count < 2) return null;
        var step = values[1] - values[0];
        for (var i = 2; i < values.Count; i++) if (values[i] - values[i - 1] != step) return null;
        // Only a step that wraps evenly through the whole field reads naturally as "every N".
        return values[0] - min < step && max - values[^1] < step ? step : null;
    }

    private static bool IsContiguous(IReadOnlyList<int> values) => values[^1] - values[0] == values.Count - 1;

    /// <summary>Runs of three or more consecutive values become "a through b" (days) or "a–b".</summary>
    private static List<string> Ranges(IReadOnlyList<int> values, Func<int, string> name, bool through = false)
    {
        var parts = new List<string>();
        for (var i = 0; i < values.Count;)
        {
            var j = i;
            while (j + 1 < values.Count && values[j + 1] == values[j] + 1) j++;
            if (j - i >= 2) parts.Add(through ? $"{name(values[i])} through {name(values[j])}" : $"{name(values[i])} to {name(values[j])}");
            else for (var k = i; k <= j; k++) parts.Add(name(values[k]));
            i = j + 1;
        }
        return parts;
    }

    private static string Join(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };
}
