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
public sealed class XConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private SourceOptions Source => options.Value.X;

    public override string Id => "x";

    public override (SourceReadiness, string) Readiness => string.IsNullOrWhiteSpace(Source.BearerToken)
        ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:X:BearerToken (X API v2 app-only bearer token).")
        : (SourceReadiness.Ready, "X API v2 recent search and counts (last 7 days).");

    /// <summary><c>(Acme OR "Acme Cloud") -hiring -is:retweet</c></summary>
    public static string BuildQuery(IReadOnlyList<string> terms, IReadOnlyList<string> exclusions)
    {
        var any = terms.Count == 1 ? Quote(terms[0]) : $"({string.Join(" OR ", terms.Select(Quote))})";
        return string.Join(' ', new[] { any }.Concat(exclusions.Select(e => "-" + Quote(e))).Append("-is:retweet"));
    }

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var now = Http.Clock.GetUtcNow();
        var start = query.Window.From < now.AddDays(-7).AddMinutes(1) ? now.AddDays(-7).AddMinutes(1) : query.Window.From;
        var end = query.Window.To > now.AddSeconds(-30) ? now.AddSeconds(-30) : query.Window.To;
        if (start >= end)
            throw new SourceUnavailableException("window_out_of_range", "X recent search only covers the last 7 days; the window lies outside it.");

        var q = Uri.EscapeDataString(BuildQuery(query.Terms, query.Exclusions));
        var window = $"start_time={Iso(start)}&end_time={Iso(end)}";
        var total = await CountAsync(q, window, ct);

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

        var note = start > query.Window.From || end < query.Window.To
            ? $"X recent search covers only {Iso(start)} to {Iso(end)} of the window (the last 7 days, ending 30 s before now)."
            : null;
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, total ?? posts.Count, "api", Note: note);
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
