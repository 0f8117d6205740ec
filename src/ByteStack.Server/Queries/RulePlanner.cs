using System.Text.RegularExpressions;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

/// <summary>
/// The offline planner: regular expressions over the prompt, no network. It reads, in this
/// order, the sources named (multi-word names first: "Hacker News" is not "news"), the time
/// window (<see cref="WindowReader"/>), a language ("in English"), exclusions ("excluding
/// retweets", "not counting job ads", "except posts from @acmejobs") and then the terms:
/// quoted phrases, <c>#hashtags</c>, <c>@handles</c> and names, several names joined by
/// "or", "and", "vs" or commas being several terms. An optional LLM planner may do better,
/// and falls back to this one.
/// </summary>
public static partial class RulePlanner
{
    /// <summary>Default window when neither the request nor the prompt gives one (what X's recent search reaches).</summary>
    public static readonly TimeSpan DefaultLookback = TimeSpan.FromDays(7);

    /// <summary>
    /// What "job ads" means in an exclusion ("not counting job ads", "without hiring posts"): posts
    /// saying any of these, as words or phrases (<see cref="TermMatch"/>), are left out.
    /// </summary>
    public static readonly IReadOnlyList<string> JobAdWords =
    [
        "hiring", "job opening", "job openings", "apply now", "join our team", "open position", "open positions",
        "open role", "open roles", "now recruiting", "#jobs", "#job", "#hiring", "job alert",
    ];

    /// <summary>Languages a prompt may name, with their ISO 639-1 codes.</summary>
    public static readonly IReadOnlyDictionary<string, string> Languages = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["english"] = "en", ["spanish"] = "es", ["german"] = "de", ["french"] = "fr", ["portuguese"] = "pt", ["italian"] = "it",
        ["dutch"] = "nl", ["japanese"] = "ja", ["korean"] = "ko", ["chinese"] = "zh", ["russian"] = "ru", ["arabic"] = "ar",
        ["hindi"] = "hi", ["turkish"] = "tr", ["polish"] = "pl", ["swedish"] = "sv", ["indonesian"] = "id", ["ukrainian"] = "uk",
    };

    /// <summary>The other sources' names, for reading X in a list of sources ("Hacker News and X", "Twitter/X").</summary>
    private const string OtherSource = @"(?:hacker\s*news|HN|reddit|bluesky|bsky|mastodon|youtube|linkedin|tiktok|instagram|facebook|twitter|the\s+news|news)";

    /// <summary>A list separator between two source names: ",", "and", "or", "&amp;", "/", "+".</summary>
    private const string ListSeparator = @"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or)\s|&|/|\+)\s*";

    // Order matters: a longer name is read (and removed) before a shorter one inside it. X comes first: a single
    // letter is a source only after "on"/"from"/… or beside another source's name, which must still be there to read.
    // The letter inside a word or a name is not X: "x10", "X-ray", "Acme X1", "Xbox".
    private static readonly (string Source, Regex Pattern)[] SourceNames =
    [
        ("x", new($@"\b(?:on|from|in|across|via)\s+(?:both\s+)?X(?![\w-])|\bX\s*\(?(?:formerly\s+)?twitter\)?|\btwitter\b|\btweets?\b|(?<![\w-])X\s+posts?\b" +
            $@"|(?<![\w-])X(?={ListSeparator}{OtherSource}\b)|(?<=\b{OtherSource}{ListSeparator})X(?![\w-])", RegexOptions.IgnoreCase)),
        ("hackernews", new(@"\bhacker\s*news\b|\bHN\b", RegexOptions.IgnoreCase)),
        ("reddit", new(@"\breddit\b|\bsubreddits?\b", RegexOptions.IgnoreCase)),
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
        "mentioned", "mention", "mentions", "mentioning", "of", "on", "in", "at", "to", "for", "from", "and", "or", "with", "by", "this",
        "that", "these", "those", "today", "yesterday", "week", "month", "year", "last", "past", "since", "hours", "hour",
        "days", "day", "weeks", "months", "count", "number", "sentiment", "overall", "around", "toward", "towards", "show",
        "me", "list", "find", "top", "most", "posts", "post", "our", "my", "their", "its", "it", "any", "all", "across",
        "classify", "positive", "negative", "neutral", "as", "give", "get", "tell", "latest", "recent", "new", "talk",
        "talking", "discussed", "discussion", "discussions", "excluding", "except", "without", "not", "but", "so", "far",
        "feel", "feeling", "think", "popular", "liked", "viewed", "there", "have", "has", "had", "than", "more", "less",
        "x", "twitter", "reddit", "hacker", "news", "hn", "bluesky", "mastodon", "youtube", "linkedin", "tiktok",
        "instagram", "facebook", "every", "each", "per", "please", "can", "you", "i", "we", "us", "monitor", "track",
        "compare", "comparison", "vs", "versus", "unique", "distinct", "users", "user", "authors", "accounts", "people's",
        "tweets", "tweet", "comments", "comment", "stories", "story", "total", "volume", "buzz", "chatter", "sentiments",
        "mood", "opinion", "opinions", "react", "reacting", "reaction", "reactions", "got", "each", "separately", "both",
        "hashtag", "handle", "account", "anyone", "somebody", "someone", "talked", "write", "wrote", "written", "language",
        "reviews", "review", "complaints",
    };

    public static QueryPlan Plan(string prompt, IReadOnlyList<string> selectedSources, TimeWindow? explicitWindow, DateTimeOffset now)
    {
        var notes = new List<string>();
        var text = prompt.Trim();

        // Sources named in the prompt are reconciled with the request's sources: the field wins.
        var (named, rest) = ReadSources(text);
        foreach (var source in named.Where(n => !selectedSources.Any(s => s == n || (n == "news" && s.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal)))))
            notes.Add($"The prompt mentions {SourceCatalog.Find(source)?.Name ?? source}, which is not among the selected sources; it was not queried.");

        var reading = WindowReader.Read(rest, now);
        if (reading.Phrase is { } phrase) rest = rest.Replace(phrase, " ", StringComparison.Ordinal);
        string? refusal = null;
        TimeWindow window;
        if (explicitWindow is { Note: { } why })
        {
            // A window code chose (a job run's default) never stands in for a time the prompt names but the rules cannot read.
            window = explicitWindow;
            if (reading.Refusal is not null) refusal = reading.Refusal;
            else notes.Add(why);
        }
        else if (explicitWindow is not null)
        {
            window = explicitWindow;
            // A job's window is often the prompt's own phrase resolved at its slot: only a different one is worth a note.
            if (reading.Phrase is not null && reading.Window?.Label != explicitWindow.Label)
                notes.Add($"date_range was used; the prompt's \"{reading.Phrase.Trim()}\" was not.");
        }
        else if (reading.Refusal is not null)
        {
            refusal = reading.Refusal;
            window = new TimeWindow(now - DefaultLookback, now, "in the last 7 days");
        }
        else if (reading.Window is not null)
        {
            window = reading.Window;
            if (reading.Note is not null) notes.Add(reading.Note);
        }
        else
        {
            window = new TimeWindow(now - DefaultLookback, now, "in the last 7 days");
            notes.Add("The prompt names no time window, so the last 7 days were used (as far back as X's recent search reaches); give date_range or say e.g. \"today\" for another.");
        }

        string? language = null;
        if (LanguagePhrase().Match(rest) is { Success: true } lang)
        {
            language = Languages[lang.Groups["lang"].Value];
            rest = rest.Remove(lang.Index, lang.Length).Insert(lang.Index, " ");
        }

        var exclusions = new List<string>();
        var excludedAuthors = new List<string>();
        var includeReposts = IncludeReposts().IsMatch(rest);
        var repostsMentioned = includeReposts || RepostWords().IsMatch(rest);
        rest = IncludeReposts().Replace(rest, " ");
        var jobAds = false;
        foreach (Match m in ExcludingPhrase().Matches(rest))
        {
            foreach (var item in Conjunctions().Split(m.Groups["terms"].Value).Select(i => i.Trim().Trim('"', '“', '”', '\'', '.', '?', '!')).Where(i => i.Length > 0))
            {
                var subject = Regex.Replace(item, @"^(?:(?:any|all|the)\s+)?(?:posts?|tweets?|mentions?|anything|those|ones|stuff)\s+(?:from|by)\s+", "from ", RegexOptions.IgnoreCase);
                subject = Regex.Replace(subject, @"^(?:(?:any|all|the)\s+)?(?:posts?|tweets?|mentions?|anything|stuff)\s+(?:about|mentioning|with|of|on)\s+", "", RegexOptions.IgnoreCase);
                if (RepostWords().IsMatch(subject) && RepostWords().Match(subject).Length >= subject.Length - 6) continue;
                if (JobAds().IsMatch(subject)) { jobAds = true; continue; }
                if (Regex.Match(subject, @"^(?:from\s+)?@?(?<handle>[A-Za-z0-9_]{1,30})$") is { Success: true } author && (subject.StartsWith("from", StringComparison.OrdinalIgnoreCase) || subject.Contains('@')))
                {
                    excludedAuthors.Add(author.Groups["handle"].Value);
                    continue;
                }
                exclusions.Add(subject.StartsWith("from ", StringComparison.OrdinalIgnoreCase) ? subject[5..] : subject);
            }
        }
        rest = ExcludingPhrase().Replace(rest, " ");
        foreach (Match m in MinusTerm().Matches(rest)) exclusions.Add(m.Groups["terms"].Value);
        rest = MinusTerm().Replace(rest, " ");
        if (jobAds)
        {
            exclusions.AddRange(JobAdWords);
            notes.Add($"Job ads were excluded: posts saying any of {string.Join(", ", JobAdWords.Select(w => $"\"{w}\""))}.");
        }
        if (excludedAuthors.Count > 0)
            notes.Add($"Posts by {string.Join(", ", excludedAuthors.Select(a => "@" + a))} were excluded.");
        if (language is not null)
            notes.Add($"Only posts in {Languages.First(l => l.Value == language).Key.ToUpperInvariant()[0] + Languages.First(l => l.Value == language).Key[1..]} ({language}) were counted; sources without a language filter are filtered on the posts' text.");
        if (includeReposts)
            notes.Add("Retweets and reposts were counted as mentions, as asked.");
        else if (repostsMentioned || selectedSources.Contains("x") || selectedSources.Contains("bluesky") || selectedSources.Contains("mastodon"))
            notes.Add("Retweets and reposts were not counted as mentions; ask \"including retweets\" to count them.");

        var terms = ReadTerms(rest);
        var plan = new QueryPlan(terms, exclusions.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), ReadIntent(text), window, selectedSources, notes)
        {
            Language = language,
            IncludeReposts = includeReposts,
            ExcludedAuthors = excludedAuthors.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Refusal = refusal,
        };
        return plan;
    }

    /// <summary>The sources a prompt names ("on Hacker News and X", "Twitter/X"), and the prompt without their names.</summary>
    public static (IReadOnlyList<string> Named, string Remainder) ReadSources(string prompt)
    {
        var named = new List<string>();
        var rest = prompt;
        foreach (var (source, pattern) in SourceNames)
        {
            if (!pattern.IsMatch(rest)) continue;
            named.Add(source);
            rest = pattern.Replace(rest, " ");
        }
        return (named, rest);
    }

    public static QueryIntent ReadIntent(string prompt)
    {
        if (UserWords().IsMatch(prompt)) return QueryIntent.Users;
        if (NegativeCount().IsMatch(prompt)) return QueryIntent.Negative;
        if (PositiveCount().IsMatch(prompt)) return QueryIntent.Positive;
        if (SentimentWords().IsMatch(prompt)) return QueryIntent.Sentiment;
        if (TopWords().IsMatch(prompt)) return QueryIntent.Top;
        if (CountWords().IsMatch(prompt)) return QueryIntent.Count;
        if (ListWords().IsMatch(prompt)) return QueryIntent.List;
        return QueryIntent.Count;
    }

    /// <summary>The window a phrase in the prompt names, resolved at <paramref name="now"/> (UTC); null when none or not understood.</summary>
    public static TimeWindow? ResolveWindow(string prompt, DateTimeOffset now) => WindowReader.Read(prompt, now).Window;

    /// <summary>
    /// Why a job's prompt cannot be saved: it names a time the rules cannot read, and no
    /// <c>date_range</c> replaces it (at a run it would otherwise become a default window in silence).
    /// Null when the prompt names a readable time or none.
    /// </summary>
    public static string? RefuseJobPrompt(string prompt, bool hasDateRange, DateTimeOffset now) =>
        hasDateRange ? null : WindowReader.Read(prompt, now).Refusal;

    /// <summary>
    /// A job run's window when neither <c>date_range</c> nor the prompt names one: from its previous
    /// scheduled run (or, when the schedule has none before it, from <paramref name="defaultFrom"/>) up to
    /// this run's slot, with a note saying so.
    /// </summary>
    public static TimeWindow SincePreviousRun(DateTimeOffset? previous, DateTimeOffset defaultFrom, DateTimeOffset scheduledFor)
    {
        var from = previous ?? defaultFrom;
        var label = $"between {from.UtcDateTime:yyyy-MM-dd HH:mm} and {scheduledFor.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
        var why = previous is null
            ? $"The prompt names no time window and the schedule has no run before this one, so the default window of one day was used: {label}"
            : $"The prompt names no time window, so the run covers the time since the job's previous scheduled run: {label}";
        return new TimeWindow(from, scheduledFor, label)
        {
            Note = why + ". Say e.g. \"today\" or \"last 7 days\" in the prompt, or give date_range, for another.",
        };
    }

    private static List<string> ReadTerms(string text)
    {
        var terms = new List<string>();
        // Quoted phrases are taken exactly as written; hashtags and handles as the source's own operators.
        terms.AddRange(Quoted().Matches(text).Select(m => m.Groups[1].Value.Trim()).Where(t => t.Length > 0));
        var rest = Quoted().Replace(text, " ");
        terms.AddRange(TagOrHandle().Matches(rest).Select(m => m.Value));
        rest = TagOrHandle().Replace(rest, " ");
        if (terms.Count > 0)
        {
            // Names beside tags ("Acme or #acmecloud") still count; lone lower-case words are only filler here.
            terms.AddRange(Names(rest, properOnly: true));
            return Distinct(terms);
        }

        // "mentions of Acme", "Acme mentioned", "about Acme", "sentiment around Acme": the entity.
        foreach (var pattern in new[] { EntityAfter(), EntityBefore() })
        {
            var m = pattern.Match(rest);
            if (m.Success && Names(m.Groups["entity"].Value, properOnly: false) is { Count: > 0 } entities) return Distinct(entities);
        }
        return Distinct(Names(rest, properOnly: false));
    }

    /// <summary>
    /// The names in a stretch of text, one per item of a list ("Globex, Initech and Hooli",
    /// "Globex vs Initech"): capitalised words (proper nouns) when there are any, else the
    /// words that are not stop words.
    /// </summary>
    private static List<string> Names(string text, bool properOnly)
    {
        var items = Conjunctions().Split(text)
            .Select(item => Words().Matches(item).Select(m => m.Value).Where(w => !StopWords.Contains(w)).ToList())
            .Where(words => words.Count > 0).ToList();
        static bool Proper(string w) => char.IsUpper(w[0]) || w.Any(char.IsDigit);
        var proper = items.Select(words => words.Where(Proper).ToList()).Where(words => words.Count > 0).ToList();
        if (proper.Count > 0) return proper.Select(words => string.Join(' ', words.Take(4))).ToList();
        if (properOnly) return [];
        var all = items.SelectMany(w => w).ToList();
        return all.Count == 0 ? [] : [string.Join(' ', all.Take(4))];
    }

    private static List<string> Distinct(IEnumerable<string> terms) => terms.Distinct(StringComparer.OrdinalIgnoreCase).Take(10).ToList();

    [GeneratedRegex("[\"“]([^\"”]+)[\"”]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_])[#@][\p{L}\p{N}_]{1,60}")]
    private static partial Regex TagOrHandle();

    [GeneratedRegex(@"\s*(?:,|;|\b(?:or|and|nor|vs\.?|versus|plus)\b|\s&\s|/)\s*", RegexOptions.IgnoreCase)]
    private static partial Regex Conjunctions();

    [GeneratedRegex(@"(?:mentions?\s+of|mentioning|about|around|towards?|regarding|for|of|think\s+of)\s+(?<entity>[\p{L}\p{N}][\p{L}\p{N}&.'\-, ]{0,80}?)(?=\s+(?:was|were|is|are|has|have|on|in|across|from|during|over|since|this|last|past|today|yesterday|get|got|gets)\b|[?.!]|\s*$)", RegexOptions.IgnoreCase)]
    private static partial Regex EntityAfter();

    [GeneratedRegex(@"(?:was|were|is|has\s+been|have\s+been)\s+(?<entity>[\p{L}\p{N}][\p{L}\p{N}&.'\-, ]{0,80}?)\s+(?:mentioned|discussed|talked\s+about)", RegexOptions.IgnoreCase)]
    private static partial Regex EntityBefore();

    [GeneratedRegex(@"\b(?:excluding|exclude|except(?:\s+for)?|without|but\s+not|not\s+including|not\s+counting|ignoring|ignore|leaving\s+out|leave\s+out|other\s+than|apart\s+from|minus|no(?=\s+(?:re-?tweets|RTs|reposts|reshares|retweeted|job|hiring|recruit)))\s+(?<terms>[^?.!;]+?)(?=\s+(?:on|in|today|yesterday|this|last|past|since|over|during)\b|[?.!;]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex ExcludingPhrase();

    [GeneratedRegex(@"(?<=^|\s)-(?:""(?<terms>[^""]+)""|(?<terms>[#@]?[\p{L}\p{N}][\p{L}\p{N}_\-]*))")]
    private static partial Regex MinusTerm();

    [GeneratedRegex(@"\b(?:re-?tweets?|RTs?|reposts?|reshares?|retweeted(?:\s+posts)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RepostWords();

    [GeneratedRegex(@"\b(?:including|include|with|counting|plus)\s+(?:re-?tweets|RTs|reposts|reshares)\b", RegexOptions.IgnoreCase)]
    private static partial Regex IncludeReposts();

    [GeneratedRegex(@"\b(?:job|jobs|hiring|recruit(?:ing|ment|er)|career|careers|vacanc(?:y|ies))\s*(?:ads?|adverts?|advertisements?|posts?|postings?|listings?|openings?|offers?|spam|announcements?)\b|\bjob\s+ads?\b", RegexOptions.IgnoreCase)]
    private static partial Regex JobAds();

    [GeneratedRegex(@"\b(?:(?:in|written\s+in)\s+(?<lang>english|spanish|german|french|portuguese|italian|dutch|japanese|korean|chinese|russian|arabic|hindi|turkish|polish|swedish|indonesian|ukrainian)\b|(?<lang>english|spanish|german|french|portuguese|italian|dutch|japanese|korean|chinese|russian|arabic|hindi|turkish|polish|swedish|indonesian|ukrainian)(?:-language|\s+language)?(?=\s+(?:posts?|tweets?|mentions?|comments?|stories|content|speakers?|users?|results?)\b))", RegexOptions.IgnoreCase)]
    private static partial Regex LanguagePhrase();

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}&'\-\.]*[\p{L}\p{N}]|[\p{L}\p{N}]")]
    private static partial Regex Words();

    [GeneratedRegex(@"\b(?:unique|distinct|different)\s+(?:users|people|accounts|authors|posters|handles)\b|\bhow\s+many\s+(?:people|users|accounts|authors)\b|\bwho\s+(?:is|are|was|were)\s+(?:talking|posting)\b", RegexOptions.IgnoreCase)]
    private static partial Regex UserWords();

    [GeneratedRegex(@"\b(?:how\s+many|number\s+of|count(?:\s+of)?|share\s+of|percentage\s+of)\s+(?:\w+\s+){0,2}?(?:negative|critical|unhappy|angry)\b|\bnegative\s+(?:posts|mentions|tweets|comments)\s+count\b", RegexOptions.IgnoreCase)]
    private static partial Regex NegativeCount();

    [GeneratedRegex(@"\b(?:how\s+many|number\s+of|count(?:\s+of)?|share\s+of|percentage\s+of)\s+(?:\w+\s+){0,2}?(?:positive|happy|favou?rable)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PositiveCount();

    [GeneratedRegex(@"\bsentiment|\bfeel(?:ing)?s?\b|\bpositive\b|\bnegative\b|\bmood\b|\bopinions?\b|\bthink\s+(?:of|about)\b|\breact(?:ing|ion|ions)?\b|\bperceived\b|\bperception\b", RegexOptions.IgnoreCase)]
    private static partial Regex SentimentWords();

    [GeneratedRegex(@"\btop\b|\bmost\s+(?:popular|liked|upvoted|viewed|shared|engaging)\b|\bbest\s+performing\b", RegexOptions.IgnoreCase)]
    private static partial Regex TopWords();

    [GeneratedRegex(@"\bhow\s+(?:many|much|often)\b|\bcount\b|\bnumber\s+of\b|\bvolume\b", RegexOptions.IgnoreCase)]
    private static partial Regex CountWords();

    [GeneratedRegex(@"\blist\b|\bshow\s+(?:me\s+)?(?:all|the)?\b|\bfind\b|\bwhat\s+(?:are|were)\s+people\s+saying\b|\bwhat\s+do\s+people\s+say\b", RegexOptions.IgnoreCase)]
    private static partial Regex ListWords();
}
