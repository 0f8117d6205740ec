using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record Video(string Id, string Channel, string ChannelId, string Title, string Description, DateTimeOffset At, long Views, string? Language = null);

    /// <summary>
    /// Three videos today over two pages (1 positive, 2 neutral), titles HTML-entity encoded as the
    /// API does. Two channels share the title "Some Channel"; the second page repeats a video of
    /// the first, as search.list does when results shift while paging; one video is in German.
    /// </summary>
    public static readonly Video[] Videos =
    [
        new("Nrh4EBuavXk", "Some Channel", "UC8RlOn3fIpMlzpmAT41UtAg", "Acme review after 30 days", "Honest take on Acme&#39;s plan", Today.AddHours(6), 1500, "en"),
        new("Abc123defGh", "Tech Daily", "UCtechdaily00000000000aa", "Acme &quot;Rocket&quot; unboxing", "We open the box", Today.AddHours(5), 320),
        new("Zyx987wvuTs", "Some Channel", "UCanotherchannel0000000b", "Why I love Acme", "Best tool this year", Today.AddHours(4), 9000, "de"),
    ];

    private static IResult YouTubeError(int code, string reason, string message, string domain) =>
        Json(new { error = new { code, message, errors = new[] { new { message, domain, reason } } } }, code);

    private void MapYouTube(WebApplication app)
    {
        app.MapGet("/youtube/v3/search", (HttpRequest r) =>
        {
            if (r.Query["key"] != YouTubeKey) return YouTubeError(400, "keyInvalid", "API key not valid. Please pass a valid API key.", "global");
            if (r.Query["part"] != "snippet" || r.Query["type"] != "video" || r.Query["order"] != "date" || string.IsNullOrEmpty(r.Query["publishedAfter"])
                || string.IsNullOrEmpty(r.Query["publishedBefore"]) || !int.TryParse(r.Query["maxResults"], out var max) || max is < 0 or > 50)
                return Fail("search needs part=snippet, type=video, order=date, publishedAfter/Before and maxResults 0-50");
            switch (r.Query["q"].ToString().ToLowerInvariant())
            {
                case "authfail": return YouTubeError(400, "keyInvalid", "API key not valid. Please pass a valid API key.", "global");
                case "soft": return YouTubeError(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota.", "youtube.quota");
                case "boom": return YouTubeError(500, "backendError", "Backend Error", "global");
                case "nothing": return Json(new { kind = "youtube#searchListResponse", pageInfo = new { totalResults = 0, resultsPerPage = 0 }, items = Array.Empty<object>() });
            }
            var second = r.Query["pageToken"] == "CDIQAA";
            var page = second ? Videos[1..] : Videos[..2];
            var items = page.Select(v => new
            {
                kind = "youtube#searchResult", id = new { kind = "youtube#video", videoId = v.Id },
                snippet = new { publishedAt = v.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), channelId = v.ChannelId, title = v.Title, description = v.Description, channelTitle = v.Channel },
            });
            return second
                ? Json(new { kind = "youtube#searchListResponse", pageInfo = new { totalResults = 1000000, resultsPerPage = 2 }, items })
                : Json(new { kind = "youtube#searchListResponse", nextPageToken = "CDIQAA", pageInfo = new { totalResults = 1000000, resultsPerPage = 2 }, items });
        });

        app.MapGet("/youtube/v3/videos", (HttpRequest r) =>
        {
            if (r.Query["key"] != YouTubeKey) return YouTubeError(400, "keyInvalid", "API key not valid.", "global");
            if (r.Query["part"] != "statistics,snippet") return Fail("videos needs part=statistics,snippet");
            var ids = r.Query["id"].ToString().Split(',');
            if (ids.Length > 50 || ids.Distinct().Count() != ids.Length) return Fail("videos needs 1-50 distinct ids");
            return Json(new
            {
                items = Videos.Where(v => ids.Contains(v.Id)).Select(v => new
                {
                    id = v.Id, statistics = new { viewCount = v.Views.ToString(), likeCount = "10", favoriteCount = "0", commentCount = "3" },
                    snippet = v.Language is null
                        ? (object)new { title = v.Title, channelId = v.ChannelId }
                        : new { title = v.Title, channelId = v.ChannelId, defaultAudioLanguage = v.Language },
                }),
            });
        });
    }
}
