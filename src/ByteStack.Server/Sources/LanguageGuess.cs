namespace ByteStack.Server.Sources;

/// <summary>
/// A small offline guess at a post's language, for sources without a language filter: the
/// language whose most common short words the post uses most. A post too short to tell is
/// taken to be in the source's usual language (Hacker News: English); languages other than
/// these are not guessed, and a filter on one of them drops nothing.
/// </summary>
public static class LanguageGuess
{
    private static readonly Dictionary<string, HashSet<string>> CommonWords = new()
    {
        ["en"] = ["the", "and", "is", "are", "was", "it", "this", "that", "with", "for", "of", "to", "in", "on", "my", "we", "you", "not", "have", "just", "our", "its", "be"],
        ["es"] = ["el", "la", "los", "las", "es", "y", "que", "de", "en", "un", "una", "por", "para", "con", "no", "muy", "pero", "como", "del", "se", "lo", "está"],
        ["de"] = ["der", "die", "das", "und", "ist", "nicht", "ein", "eine", "mit", "für", "auf", "den", "zu", "ich", "wir", "sehr", "aber", "auch", "es", "von", "im"],
        ["fr"] = ["le", "la", "les", "et", "est", "un", "une", "des", "pour", "avec", "pas", "je", "nous", "très", "mais", "sur", "dans", "du", "ce", "que", "il"],
        ["pt"] = ["o", "os", "as", "é", "e", "que", "de", "em", "um", "uma", "para", "com", "não", "muito", "mas", "do", "da", "no", "na", "se", "eu"],
        ["it"] = ["il", "lo", "gli", "è", "e", "che", "di", "un", "una", "per", "con", "non", "molto", "ma", "del", "della", "nel", "sono", "questo", "si"],
        ["nl"] = ["de", "het", "een", "en", "is", "niet", "van", "met", "voor", "op", "dat", "ik", "we", "zijn", "maar", "ook", "heel", "te", "wat"],
    };

    /// <summary>The likeliest language among the known ones, or null when the post is too short or too even to tell.</summary>
    public static string? Guess(string text)
    {
        var words = text.ToLowerInvariant().Split([' ', ',', '.', '!', '?', ';', ':', '(', ')', '"', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var scores = CommonWords.Select(l => (Language: l.Key, Hits: words.Count(l.Value.Contains))).OrderByDescending(s => s.Hits).ToList();
        return scores[0].Hits >= 2 && scores[0].Hits > scores[1].Hits ? scores[0].Language : null;
    }

    /// <summary>Whether the post is in <paramref name="language"/>; one too short to tell is in <paramref name="usual"/>.</summary>
    public static bool IsIn(string text, string language, string usual) =>
        !CommonWords.ContainsKey(language) || (Guess(text) ?? usual) == language;

    public static string Describe(string language, string usual) => CommonWords.ContainsKey(language)
        ? $"judged by their common words; a post too short to tell was taken as {usual}"
        : "a language this filter cannot recognise, so no post was dropped";
}
