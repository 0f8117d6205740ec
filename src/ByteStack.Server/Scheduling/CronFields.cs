using System.Globalization;

namespace ByteStack.Server.Scheduling;

/// <summary>
/// The five cron fields expanded to sorted value sets, plus whether each was written as
/// <c>*</c> (unrestricted). Descriptions are written from these; NCrontab computes times.
/// </summary>
public sealed record CronFields(
    IReadOnlyList<int> Minutes, IReadOnlyList<int> Hours, IReadOnlyList<int> DaysOfMonth,
    IReadOnlyList<int> Months, IReadOnlyList<int> DaysOfWeek,
    string[] Raw)
{
    public bool AnyDayOfMonth => Raw[2].StartsWith('*');
    public bool AnyMonth => Raw[3].StartsWith('*');
    public bool AnyDayOfWeek => Raw[4].StartsWith('*');

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static bool TryParse(string[] parts, out CronFields fields, out string error)
    {
        fields = null!;
        var sets = new List<int>[5];
        (string Name, int Min, int Max, string[]? Names)[] specs =
        [
            ("minute", 0, 59, null), ("hour", 0, 23, null), ("day-of-month", 1, 31, null),
            ("month", 1, 12, MonthNames), ("day-of-week", 0, 7, DayNames),
        ];
        for (var i = 0; i < 5; i++)
        {
            var (name, min, max, names) = specs[i];
            if (!TryExpand(parts[i], min, max, names, i == 3 ? 1 : 0, out var values, out var why))
            {
                error = $"The {name} field '{parts[i]}' is not valid: {why}";
                return false;
            }
            sets[i] = values;
        }
        // 7 and 0 are both Sunday.
        var days = sets[4].Select(d => d % 7).Distinct().Order().ToList();
        fields = new CronFields(sets[0], sets[1], sets[2], sets[3], days, parts);
        error = "";
        return true;
    }

    private static bool TryExpand(string field, int min, int max, string[]? names, int nameOffset, out List<int> values, out string why)
    {
        var set = new SortedSet<int>();
        values = [];
        foreach (var item in field.Split(','))
        {
            var slash = item.Split('/');
            if (slash.Length > 2 || item.Length == 0) return Invalid($"'{item}' is not a value, range or step.", out why);

            int step = 1;
            if (slash.Length == 2 && (!int.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1 || step > max))
                return Invalid($"the step '{slash[1]}' must be a whole number from 1 to {max}.", out why);

            int low, high;
            if (slash[0] == "*")
            {
                (low, high) = (min, max == 7 ? 6 : max);
            }
            else
            {
                var dash = slash[0].Split('-');
                if (dash.Length > 2) return Invalid($"'{slash[0]}' is not a value or range.", out why);
                if (!TryValue(dash[0], min, max, names, nameOffset, out low, out why)) return false;
                high = low;
                if (dash.Length == 2 && !TryValue(dash[1], min, max, names, nameOffset, out high, out why)) return false;
                if (dash.Length == 1 && slash.Length == 2) high = max == 7 ? 6 : max; // "5/15" means 5-max/15
                if (high < low) return Invalid($"the range '{slash[0]}' runs backwards.", out why);
            }
            for (var v = low; v <= high; v += step) set.Add(v);
        }
        values = [.. set];
        why = "";
        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, int nameOffset, out int value, out string why)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (value >= min && value <= max) { why = ""; return true; }
            return Invalid($"{value} is outside {min}-{max}.", out why);
        }
        var index = names is null ? -1 : Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0) { value = index + nameOffset; why = ""; return true; }
        return Invalid($"'{text}' is not a number{(names is null ? "" : " or a name like " + names[0])}.", out why);
    }

    private static bool Invalid(string message, out string why)
    {
        why = message;
        return false;
    }
}
