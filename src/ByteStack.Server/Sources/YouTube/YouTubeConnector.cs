using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.YouTube;

/// <summary>
/// YouTube Data API v3: <c>search.list</c> (type=video, order=date, publishedAfter/Before — 100
/// quota units a call) then <c>videos.list</c> for view/like/comment counts and languages (1 unit).
/// A 403 <c>quotaExceeded</c> means the daily quota is spent until midnight Pacific time; a
/// <c>keyInvalid</c> means the key is wrong. Each fetch reports the quota units it spent.
/// </summary>
public sealed class YouTubeConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    /// <summary>Quota costs (https://developers.google.com/youtube/v3/determine_quota_cost): search.list 100, videos.list 1.</summary>
    public const int SearchCost = 100, VideosCost = 1;

    private SourceOptions Source => options.Value.YouTube;

    public override string Id => "youtube";

    public override (SourceReadiness, string) Readiness => string.IsNullOrWhiteSpace(Source.ApiKey)
        ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:YouTube:ApiKey (a YouTube Data API v3 key).")
        : (SourceReadiness.Ready, $"YouTube Data API v3 search and video statistics ({SearchCost} quota units a page of 50 videos).");

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var q = string.Join('|', query.Terms.Select(Quote)) + string.Concat(query.Exclusions.Select(e => $" -{Quote(e)}"));
        var baseUrl = Source.BaseUrl.TrimEnd('/');
        var posts = new List<SourcePost>();
        // search.list can repeat a video on a later page (results shift while paging): each video
        // is counted and looked up once.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int searches = 0, lookups = 0;
        string? pageToken = null;
        do
        {
            // relevanceLanguage only ranks ("results that are most relevant to the specified language",
            // https://developers.google.com/youtube/v3/docs/search/list#relevanceLanguage): the base filters on each video's declared language.
            var url = $"{baseUrl}/search?part=snippet&type=video&order=date&q={Uri.EscapeDataString(q)}" +
                      $"&publishedAfter={Iso(query.Window.From)}&publishedBefore={Iso(query.Window.To)}&maxResults={Math.Clamp(query.MaxPosts - posts.Count, 1, 50)}" +
                      (query.Language is null ? "" : $"&relevanceLanguage={Uri.EscapeDataString(query.Language)}") +
                      (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}") + $"&key={Uri.EscapeDataString(Source.ApiKey!)}";
            searches++;
            using var search = await GetAsync(url, ct);
            var items = search.RootElement.GetProperty("items").EnumerateArray()
                .Where(i => seen.Add(i.GetProperty("id").GetProperty("videoId").GetString()!)).ToList();
            if (items.Count > 0) lookups++;
            var details = await DetailsAsync(baseUrl, items.Select(i => i.GetProperty("id").GetProperty("videoId").GetString()!).ToList(), ct);
            posts.AddRange(items.Select(i => ToPost(i, details)).Where(p => !IsExcluded(p.Text, query.Exclusions)));
            pageToken = search.RootElement.TryGetProperty("nextPageToken", out var t) ? t.GetString() : null;
        } while (pageToken is not null && posts.Count < query.MaxPosts);

        var units = searches * SearchCost + lookups * VideosCost;
        // pageInfo.totalResults is a rough estimate (often 1000000); only what was found is counted.
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "api",
            Note: $"This question used {units} YouTube quota units ({searches} search page{(searches == 1 ? "" : "s")} at {SearchCost}, {lookups} statistics lookup{(lookups == 1 ? "" : "s")} at {VideosCost}); the default daily quota is 10,000.")
        {
            Capped = pageToken is not null,
            QuotaUnits = units,
        };
    }

    private async Task<Dictionary<string, JsonElement>> DetailsAsync(string baseUrl, List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        using var json = await GetAsync($"{baseUrl}/videos?part=statistics,snippet&id={string.Join(',', ids)}&key={Uri.EscapeDataString(Source.ApiKey!)}", ct);
        return json.RootElement.GetProperty("items").EnumerateArray()
            .ToDictionary(v => v.GetProperty("id").GetString()!, v => v.Clone());
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

    private static SourcePost ToPost(JsonElement item, Dictionary<string, JsonElement> details)
    {
        var id = item.GetProperty("id").GetProperty("videoId").GetString()!;
        var snippet = item.GetProperty("snippet");
        var metrics = new Dictionary<string, long>();
        var languages = new List<string>();
        if (details.TryGetValue(id, out var video))
        {
            if (video.TryGetProperty("statistics", out var s))
                foreach (var (name, key) in new[] { ("viewCount", "views"), ("likeCount", "likes"), ("commentCount", "comments") })
                    if (s.TryGetProperty(name, out var v) && long.TryParse(v.GetString(), out var n)) metrics[key] = n;
            // The video's own language, where its uploader set one (https://developers.google.com/youtube/v3/docs/videos#snippet.defaultAudioLanguage).
            if (video.TryGetProperty("snippet", out var vs))
                foreach (var name in new[] { "defaultAudioLanguage", "defaultLanguage" })
                    if (vs.TryGetProperty(name, out var l) && l.ValueKind == JsonValueKind.String) languages.Add(l.GetString()!);
        }
        return new SourcePost(id, snippet.GetProperty("channelTitle").GetString() ?? "",
            Html.ToText($"{snippet.GetProperty("title").GetString()} — {snippet.GetProperty("description").GetString()}"),
            $"https://www.youtube.com/watch?v={id}", snippet.GetProperty("publishedAt").GetDateTimeOffset(), metrics)
        {
            AuthorId = AuthorIdentity.YouTube(snippet.GetProperty("channelId").GetString()!),
            Languages = languages,
        };
    }
}
