using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.X;

/// <summary>
/// X API v2: <c>/2/tweets/counts/recent</c> for the exact number of matches in the window
/// (cheap) and <c>/2/tweets/search/recent</c> for up to <c>limit</c> posts. Recent search
/// reaches back seven days and refuses an <c>end_time</c> closer than 10 s to now, so the
/// window is clamped and the clamp reported.
/// </summary>
public sealed partial class XConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private SourceOptions Source => options.Value.X;

    public override string Id => "x";

    public override (SourceReadiness, string) Readiness => string.IsNullOrWhiteSpace(Source.BearerToken)
        ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:X:BearerToken (X API v2 app-only bearer token).")
        : (SourceReadiness.Ready, "X API v2 recent search and counts (last 7 days).");

    /// <summary>
    /// The plan in X's own operators: <c>(Acme OR "Acme Cloud" OR #acmecloud OR @acme) -hiring -"job opening"
    /// -from:acmejobs lang:en -is:retweet</c>. Hashtags and handles keep their operator; a term that is
    /// not plain words is quoted, so nothing in it can act as an operator.
    /// </summary>
    public static string BuildQuery(SourceQuery query)
    {
        var terms = query.Terms.Select(Operand).ToList();
        var any = terms.Count == 1 ? terms[0] : $"({string.Join(" OR ", terms)})";
        var parts = new List<string> { any };
        parts.AddRange(query.Exclusions.Select(e => "-" + Operand(e)));
        parts.AddRange(query.ExcludedAuthors.Select(a => "-from:" + Handle().Replace(a.TrimStart('@'), "")));
        if (query.Language is { } lang) parts.Add("lang:" + lang);
        if (!query.IncludeReposts) parts.Add("-is:retweet");
        return string.Join(' ', parts);
    }

    /// <summary><c>#tag</c> and <c>@user</c> as X operators, a single plain word bare, anything else as a quoted phrase.</summary>
    private static string Operand(string term)
    {
        var t = term.Trim();
        if (t.Length > 1 && t[0] is '#' or '@' && Handle().Replace(t[1..], "") == t[1..]) return t;
        return PlainWord().IsMatch(t) && !t.Equals("OR", StringComparison.Ordinal) ? t : $"\"{t.Replace("\"", "")}\"";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[^\p{L}\p{N}_]")]
    private static partial System.Text.RegularExpressions.Regex Handle();

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\p{L}\p{N}_]+$")]
    private static partial System.Text.RegularExpressions.Regex PlainWord();

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var now = Http.Clock.GetUtcNow();
        var start = query.Window.From < now.AddDays(-7).AddMinutes(1) ? now.AddDays(-7).AddMinutes(1) : query.Window.From;
        var end = query.Window.To > now.AddSeconds(-30) ? now.AddSeconds(-30) : query.Window.To;
        if (start >= end)
            throw new SourceUnavailableException("window_out_of_range", "X recent search only covers the last 7 days; the window lies outside it.");

        var q = Uri.EscapeDataString(BuildQuery(query));
        var window = $"start_time={Iso(start)}&end_time={Iso(end)}";
        var total = await CountAsync(q, window, ct);
        // Several terms: each one's own count, with the same filters, so the answer can say how often each was named.
        Dictionary<string, long>? termCounts = null;
        if (total is not null && query.Terms.Count > 1)
        {
            termCounts = [];
            foreach (var term in query.Terms)
                termCounts[term] = await CountAsync(Uri.EscapeDataString(BuildQuery(query with { Terms = [term] })), window, ct) ?? 0;
        }

        var posts = new List<SourcePost>();
        string? next = null;
        do
        {
            var url = $"{Base}/2/tweets/search/recent?query={q}&{window}&max_results={Math.Clamp(query.MaxPosts - posts.Count, 10, 100)}" +
                      "&tweet.fields=created_at,author_id,public_metrics,note_tweet&expansions=author_id&user.fields=username" +
                      (next is null ? "" : $"&next_token={Uri.EscapeDataString(next)}");
            using var json = await GetAsync(url, ct);
            var root = json.RootElement;
            var users = root.TryGetProperty("includes", out var includes) && includes.TryGetProperty("users", out var u)
                ? u.EnumerateArray().ToDictionary(x => x.GetProperty("id").GetString()!, x => x.GetProperty("username").GetString()!)
                : [];
            if (root.TryGetProperty("data", out var data))
                posts.AddRange(data.EnumerateArray().Select(t => ToPost(t, users)));
            next = root.GetProperty("meta").TryGetProperty("next_token", out var token) ? token.GetString() : null;
        } while (next is not null && posts.Count < query.MaxPosts);

        var notes = new List<string>();
        if (start > query.Window.From || end < query.Window.To)
            notes.Add($"X recent search covers only {Iso(start)} to {Iso(end)} of the window (the last 7 days, ending 30 s before now).");
        // X matches words in links and display names too; a post whose text does not name a term is not shown.
        var shown = posts.Where(p => TermMatch.MentionsAny(p.Text, query.Terms)).ToList();
        if (shown.Count < posts.Count)
            notes.Add($"{posts.Count - shown.Count} of the {posts.Count} posts X returned do not name a term in their text; they are not shown.");
        return new SourceFetch(query.Source, FetchStatus.Ok, shown, total ?? shown.Count, "api", Note: notes.Count > 0 ? string.Join(" ", notes) : null)
        {
            TermCounts = termCounts,
        };
    }

    private string Base => Source.BaseUrl.TrimEnd('/');

    /// <summary>The exact match count; null when this access level has no counts endpoint (403).</summary>
    private async Task<long?> CountAsync(string q, string window, CancellationToken ct)
    {
        long total = 0;
        string? next = null;
        do
        {
            var url = $"{Base}/2/tweets/counts/recent?query={q}&{window}&granularity=day" + (next is null ? "" : $"&next_token={Uri.EscapeDataString(next)}");
            using var response = await SendAsync(url, ct);
            if (response.StatusCode == HttpStatusCode.Forbidden) return null;
            await EnsureSuccessAsync(response, ct);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            var meta = json.RootElement.GetProperty("meta");
            total += meta.GetProperty("total_tweet_count").GetInt64();
            next = meta.TryGetProperty("next_token", out var token) ? token.GetString() : null;
        } while (next is not null);
        return total;
    }

    private async Task<JsonDocument> GetAsync(string url, CancellationToken ct)
    {
        using var response = await SendAsync(url, ct);
        await EnsureSuccessAsync(response, ct);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
    }

    private Task<HttpResponseMessage> SendAsync(string url, CancellationToken ct) =>
        Http.SendAsync(client, "X", Source, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", Source.BearerToken);
            return request;
        }, (r, now) => RateLimitHeaders.EpochSeconds(r.Headers, "x-rate-limit-reset", now), ct);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // Pay-per-use X answers 402 when the account's credits are used up.
        if (response.StatusCode == HttpStatusCode.PaymentRequired)
            throw new SourceUnavailableException("credits_exhausted", "X refused the request: the account's API credits are used up (HTTP 402).");
        await SourceHttp.EnsureSuccessAsync(response, "X", ct);
    }

    private static SourcePost ToPost(JsonElement tweet, IReadOnlyDictionary<string, string> users)
    {
        var id = tweet.GetProperty("id").GetString()!;
        var authorId = tweet.TryGetProperty("author_id", out var a) ? a.GetString() : null;
        var username = authorId is not null && users.TryGetValue(authorId, out var name) ? name : null;
        var text = tweet.TryGetProperty("note_tweet", out var note) && note.TryGetProperty("text", out var full)
            ? full.GetString()! : tweet.GetProperty("text").GetString()!;
        var metrics = new Dictionary<string, long>();
        if (tweet.TryGetProperty("public_metrics", out var pm))
            foreach (var m in pm.EnumerateObject().Where(m => m.Value.ValueKind == JsonValueKind.Number))
                metrics[m.Name.Replace("_count", "")] = m.Value.GetInt64();
        return new SourcePost(id, username ?? authorId ?? "", text,
            username is null ? $"https://x.com/i/status/{id}" : $"https://x.com/{username}/status/{id}",
            tweet.GetProperty("created_at").GetDateTimeOffset(), metrics);
    }
}
