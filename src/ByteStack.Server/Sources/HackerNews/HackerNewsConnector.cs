using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.HackerNews;

/// <summary>
/// Hacker News through Algolia's <c>search_by_date</c> (newest first, no key). The window goes
/// into <c>numericFilters</c> on <c>created_at_i</c>; one request per term, deduplicated by
/// <c>objectID</c>. Algolia stops at 1,000 hits per query.
/// </summary>
/// <remarks>
/// Algolia's defaults tolerate typos and match the last word as a prefix ("Globex" finds
/// "globe", "Acme Cloud" finds "Acme … Cloudflare"), so every request turns them off
/// (<c>typoTolerance=false</c>, <c>queryType=prefixNone</c>, no plural folding, no dropped words,
/// quoted phrases with <c>advancedSyntax</c>), and every hit is checked with <see cref="TermMatch"/>
/// before it counts: the count is the hits that name a term, and the answer says so when
/// Algolia's own <c>nbHits</c> differs.
/// </remarks>
public sealed class HackerNewsConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private const int MaxHits = 1000;

    /// <summary>Algolia search parameters that make it match words exactly.</summary>
    public const string ExactMatch = "typoTolerance=false&queryType=prefixNone&advancedSyntax=true&ignorePlurals=false&removeWordsIfNoResults=none&removeStopWords=false";

    private SourceOptions Source => options.Value.HackerNews;

    public override string Id => "hackernews";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready, "Algolia HN Search API, no key needed.");

    /// <summary>The query Algolia gets for a term: its words (a # or @ is not searchable there), a phrase in quotes.</summary>
    public static string AlgoliaQuery(string term)
    {
        var words = term.Trim().TrimStart('#', '@').Replace("\"", "");
        return words.Contains(' ') ? $"\"{words}\"" : words;
    }

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var posts = new Dictionary<string, SourcePost>();
        var fetched = new HashSet<string>();
        long reported = 0;
        var complete = true;
        foreach (var term in query.Terms)
        {
            for (var page = 0; ; page++)
            {
                if (fetched.Count >= query.MaxPosts || page * 100 >= MaxHits) { complete = false; break; }
                var url = $"{Source.BaseUrl.TrimEnd('/')}/search_by_date?query={Uri.EscapeDataString(AlgoliaQuery(term))}&tags=(story,comment)" +
                          $"&numericFilters=created_at_i>={query.Window.From.ToUnixTimeSeconds()},created_at_i<{query.Window.To.ToUnixTimeSeconds()}" +
                          $"&{ExactMatch}&hitsPerPage={Math.Min(100, query.MaxPosts)}&page={page}";
                using var response = await Http.SendAsync(client, "Hacker News", Source, () => new HttpRequestMessage(HttpMethod.Get, url),
                    (r, now) => RateLimitHeaders.RetryAfter(r.Headers, now), ct);
                await SourceHttp.EnsureSuccessAsync(response, "Hacker News", ct);

                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                var root = json.RootElement;
                if (page == 0) reported += root.GetProperty("nbHits").GetInt64();
                foreach (var hit in root.GetProperty("hits").EnumerateArray())
                {
                    var post = ToPost(hit);
                    fetched.Add(post.Id);
                    if (NamesATermInLanguage(post, query)) posts.TryAdd(post.Id, post);
                }
                if (page + 1 >= root.GetProperty("nbPages").GetInt32()) break;
            }
        }

        var notes = new List<string>();
        var matched = posts.Count;
        long total = matched;
        if (!complete)
        {
            // Hits not fetched cannot be checked: Algolia's count stands for them, less the non-matches seen.
            total = Math.Max(matched, reported - (fetched.Count - matched));
            notes.Add($"Hacker News: {fetched.Count} of Algolia's {reported} hits were fetched and checked; the rest are counted as Algolia reports them.");
        }
        else if (reported != matched)
        {
            notes.Add($"Hacker News: Algolia reported {reported} hit{(reported == 1 ? "" : "s")}; {matched} name{(matched == 1 ? "s" : "")} " +
                      $"{(query.Terms.Count == 1 ? $"\"{query.Terms[0]}\"" : "a term")} as a word{(query.Exclusions.Count + query.ExcludedAuthors.Count > 0 || query.Language is not null ? " and pass the filters" : "")}, and only those are counted.");
        }
        if (query.Language is { } language)
            notes.Add($"Hacker News has no language filter; posts were kept when their words read as {language} ({LanguageGuess.Describe(language, "en")}).");

        var termCounts = query.Terms.Count > 1 && complete
            ? query.Terms.ToDictionary(t => t, t => posts.Values.LongCount(p => TermMatch.Mentions(p.Text, t)))
            : null;
        return new SourceFetch(query.Source, FetchStatus.Ok, posts.Values.OrderByDescending(p => p.CreatedAt).ToList(), total, "api",
            Note: notes.Count > 0 ? string.Join(" ", notes) : null)
        {
            TermCounts = termCounts,
        };
    }

    /// <summary>Whether a hit counts: it names a term as a word, names no exclusion, is not by an excluded author, and is in the language asked.</summary>
    private static bool NamesATermInLanguage(SourcePost post, SourceQuery query) =>
        TermMatch.MentionsAny(post.Text, query.Terms)
        && !TermMatch.MentionsAny(post.Text, query.Exclusions)
        && !query.ExcludedAuthors.Contains(post.Author, StringComparer.OrdinalIgnoreCase)
        && (query.Language is null || LanguageGuess.IsIn(post.Text, query.Language, usual: "en"));

    private static SourcePost ToPost(JsonElement hit)
    {
        var id = hit.GetProperty("objectID").GetString()!;
        string? Str(string name) => hit.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long Num(string name) => hit.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var text = string.Join(" — ", new[] { Str("title"), Html.ToText(Str("story_text")), Html.ToText(Str("comment_text")) }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        return new SourcePost(id, Str("author") ?? "", text, $"https://news.ycombinator.com/item?id={id}",
            DateTimeOffset.FromUnixTimeSeconds(Num("created_at_i")),
            new Dictionary<string, long> { ["points"] = Num("points"), ["comments"] = Num("num_comments") });
    }
}
