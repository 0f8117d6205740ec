using System.Globalization;
using System.Text.RegularExpressions;

namespace ByteStack.IntegrationTests.Fixtures;

/// <summary>
/// The answer-quality corpus: posts about Globex, Initech, Hooli, <c>#launchday</c> and
/// <c>@globex</c> over the last week, with the traps real data has (retweets, job ads, other
/// languages, "globe" and "Globexia", a link to globex.example, "Globex Cloudflare"). The X
/// fixture evaluates X's query language over it and the Algolia fixture Algolia's matching
/// (typos and last-word prefixes unless switched off), so counts are what those APIs would say.
/// </summary>
public sealed partial class SourceFixtureServer
{
    public sealed record CorpusTweet(string Id, string Username, string Text, DateTimeOffset At, string Lang, bool Retweet = false);

    public sealed record CorpusHit(string Id, string Author, bool IsStory, string Text, DateTimeOffset At, string? Url = null);

    private static readonly DateTimeOffset Yesterday = Today.AddDays(-1);

    public static readonly CorpusTweet[] CorpusTweets =
    [
        new("1900000000000000001", "ana", "Globex shipped the new dashboard, love it", Today.AddHours(1), "en"),
        new("1900000000000000002", "ben", "Globex support is terrible today", Today.AddHours(2), "en"),
        new("1900000000000000003", "cy", "RT @ana: Globex shipped the new dashboard, love it", Today.AddHours(3), "en", Retweet: true),
        new("1900000000000000004", "globexjobs", "We're hiring at Globex! Backend engineers, apply now", Today.AddHours(4), "en"),
        new("1900000000000000005", "dee", "Globex y Initech lanzan una alianza", Today.AddHours(5), "es"),
        new("1900000000000000006", "eve", "Initech outage again 😡", Today.AddHours(1), "en"),
        new("1900000000000000007", "fay", "Initech vs Globex: who wins?", Today.AddHours(6), "en"),
        new("1900000000000000008", "gus", "Ready for #launchday tomorrow!", Today.AddHours(2), "en"),
        new("1900000000000000009", "hal", "launchday prep all night", Today.AddHours(3), "en"),
        new("1900000000000000010", "ivy", "Thanks @globex for the fast fix", Today.AddHours(4), "en"),
        new("1900000000000000011", "jon", "Globex Ankündigung heute, sehr gut", Today.AddHours(5), "de"),
        new("1900000000000000012", "kim", "Globex was great yesterday", Yesterday.AddHours(10), "en"),
        new("1900000000000000013", "lou", "Globex release notes are out", Today.AddDays(-3).AddHours(9), "en"),
        new("1900000000000000014", "max", "Initech earnings beat expectations", Today.AddDays(-2).AddHours(12), "en"),
        new("1900000000000000015", "ned", "Globex downtime again, not happy", Today.AddDays(-5).AddHours(12), "en"),
        new("1900000000000000016", "globexjobs", "Job opening: Globex SRE, apply now #jobs", Yesterday.AddHours(9), "en"),
        new("1900000000000000017", "oli", "Hooli is mid", Today.AddHours(6), "en"),
        new("1900000000000000018", "pam", "Checking out the globe at the museum", Today.AddHours(1), "en"),
        new("1900000000000000019", "quinn", "@globex your app crashed", Yesterday.AddHours(15), "en"),
        new("1900000000000000020", "rob", "#launchday was a success for Globex", Yesterday.AddHours(18), "en"),
        new("1900000000000000021", "sue", "Initech and Hooli partnership announced", Today.AddDays(-4).AddHours(10), "en"),
        new("1900000000000000022", "tom", "Globex Cloud is down", Today.AddHours(7), "en"),
        new("1900000000000000023", "uma", "Globex turns ten", Today.AddDays(-6).AddHours(12), "en"),
    ];

    public static readonly CorpusHit[] CorpusHits =
    [
        new("42000001", "ana", true, "Globex open-sources its scheduler", Today.AddHours(1), "https://globex.example/blog"),
        new("42000002", "ben", false, "We moved to Globex and it is great", Today.AddHours(2)),
        new("42000003", "cy", false, "The globe is warming faster than models predicted", Today.AddHours(3)),
        new("42000004", "dee", false, "Globexia is a different company entirely", Today.AddHours(3)),
        new("42000005", "eve", true, "Initech layoffs announced", Today.AddHours(4)),
        new("42000006", "fay", false, "Initech support is terrible", Today.AddHours(5)),
        new("42000007", "gus", false, "Intech makes good chargers", Today.AddHours(5)),
        new("42000008", "hal", true, "Globex Cloudflare worker templates", Today.AddHours(2)),
        new("42000009", "ivy", false, "Globex Cloud pricing is fair", Today.AddHours(6)),
        new("42000010", "globexjobs", false, "Globex is hiring SREs, apply now", Today.AddHours(3)),
        new("42000011", "jon", false, "Globex es muy bueno para equipos pequeños y la documentación está bien", Today.AddHours(4)),
        new("42000012", "kim", true, "Globex raises Series C", Yesterday.AddHours(10)),
        new("42000013", "lou", false, "Globex was down for an hour", Today.AddDays(-3).AddHours(9)),
        new("42000014", "max", false, "Hooli vs Globex benchmarks", Today.AddDays(-2).AddHours(12)),
        new("42000015", "ned", false, "Launchday for Globex went well", Yesterday.AddHours(9)),
        new("42000016", "oli", true, "Show HN: a weather map", Today.AddHours(7), "https://globex.example/maps"),
    ];

    private static readonly string[] CorpusWords = ["globex", "initech", "hooli", "launchday"];

    /// <summary>Whether an X query or Algolia query is about the corpus (else the older scenarios answer).</summary>
    private static bool IsCorpusQuery(string query) => CorpusWords.Any(w => query.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static List<(string Word, char? Marker)> WordsOf(string text) =>
        CorpusToken().Matches(text).Select(m => (m.Groups[2].Value, m.Groups[1].Value is { Length: 1 } mk ? mk[0] : (char?)null)).ToList();

    // ---- X: a subset of X's query language, evaluated as X does ----

    /// <summary>Clauses are ANDed; a parenthesised group is ORed; '-' negates; operators: #, @, from:, lang:, is:retweet, "phrase".</summary>
    private static bool XMatches(string query, CorpusTweet tweet)
    {
        var tokens = XQueryToken().Matches(query).Select(m => m.Value).ToList();
        var i = 0;
        while (i < tokens.Count)
        {
            var negated = tokens[i] == "-";
            if (negated) i++;
            bool result;
            if (tokens[i] == "(")
            {
                var any = false;
                for (i++; tokens[i] != ")"; i++)
                    if (tokens[i] != "OR") any |= XAtom(tokens[i], tweet);
                result = any;
            }
            else result = XAtom(tokens[i], tweet);
            i++;
            if (result == negated) return false;
        }
        return true;
    }

    private static bool XAtom(string atom, CorpusTweet tweet)
    {
        if (atom.StartsWith("lang:", StringComparison.Ordinal)) return tweet.Lang == atom[5..];
        if (atom.StartsWith("from:", StringComparison.Ordinal)) return tweet.Username.Equals(atom[5..], StringComparison.OrdinalIgnoreCase);
        if (atom == "is:retweet") return tweet.Retweet;
        var words = WordsOf(tweet.Text);
        char? marker = atom[0] is '#' or '@' ? atom[0] : null;
        var wanted = WordsOf(atom.Trim('"')).Select(w => w.Word).ToList();
        for (var s = 0; s + wanted.Count <= words.Count; s++)
        {
            if (marker is { } m && words[s].Marker != m) continue;
            if (wanted.Select((w, k) => w.Equals(words[s + k].Word, StringComparison.OrdinalIgnoreCase)).All(x => x)) return true;
        }
        return false;
    }

    private static object CorpusTweetJson(CorpusTweet t) => new
    {
        id = t.Id, text = t.Text, edit_history_tweet_ids = new[] { t.Id }, author_id = "u-" + t.Username, lang = t.Lang,
        created_at = t.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        referenced_tweets = t.Retweet ? new[] { new { type = "retweeted", id = "1899999999999999999" } } : null,
        public_metrics = new { retweet_count = 1, reply_count = 0, like_count = 3, quote_count = 0, bookmark_count = 0, impression_count = 40 },
    };

    // ---- Algolia: its default typo tolerance and prefix matching, or exact words when asked ----

    private static bool AlgoliaMatches(string query, CorpusHit hit, bool typos, bool prefix, bool advanced)
    {
        var record = WordsOf(hit.Text + " " + hit.Url + " " + hit.Author).Select(w => w.Word.ToLowerInvariant()).ToList();
        var phrase = advanced && query.StartsWith('"') && query.EndsWith('"');
        var words = WordsOf(query).Select(w => w.Word.ToLowerInvariant()).ToList();
        if (phrase)
            return Enumerable.Range(0, Math.Max(0, record.Count - words.Count + 1)).Any(s => words.Select((w, k) => record[s + k] == w).All(x => x));
        return words.Select((w, k) => record.Any(r =>
            r == w
            || (prefix && k == words.Count - 1 && r.StartsWith(w, StringComparison.Ordinal))
            || (typos && w.Length >= 4 && Distance(w, r) <= (w.Length >= 8 ? 2 : 1)))).All(x => x);
    }

    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }

    private static object CorpusHitJson(CorpusHit h) => h.IsStory
        ? new
        {
            objectID = h.Id, created_at = h.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), created_at_i = Epoch(h.At), author = h.Author,
            title = h.Text, url = h.Url, story_text = (string?)null, points = 10, num_comments = 2, _tags = new[] { "story", $"author_{h.Author}" },
        }
        : (object)new
        {
            objectID = h.Id, created_at = h.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), created_at_i = Epoch(h.At), author = h.Author,
            comment_text = $"<p>{System.Net.WebUtility.HtmlEncode(h.Text)}</p>", story_id = 42000001, story_title = "Globex open-sources its scheduler",
            points = (int?)null, num_comments = (int?)null, _tags = new[] { "comment", $"author_{h.Author}" },
        };

    [GeneratedRegex(@"([#@]?)([\p{L}\p{N}_]+)")]
    private static partial Regex CorpusToken();

    [GeneratedRegex(@"-(?=\S)|\(|\)|""[^""]*""|[^\s()]+")]
    private static partial Regex XQueryToken();
}
