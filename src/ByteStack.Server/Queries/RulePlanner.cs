using System.Globalization;
using System.Text.RegularExpressions;
using ByteStack.Server.Hosting;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

/// <summary>
/// The offline planner: regular expressions over the prompt, no network. Good enough for the
/// questions people actually schedule ("How many times was Acme mentioned on X today?",
/// "Sentiment around \"Acme Cloud\" on Reddit this week, excluding jobs"); an optional LLM
/// planner may do better, and falls back to this one.
/// </summary>
public static partial class RulePlanner
{
    /// <summary>Default window when neither the request nor the prompt gives one.</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(7);

    private static readonly (string Source, Regex Pattern)[] SourceNames =
    [
        ("x", new(@"\b(?:on|from|in|across)\s+X\b|\bX\s*\(?(?:formerly\s+)?twitter\)?|\btwitter\b|\btweets?\b|\bX\s+posts?\b|\bX(?=\s*(?:,|and|or|&)\s*(?:reddit|hacker|bluesky|mastodon|youtube|linkedin|tiktok|instagram|facebook|the news|news)\b)", RegexOptions.IgnoreCase)),
        ("reddit", new(@"\breddit\b|\bsubreddits?\b", RegexOptions.IgnoreCase)),
        ("hackernews", new(@"\bhacker\s*news\b|\bHN\b", RegexOptions.IgnoreCase)),
        ("bluesky", new(@"\bbluesky\b|\bbsky\b", RegexOptions.IgnoreCase)),
        ("mastodon", new(@"\bmastodon\b|\bfediverse\b", RegexOptions.IgnoreCase)),
        ("youtube", new(@"\byoutube\b", RegexOptions.IgnoreCase)),
        ("news", new(@"\b(?:the\s+)?news\b|\bpress\b|\bheadlines\b", RegexOptions.IgnoreCase)),
        ("linkedin", new(@"\blinkedin\b", RegexOptions.IgnoreCase)),
        ("tiktok", new(@"\btiktok\b", RegexOptions.IgnoreCase)),
        ("instagram", new(@"\binstagram\b", RegexOptions.IgnoreCase)),
        ("facebook", new(@"\bfacebook\b", RegexOptions.IgnoreCase)),
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "how", "many", "much", "times", "time", "was", "were", "is", "are", "be", "been", "what", "what's",
        "whats", "which", "who", "when", "where", "why", "do", "does", "did", "people", "say", "saying", "said", "about",
        "mentioned", "mention", "mentions", "of", "on", "in", "at", "to", "for", "from", "and", "or", "with", "by", "this",
        "that", "these", "those", "today", "yesterday", "week", "month", "year", "last", "past", "since", "hours", "hour",
        "days", "day", "weeks", "months", "count", "number", "sentiment", "overall", "around", "toward", "towards", "show",
        "me", "list", "find", "top", "most", "posts", "post", "our", "my", "their", "its", "it", "any", "all", "across",
        "classify", "positive", "negative", "neutral", "as", "give", "get", "tell", "latest", "recent", "new", "talk",
        "talking", "discussed", "discussion", "discussions", "excluding", "except", "without", "not", "but", "so", "far",
        "feel", "feeling", "think", "popular", "liked", "viewed", "there", "have", "has", "had", "than", "more", "less",
        "x", "twitter", "reddit", "hacker", "news", "hn", "bluesky", "mastodon", "youtube", "linkedin", "tiktok",
        "instagram", "facebook", "every", "each", "per", "please", "can", "you", "i", "we", "us", "monitor", "track",
    };

    public static QueryPlan Plan(string prompt, IReadOnlyList<string> selectedSources, TimeWindow? explicitWindow, DateTimeOffset now)
    {
        var notes = new List<string>();
        var text = prompt.Trim();

        // Sources named in the prompt are reconciled with the request's sources: the field wins.
        var named = SourceNames.Where(s => s.Pattern.IsMatch(text)).Select(s => s.Source).ToList();
        foreach (var source in named.Where(n => !selectedSources.Any(s => s == n || (n == "news" && s.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal)))))
            notes.Add($"The prompt mentions {SourceCatalog.Find(source)?.Name ?? source}, which is not among the selected sources; it was not queried.");
        var withoutSources = SourceNames.Aggregate(text, (t, s) => s.Pattern.Replace(t, " "));

        var window = explicitWindow ?? ResolveWindow(text, now) ?? new TimeWindow(now - DefaultLookback, now, "in the last 7 days");
        var withoutWindow = WindowPhrases().Replace(withoutSources, " ");

        var exclusions = ReadExclusions(ref withoutWindow);
        var terms = ReadTerms(withoutWindow);
        return new QueryPlan(terms, exclusions, ReadIntent(text), window, selectedSources, notes);
    }

    public static QueryIntent ReadIntent(string prompt)
    {
        if (SentimentWords().IsMatch(prompt)) return QueryIntent.Sentiment;
        if (TopWords().IsMatch(prompt)) return QueryIntent.Top;
        if (CountWords().IsMatch(prompt)) return QueryIntent.Count;
        if (ListWords().IsMatch(prompt)) return QueryIntent.List;
        return QueryIntent.Count;
    }

    /// <summary>The window a phrase in the prompt names, resolved at <paramref name="now"/> (UTC); null when none.</summary>
    public static TimeWindow? ResolveWindow(string prompt, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        if (Regex.IsMatch(prompt, @"\btoday\b", RegexOptions.IgnoreCase)) return new(today, now, "today");
        if (Regex.IsMatch(prompt, @"\byesterday\b", RegexOptions.IgnoreCase)) return new(today.AddDays(-1), today, "yesterday");
        if (Regex.IsMatch(prompt, @"\bthis\s+week\b", RegexOptions.IgnoreCase))
        {
            var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
            return new(monday, now, "this week");
        }
        if (Regex.IsMatch(prompt, @"\bthis\s+month\b", RegexOptions.IgnoreCase))
            return new(new DateTimeOffset(today.Year, today.Month, 1, 0, 0, 0, TimeSpan.Zero), now, "this month");

        var lastN = Regex.Match(prompt, @"\b(?:last|past|previous)\s+(\d{1,4})\s+(hour|day|week|month)s?\b", RegexOptions.IgnoreCase);
        if (lastN.Success)
        {
            var n = int.Parse(lastN.Groups[1].Value, CultureInfo.InvariantCulture);
            var unit = lastN.Groups[2].Value.ToLowerInvariant();
            var from = unit switch
            {
                "hour" => now.AddHours(-n),
                "day" => now.AddDays(-n),
                "week" => now.AddDays(-7 * n),
                _ => now.AddMonths(-n),
            };
            return new(from, now, $"in the last {n} {unit}{(n == 1 ? "" : "s")}");
        }
        var lastUnit = Regex.Match(prompt, @"\b(?:last|past)\s+(hour|day|week|month)\b", RegexOptions.IgnoreCase);
        if (lastUnit.Success)
        {
            var unit = lastUnit.Groups[1].Value.ToLowerInvariant();
            var from = unit switch { "hour" => now.AddHours(-1), "day" => now.AddDays(-1), "week" => now.AddDays(-7), _ => now.AddMonths(-1) };
            return new(from, now, $"in the last {unit}");
        }

        var since = Regex.Match(prompt, @"\bsince\s+(\d{4}-\d{2}-\d{2})\b", RegexOptions.IgnoreCase);
        if (since.Success && DateOnly.TryParseExact(since.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            var from = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            if (from < now && InputRules.IsAcceptedInstant(from)) return new(from, now, $"since {since.Groups[1].Value}");
        }
        return null;
    }

    private static List<string> ReadExclusions(ref string text)
    {
        var exclusions = new List<string>();
        foreach (var pattern in new[] { ExcludingPhrase(), MinusTerm() })
        {
            foreach (Match m in pattern.Matches(text))
                exclusions.AddRange(m.Groups["terms"].Value.Split([",", " and ", " or "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(t => t.Trim('"', '\'', '.', '?', '!')).Where(t => t.Length > 0));
            text = pattern.Replace(text, " ");
        }
        return exclusions.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static List<string> ReadTerms(string text)
    {
        // Quoted phrases are taken exactly as written.
        var terms = Quoted().Matches(text).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0).ToList();
        var rest = Quoted().Replace(text, " ");
        if (terms.Count > 0) return terms.Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        // "mentions of Acme", "Acme mentioned", "about Acme", "sentiment around Acme": the entity.
        foreach (var pattern in new[] { EntityAfter(), EntityBefore() })
        {
            var m = pattern.Match(rest);
            if (m.Success && Clean(m.Groups["entity"].Value) is { Length: > 0 } entity) return [entity];
        }

        // Otherwise: capitalised words (proper nouns), else whatever is left that is not a stop word.
        var words = Words().Matches(rest).Select(m => m.Value).Where(w => !StopWords.Contains(w)).ToList();
        var proper = words.Where(w => char.IsUpper(w[0]) || w.Any(char.IsDigit)).ToList();
        var chosen = proper.Count > 0 ? proper : words;
        return chosen.Count == 0 ? [] : [string.Join(' ', chosen.Take(4))];
    }

    /// <summary>Trims an entity match down to its words that are not stop words.</summary>
    private static string Clean(string entity) =>
        string.Join(' ', Words().Matches(entity).Select(m => m.Value).SkipWhile(StopWords.Contains).Reverse().SkipWhile(StopWords.Contains).Reverse());

    [GeneratedRegex("[\"“]([^\"”]+)[\"”]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?:mentions?\s+of|mentioning|about|around|towards?|regarding|for|of)\s+(?<entity>[\p{L}\p{N}][\p{L}\p{N}&.'\- ]{0,60}?)(?=\s+(?:was|were|is|are|has|have|on|in|across|from|during|over|since|this|last|past|today|yesterday)\b|[?.!,]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex EntityAfter();

    [GeneratedRegex(@"(?:was|were|is|has\s+been|have\s+been)\s+(?<entity>[\p{L}\p{N}][\p{L}\p{N}&.'\- ]{0,60}?)\s+(?:mentioned|discussed|talked\s+about)", RegexOptions.IgnoreCase)]
    private static partial Regex EntityBefore();

    [GeneratedRegex(@"\b(?:excluding|except(?:\s+for)?|without|but\s+not|not\s+including|ignoring)\s+(?<terms>[^?.!;]+?)(?=\s+(?:on|in|from|today|yesterday|this|last|past|since)\b|[?.!;]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ExcludingPhrase();

    [GeneratedRegex(@"(?<=^|\s)-(?:""(?<terms>[^""]+)""|(?<terms>[\p{L}\p{N}][\p{L}\p{N}_\-]*))")]
    private static partial Regex MinusTerm();

    [GeneratedRegex(@"\b(?:today|yesterday|this\s+(?:week|month)|(?:last|past|previous)\s+(?:\d{1,4}\s+)?(?:hour|day|week|month)s?|since\s+\d{4}-\d{2}-\d{2})\b", RegexOptions.IgnoreCase)]
    private static partial Regex WindowPhrases();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}&'\-]*")]
    private static partial Regex Words();

    [GeneratedRegex(@"\bsentiment|\bfeel(?:ing)?s?\b|\bpositive\b|\bnegative\b|\bmood\b|\bopinions?\b|\bthink\s+(?:of|about)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentimentWords();

    [GeneratedRegex(@"\btop\b|\bmost\s+(?:popular|liked|upvoted|viewed|shared|engaging)\b|\bbest\s+performing\b", RegexOptions.IgnoreCase)]
    private static partial Regex TopWords();

    [GeneratedRegex(@"\bhow\s+(?:many|much|often)\b|\bcount\b|\bnumber\s+of\b|\bvolume\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountWords();

    [GeneratedRegex(@"\blist\b|\bshow\s+(?:me\s+)?(?:all|the)?\b|\bfind\b|\bwhat\s+(?:are|were)\s+people\s+saying\b|\bwhat\s+do\s+people\s+say\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListWords();
}
