using System.Globalization;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Small checks every request reader shares, so a rule is written once: which dates the API
/// accepts, what counts as a whole number in a query string, and which characters may reach a
/// header, a URL or a log line.
/// </summary>
public static class InputRules
{
    /// <summary>
    /// Every date a client sends lies in [<see cref="EarliestDate"/>, <see cref="LatestDate"/>]: no source
    /// has posts before 1970, and dates near year 9999 make calendar arithmetic overflow.
    /// </summary>
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    public static readonly DateOnly LatestDate = new(2099, 12, 31);

    public static readonly DateTimeOffset Earliest = new(EarliestDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    /// <summary>The first instant after the accepted range (exclusive bound).</summary>
    public static readonly DateTimeOffset Latest = new(LatestDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static string DateRangeText => $"from {EarliestDate:yyyy-MM-dd} to {LatestDate:yyyy-MM-dd}";

    public static bool IsAcceptedDate(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static bool IsAcceptedInstant(DateTimeOffset instant) => instant >= Earliest && instant < Latest;

    /// <summary>
    /// A query-string whole number written as plain ASCII digits: no sign, no spaces, no
    /// thousands separators (<c>int.TryParse</c> alone accepts <c>"+5"</c> and <c>" 5"</c>).
    /// </summary>
    public static bool TryParseWholeNumber(string? text, out int value)
    {
        value = 0;
        return text is { Length: > 0 and <= 9 } && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// An endpoint filter for the API group: every whole-number query parameter (<c>?limit=</c>,
    /// <c>?count=</c>, <c>?wait=</c>) must be plain digits. Minimal APIs bind <c>int</c> with
    /// <c>int.TryParse</c>, which also takes a sign and surrounding spaces.
    /// </summary>
    public static EndpointFilterDelegate StrictQueryNumbers(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var numbers = context.MethodInfo.GetParameters()
            .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) is var t && (t == typeof(int) || t == typeof(long)))
            .Select(p => p.Name!).ToList();
        if (numbers.Count == 0) return next;
        return invocation =>
        {
            var query = invocation.HttpContext.Request.Query;
            foreach (var name in numbers)
            {
                if (query.TryGetValue(name, out var raw) && (raw.Count != 1 || !TryParseWholeNumber(raw[0], out _)))
                    return ValueTask.FromResult<object?>(Problems.BadParameter(name, ErrorCodes.InvalidField(name),
                        $"{name} must be a whole number written in plain digits (no sign, spaces or decimals).").ToResult());
            }
            return next(invocation);
        };
    }

    /// <summary>
    /// Whether <paramref name="text"/> holds a control character (C0, DEL, C1) or a line/paragraph
    /// separator: such characters split HTTP headers (CR LF), forge log lines and truncate C strings (NUL).
    /// </summary>
    public static bool HasControlCharacters(string text, bool allowLineBreaks = false)
    {
        foreach (var c in text)
        {
            if (allowLineBreaks && c is '\n' or '\r' or '\t') continue;
            if (char.IsControl(c) || c is '\u2028' or '\u2029') return true;
        }
        return false;
    }
}
