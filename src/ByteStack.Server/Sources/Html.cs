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
        return Clean(Tags().Replace(withBreaks, ""));
    }

    /// <summary>
    /// Text that is not HTML but may carry entities and invisible characters: Reddit stores
    /// markdown with <c>&amp;amp;</c>, <c>&amp;lt;</c>, <c>&amp;gt;</c> escaped even with
    /// <c>raw_json=1</c>, and its editor writes <c>&amp;#x200B;</c> for blank paragraphs
    /// (https://www.reddit.com/dev/api/ "raw_json"; https://github.com/reddit-archive/reddit/wiki/JSON).
    /// Entities are decoded, zero-width characters removed, whitespace collapsed.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var decoded = ZeroWidth().Replace(WebUtility.HtmlDecode(text), "");
        return Spaces().Replace(decoded, " ").Trim();
    }

    // Zero-width space, non-joiner, joiner, word joiner and the byte-order mark.
    [GeneratedRegex("[\u200B\u200C\u200D\u2060\uFEFF]")]
    private static partial Regex ZeroWidth();

    [GeneratedRegex(@"<\s*(?:br|/p|/div|/li)\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Breaks();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
