using System.Net;
using System.Text.RegularExpressions;

namespace ByteStack.Server.Sources;

/// <summary>Plain text from the HTML fragments several APIs return (HN comments, Mastodon statuses, feed descriptions).</summary>
public static partial class Html
{
    public static string ToText(string? html)
    {
        if (string.IsNullOrEmpty(html)) return "";
        var withBreaks = Breaks().Replace(html, " ");
        var text = WebUtility.HtmlDecode(Tags().Replace(withBreaks, ""));
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"<\s*(?:br|/p|/div|/li)\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
