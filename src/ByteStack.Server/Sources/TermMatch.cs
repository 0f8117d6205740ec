using System.Globalization;

namespace ByteStack.Server.Sources;

/// <summary>
/// The one rule for "does this post mention the term", used wherever a source cannot match
/// exactly on its side (feeds, fuzzy search APIs): the term as a whole word or phrase, ignoring
/// case, so "Acme" matches "ACME's launch" but not "Acmeville", and "Acme Cloud" does not match
/// "Acme Cloudflare". Accents are not folded (the service runs with invariant globalization). A <c>#tag</c> matches only the hashtag and an <c>@handle</c>
/// only the mention; inside a phrase any run of spaces or punctuation counts as one space.
/// </summary>
public static class TermMatch
{
    /// <summary>Whether <paramref name="text"/> mentions any of <paramref name="terms"/>.</summary>
    public static bool MentionsAny(string text, IReadOnlyList<string> terms) => terms.Any(t => Mentions(text, t));

    public static bool Mentions(string text, string term)
    {
        var words = Words(term);
        if (words.Length == 0) return false;
        var marker = term.TrimStart()[0] is '#' or '@' ? term.TrimStart()[0] : (char?)null;
        var tokens = Tokens(text);
        for (var i = 0; i + words.Length <= tokens.Count; i++)
        {
            if (marker is { } m && tokens[i].Marker != m) continue;
            var all = true;
            for (var w = 0; w < words.Length && all; w++)
                all = string.Equals(tokens[i + w].Word, words[w], StringComparison.OrdinalIgnoreCase);
            if (all) return true;
        }
        return false;
    }

    private static string[] Words(string term) => Tokens(term).Select(t => t.Word).ToArray();

    /// <summary>Words of letters and digits (apostrophes inside a word split it: "Acme's" is "Acme", "s"), each with the # or @ just before it.</summary>
    private static List<(string Word, char? Marker)> Tokens(string text)
    {
        var tokens = new List<(string, char?)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || char.GetUnicodeCategory(text[i]) == UnicodeCategory.NonSpacingMark || text[i] == '_')) i++;
            char? marker = start > 0 && text[start - 1] is '#' or '@' ? text[start - 1] : null;
            tokens.Add((text[start..i], marker));
        }
        return tokens;
    }
}
