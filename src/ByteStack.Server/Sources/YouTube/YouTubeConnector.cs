using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.YouTube;

/// <summary>
/// YouTube Data API v3: <c>search.list</c> (type=video, order=date, publishedAfter/Before — 100
/// quota units a call) then <c>videos.list</c> for view/like/comment counts (1 unit). A 403
/// <c>quotaExceeded</c> means the daily quota is spent until midnight Pacific time; a
/// <c>keyInvalid</c> means the key is wrong.
/// </summary>
public sealed class YouTubeConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private SourceOptions Source => options.Value.YouTube;

    public override string Id => "youtube";

    public override (SourceReadiness, string) Readiness => string.IsNullOrWhiteSpace(Source.ApiKey)
        ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:YouTube:ApiKey (a YouTube Data API v3 key).")
        : (SourceReadiness.Ready, "YouTube Data API v3 search and video statistics.");

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var q = string.Join('|', query.Terms.Select(Quote)) + string.Concat(query.Exclusions.Select(e => $" -{Quote(e)}"));
        var baseUrl = Source.BaseUrl.TrimEnd('/');
        var posts = new List<SourcePost>();
        string? pageToken = null;
        do
        {
            var url = $"{baseUrl}/search?part=snippet&type=video&order=date&q={Uri.EscapeDataString(q)}" +
                      $"&publishedAfter={Iso(query.Window.From)}&publishedBefore={Iso(query.Window.To)}&maxResults={Math.Clamp(query.MaxPosts - posts.Count, 1, 50)}" +
                      (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}") + $"&key={Uri.EscapeDataString(Source.ApiKey!)}";
            using var search = await GetAsync(url, ct);
            var items = search.RootElement.GetProperty("items").EnumerateArray().ToList();
            var stats = await StatisticsAsync(baseUrl, items.Select(i => i.GetProperty("id").GetProperty("videoId").GetString()!).ToList(), ct);
            posts.AddRange(items.Select(i => ToPost(i, stats)).Where(p => !IsExcluded(p.Text, query.Exclusions)));
            pageToken = search.RootElement.TryGetProperty("nextPageToken", out var t) ? t.GetString() : null;
        } while (pageToken is not null && posts.Count < query.MaxPosts);

        // pageInfo.totalResults is a rough estimate (often 1000000); only what was found is counted.
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "api");
    }

    private async Task<Dictionary<string, JsonElement>> StatisticsAsync(string baseUrl, List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        using var json = await GetAsync($"{baseUrl}/videos?part=statistics&id={string.Join(',', ids)}&key={Uri.EscapeDataString(Source.ApiKey!)}", ct);
        return json.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.GetProperty("statistics").Clone());
    }

    private async Task<JsonDocument> GetAsync(string url, CancellationToken ct)
    {
        using var response = await Http.SendAsync(client, "YouTube", Source, () => new HttpRequestMessage(HttpMethod.Get, url),
            (r, now) => RateLimitHeaders.RetryAfter(r.Headers, now), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            var reason = ErrorReason(body);
            if (reason is "quotaExceeded" or "dailyLimitExceeded" or "rateLimitExceeded")
                throw new SourceUnavailableException("quota_exceeded", $"YouTube's daily API quota is used up; it resets at {Hosting.Json.Format(NextPacificMidnight(Http.Clock.GetUtcNow()))}.", NextPacificMidnight(Http.Clock.GetUtcNow()));
            if (reason is "keyInvalid" or "forbidden" || response.StatusCode is HttpStatusCode.Unauthorized)
                throw new SourceUnavailableException("needs_credentials", $"YouTube refused the API key ({reason}).");
            await SourceHttp.EnsureSuccessAsync(response, "YouTube", ct);
        }
        return JsonDocument.Parse(body);
    }

    private static string? ErrorReason(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("error").GetProperty("errors")[0].GetProperty("reason").GetString();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>YouTube quotas reset at midnight Pacific time.</summary>
    public static DateTimeOffset NextPacificMidnight(DateTimeOffset now)
    {
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var local = TimeZoneInfo.ConvertTime(now, pacific);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, pacific.GetUtcOffset(midnight)).ToUniversalTime();
    }

    private static SourcePost ToPost(JsonElement item, Dictionary<string, JsonElement> stats)
    {
        var id = item.GetProperty("id").GetProperty("videoId").GetString()!;
        var snippet = item.GetProperty("snippet");
        var metrics = new Dictionary<string, long>();
        if (stats.TryGetValue(id, out var s))
            foreach (var (name, key) in new[] { ("viewCount", "views"), ("likeCount", "likes"), ("commentCount", "comments") })
                if (s.TryGetProperty(name, out var v) && long.TryParse(v.GetString(), out var n)) metrics[key] = n;
        return new SourcePost(id, snippet.GetProperty("channelTitle").GetString() ?? "",
            Html.ToText($"{snippet.GetProperty("title").GetString()} — {snippet.GetProperty("description").GetString()}"),
            $"https://www.youtube.com/watch?v={id}", snippet.GetProperty("publishedAt").GetDateTimeOffset(), metrics);
    }
}
