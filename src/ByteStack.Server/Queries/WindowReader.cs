using System.Globalization;
using System.Text.RegularExpressions;

namespace ByteStack.Server.Queries;

/// <summary>What the prompt says about time: the window and the text it came from, or why it cannot be read.</summary>
public sealed record WindowReading(TimeWindow? Window, string? Phrase, string? Note, string? Refusal);

/// <summary>
/// Reads the time window a prompt names, in UTC, at <c>now</c>: "today", "since midnight",
/// "since Monday", "over the last three days", "past 48 hours", "this month", "last week",
/// "between March 3 and March 5", "from 2026-03-03 to 2026-03-05", "on March 4". A phrase that
/// looks like time but is not understood ("after the launch", "Q3", "3/4") is refused rather
/// than silently replaced by a default window.
/// </summary>
public static partial class WindowReader
{
    private static readonly string[] Units = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private const string Number = @"\d{1,4}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+couple\s+of|a\s+dozen|a|an";

    private const string Month = @"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    // A date as people write it: 2026-03-04, March 4, March 4th 2026, 4 March, Mar 4, 2026.
    private const string Date = @"(?:\d{4}-\d{2}-\d{2}|(?:" + Month + @")\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + Month + @")\.?(?:,?\s+\d{4})?)";

    private const string Weekday = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

    public static WindowReading Read(string prompt, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);

        if (Range().Match(prompt) is { Success: true } range)
        {
            var first = ParseDate(range.Groups["a"].Value, now);
            var endText = range.Groups["b"].Value;
            // "March 3-5": the end is a day of the start's month.
            var last = Regex.IsMatch(endText, @"^\d{1,2}(?:st|nd|rd|th)?$") && first is { } f
                ? SafeDate(f.Year, f.Month, int.Parse(Regex.Match(endText, @"\d+").Value, CultureInfo.InvariantCulture))
                : ParseDate(endText, now, first);
            if (first is null || last is null)
                return Refuse(range.Value, "one of its dates is not a calendar date");
            if (last < first) return Refuse(range.Value, "it ends before it starts");
            return Days(first.Value, last.Value, range.Value, now, $"between {first:yyyy-MM-dd} and {last:yyyy-MM-dd}");
        }

        if (SinceDate().Match(prompt) is { Success: true } since)
        {
            if (ParseDate(since.Groups["d"].Value, now) is not { } d) return Refuse(since.Value, "its date is not a calendar date");
            var from = Midnight(d);
            if (!Hosting.InputRules.IsAcceptedInstant(from)) return Refuse(since.Value, "its date lies outside 1970-01-01..2099-12-31");
            return from >= now ? Refuse(since.Value, "it starts in the future") : Ok(new(from, now, $"since {d:yyyy-MM-dd}"), since.Value);
        }

        if (OnDate().Match(prompt) is { Success: true } on)
        {
            if (ParseDate(on.Groups["d"].Value, now) is not { } d) return Refuse(on.Value, "its date is not a calendar date");
            return Days(d, d, on.Value, now, $"on {d:yyyy-MM-dd}");
        }

        if (Regex.Match(prompt, @"\bsince\s+midnight\b", RegexOptions.IgnoreCase) is { Success: true } midnight)
            return Ok(new(today, now, "since midnight (UTC)"), midnight.Value);
        if (Regex.Match(prompt, @"\bsince\s+yesterday\b", RegexOptions.IgnoreCase) is { Success: true } sinceYesterday)
            return Ok(new(today.AddDays(-1), now, "since yesterday"), sinceYesterday.Value);

        if (Regex.Match(prompt, $@"\b(?<how>since|on|last)\s+(?:last\s+)?(?<day>{Weekday})\b", RegexOptions.IgnoreCase) is { Success: true } weekday)
        {
            var day = Enum.Parse<DayOfWeek>(weekday.Groups["day"].Value, ignoreCase: true);
            var back = ((int)today.DayOfWeek - (int)day + 7) % 7;
            // "last Monday" on a Monday is a week ago; "since Monday" and "on Monday" on a Monday are today.
            if (back == 0 && (weekday.Groups["how"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) || weekday.Value.Contains("last", StringComparison.OrdinalIgnoreCase))) back = 7;
            var start = today.AddDays(-back);
            var name = CultureInfo.InvariantCulture.DateTimeFormat.GetDayName(day);
            return weekday.Groups["how"].Value.Equals("since", StringComparison.OrdinalIgnoreCase)
                ? Ok(new(start, now, $"since {name} {start:yyyy-MM-dd}"), weekday.Value)
                : Ok(new(start, Min(start.AddDays(1), now), $"on {name} {start:yyyy-MM-dd}"), weekday.Value);
        }

        if (SinceAgo().Match(prompt) is { Success: true } ago)
        {
            if (ReadNumber(ago.Groups["n"].Value) is not { } n) return Refuse(ago.Value, "its number is not understood");
            var from = Back(now, n, ago.Groups["unit"].Value);
            return Ok(new(from, now, $"in the last {Plural(n, ago.Groups["unit"].Value)}"), ago.Value);
        }

        if (Regex.Match(prompt, @"\btoday\b", RegexOptions.IgnoreCase) is { Success: true } t) return Ok(new(today, now, "today"), t.Value);
        if (Regex.Match(prompt, @"\byesterday\b", RegexOptions.IgnoreCase) is { Success: true } y) return Ok(new(today.AddDays(-1), today, "yesterday"), y.Value);
        if (Regex.Match(prompt, @"\bthis\s+week\b", RegexOptions.IgnoreCase) is { Success: true } w)
            return Ok(new(today.AddDays(-(((int)today.DayOfWeek + 6) % 7)), now, "this week"), w.Value);
        if (Regex.Match(prompt, @"\bthis\s+month\b", RegexOptions.IgnoreCase) is { Success: true } m)
            return Ok(new(new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), now, "this month"), m.Value);
        if (Regex.Match(prompt, @"\bthis\s+year\b", RegexOptions.IgnoreCase) is { Success: true } yr)
            return Ok(new(new DateTimeOffset(today.Year, 1, 1, 0, 0, 0, TimeSpan.Zero), now, "this year"), yr.Value);

        if (LastN().Match(prompt) is { Success: true } lastN)
        {
            var unit = Unit(lastN.Groups["unit"].Value);
            var n = lastN.Groups["n"].Success ? ReadNumber(lastN.Groups["n"].Value) : 1;
            if (n is null or < 1) return Refuse(lastN.Value, "its number is not understood");
            var label = lastN.Groups["n"].Success && !Regex.IsMatch(lastN.Groups["n"].Value, @"^an?$", RegexOptions.IgnoreCase)
                ? $"in the last {Plural(n.Value, unit)}" : $"in the last {unit}";
            var note = !lastN.Groups["n"].Success && lastN.Groups["which"].Value.Equals("last", StringComparison.OrdinalIgnoreCase) && unit is "week" or "month"
                ? $"\"last {unit}\" was read as the {(unit == "week" ? "7 days" : "month")} up to now, not the previous calendar {unit}; give date_range for that."
                : null;
            return new(new(Back(now, n.Value, unit), now, label), lastN.Value, note, null);
        }

        var stripped = Quoted().Replace(prompt, " ");
        if (UnreadTime().Match(stripped) is { Success: true } unread)
            return new(null, unread.Value, null,
                $"The time in \"{unread.Value.Trim()}\" is not understood. Give date_range, or say e.g. \"today\", \"since Monday\", " +
                "\"last 3 days\", \"between March 3 and March 5\".");
        return new(null, null, null, null);
    }

    /// <summary>"three" → 3, "forty-eight" → 48, "12" → 12, "a couple of" → 2; null when not a number.</summary>
    public static int? ReadNumber(string text)
    {
        var t = Regex.Replace(text.Trim().ToLowerInvariant(), @"\s+", " ");
        if (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return n;
        if (t is "a" or "an") return 1;
        if (t == "a couple of") return 2;
        if (t == "a dozen") return 12;
        var parts = t.Split(' ', '-');
        var tens = Array.IndexOf(Tens, parts[0]);
        if (tens >= 2) return parts.Length == 1 ? tens * 10 : Array.IndexOf(Units, parts[1]) is var u and > 0 and < 10 ? tens * 10 + u : null;
        var unit = Array.IndexOf(Units, parts[0]);
        return parts.Length == 1 && unit > 0 ? unit : null;
    }

    private static WindowReading Ok(TimeWindow window, string phrase) => new(window, phrase, null, null);

    private static WindowReading Refuse(string phrase, string why) =>
        new(null, phrase, null, $"The time window \"{phrase.Trim()}\" cannot be used: {why}. Give date_range, or say e.g. \"between March 3 and March 5\".");

    /// <summary>Whole UTC days <paramref name="first"/> to <paramref name="last"/>, cut at now.</summary>
    private static WindowReading Days(DateOnly first, DateOnly last, string phrase, DateTimeOffset now, string label)
    {
        var from = Midnight(first);
        if (from >= now) return Refuse(phrase, "it lies in the future");
        var to = Midnight(last).AddDays(1);
        var note = to > now ? $"The window {label} ends now ({Hosting.Json.Format(now)}): later posts do not exist yet." : null;
        return new(new(from, Min(to, now), label), phrase, note, null);
    }

    /// <summary>A date in the prompt; without a year, the latest such date not after today (or after <paramref name="notBefore"/>).</summary>
    private static DateOnly? ParseDate(string text, DateTimeOffset now, DateOnly? notBefore = null)
    {
        var t = Regex.Replace(text.Trim(), @"(?<=\d)(?:st|nd|rd|th)\b|,|\.|\bof\b", " ", RegexOptions.IgnoreCase);
        t = Regex.Replace(t, @"\s+", " ").Trim();
        if (DateOnly.TryParseExact(t, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso)) return iso;
        var m = Regex.Match(t, $@"^(?:(?<mon>{Month}) (?<day>\d{{1,2}})|(?<day>\d{{1,2}}) (?<mon>{Month}))(?: (?<year>\d{{4}}))?$", RegexOptions.IgnoreCase);
        if (!m.Success) return null;
        var month = Array.FindIndex(CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames,
            n => n.Length > 0 && m.Groups["mon"].Value.StartsWith(n, StringComparison.OrdinalIgnoreCase)) + 1;
        var day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["year"].Success) return SafeDate(int.Parse(m.Groups["year"].Value, CultureInfo.InvariantCulture), month, day);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var year = notBefore?.Year ?? today.Year;
        var date = SafeDate(year, month, day);
        // "December 28 to January 3" crosses a year; "April 29 to April 27" is backwards, not a year long.
        if (notBefore is { } start) return date is { } d && d < start && month < start.Month ? SafeDate(year + 1, month, day) : date;
        return date is { } found && found > today ? SafeDate(year - 1, month, day) : date;
    }

    private static DateOnly? SafeDate(int year, int month, int day) =>
        year is >= 1970 and <= 9998 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static DateTimeOffset Midnight(DateOnly d) => new(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Unit(string text)
    {
        var u = text.ToLowerInvariant().TrimEnd('s');
        return u switch { "h" or "hr" => "hour", "min" => "minute", "d" => "day", "wk" => "week", _ => u };
    }

    private static string Plural(int n, string unit) => $"{n} {Unit(unit)}{(n == 1 ? "" : "s")}";

    private static DateTimeOffset Back(DateTimeOffset now, int n, string unit) => Unit(unit) switch
    {
        "minute" => now.AddMinutes(-n),
        "hour" => now.AddHours(-n),
        "day" => now.AddDays(-n),
        "week" => now.AddDays(-7 * n),
        "month" => now.AddMonths(-n),
        _ => now.AddYears(-n),
    };

    [GeneratedRegex($@"\b(?:between\s+(?<a>{Date})\s+and\s+(?<b>{Date}|\d{{1,2}}(?:st|nd|rd|th)?)|from\s+(?<a>{Date})\s+(?:to|until|till|through|thru|-)\s+(?<b>{Date}|\d{{1,2}}(?:st|nd|rd|th)?)|(?<a>{Date})\s*(?:-|–|to|through)\s*(?<b>{Date}|\d{{1,2}}(?:st|nd|rd|th)?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Range();

    [GeneratedRegex($@"\bsince\s+(?<d>{Date})\b", RegexOptions.IgnoreCase)]
    private static partial Regex SinceDate();

    [GeneratedRegex($@"(?:\b(?:on|for)\s+)?\b(?<d>{Date})\b", RegexOptions.IgnoreCase)]
    private static partial Regex OnDate();

    [GeneratedRegex($@"\bsince\s+(?<n>{Number})\s+(?<unit>minute|hour|day|week|month|year)s?\s+ago\b", RegexOptions.IgnoreCase)]
    private static partial Regex SinceAgo();

    [GeneratedRegex($@"\b(?:(?:in|over|during|for|within)\s+)?(?:the\s+)?(?<which>last|past|previous|prior)\s+(?:(?<n>{Number})\s*)?(?<unit>minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|years?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex LastN();

    [GeneratedRegex("[\"“]([^\"”]+)[\"”]")]
    private static partial Regex Quoted();

    // Words that name a time the rules above did not read: refusing beats guessing a window.
    [GeneratedRegex($@"\b(?:since|between|until|till|before|after|ago|during|tonight|tomorrow|this\s+morning|afternoon|evening|weekend|quarter|q[1-4]|fortnight|(?:{Month})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{Month})\b|{Weekday}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}(?:/\d{{2,4}})?|(?:\d+|few|several|couple)\s+(?:minutes?|hours?|days?|weeks?|months?|years?))\b", RegexOptions.IgnoreCase)]
    private static partial Regex UnreadTime();
}
