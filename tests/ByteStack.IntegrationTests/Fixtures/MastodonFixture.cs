using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record Toot(string Id, string Acct, string Html, DateTimeOffset At);

    /// <summary>#acme: three statuses today over two pages (1 positive, 1 neutral, 1 negative), then one from yesterday.</summary>
    public static readonly Toot[] Toots =
    [
        new("113000000000000099", "dana", "<p>Trying <a href=\"https://mastodon.example/tags/acme\" class=\"mention hashtag\">#<span>acme</span></a> today, love it</p>", Today.AddHours(6)),
        new("113000000000000098", "bob@other.example", "<p>New <a href=\"https://mastodon.example/tags/acme\">#acme</a> release notes are out</p>", Today.AddHours(5)),
        new("113000000000000097", "carol", "<p>The <a href=\"https://mastodon.example/tags/acme\">#acme</a> app is useless on Android</p>", Today.AddHours(4)),
        new("113000000000000090", "old", "<p>Old <a href=\"https://mastodon.example/tags/acme\">#acme</a> news</p>", Today.AddHours(-3)),
    ];

    public const string MastodonToken = "mastodon-user-token";

    private void MapMastodon(WebApplication app)
    {
        // Full-text status search: without a user token Mastodon answers an empty statuses list.
        app.MapGet("/mastodon/api/v2/search", (HttpRequest r) =>
        {
            if (r.Query["type"] != "statuses" || string.IsNullOrEmpty(r.Query["q"])) return Fail("search needs q and type=statuses");
            var statuses = r.Headers.Authorization == $"Bearer {MastodonToken}"
                ? new[] { Status(new Toot("113000000000000200", "erin@far.example", "<p>Acme without a hashtag, great stuff</p>", Today.AddHours(7))) }
                : [];
            return Json(new { accounts = Array.Empty<object>(), statuses, hashtags = Array.Empty<object>() });
        });
        MapTagTimeline(app);
    }

    private static object Status(Toot t) => new
    {
        id = t.Id, created_at = Iso(t.At), visibility = "public", language = "en",
        uri = $"https://mastodon.example/users/{t.Acct.Split('@')[0]}/statuses/{t.Id}", url = $"https://mastodon.example/@{t.Acct}/{t.Id}",
        replies_count = 2, reblogs_count = 5, favourites_count = 17, content = t.Html,
        account = new { id = "1", username = t.Acct.Split('@')[0], acct = t.Acct, display_name = t.Acct, url = $"https://mastodon.example/@{t.Acct}" },
        tags = new[] { new { name = "acme", url = "https://mastodon.example/tags/acme" } },
    };

    private void MapTagTimeline(WebApplication app) => app.MapGet("/mastodon/api/v1/timelines/tag/{tag}", (string tag, HttpRequest r) =>
    {
        if (!int.TryParse(r.Query["limit"], out var limit) || limit is < 1 or > 40) return Fail("limit must be 1-40");
        switch (tag)
        {
            case "authfail": return Json(new { error = "This method requires an authenticated user" }, 401);
            case "ratelimited":
                return Json(new { error = "Too many requests" }, 429, new Dictionary<string, string>
                {
                    ["X-RateLimit-Limit"] = "300", ["X-RateLimit-Remaining"] = "0", ["X-RateLimit-Reset"] = Now.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'"),
                });
            case "boom": return Json(new { error = "Internal error" }, 500);
            case "nothing": return Json(Array.Empty<object>());
        }
        var second = !string.IsNullOrEmpty(r.Query["max_id"]);
        var page = second ? Toots[2..] : Toots[..2];
        var headers = new Dictionary<string, string>
        {
            ["Link"] = $"<{Origin(r)}/mastodon/api/v1/timelines/tag/{tag}?limit=40&max_id={page[^1].Id}>; rel=\"next\", <{Origin(r)}/mastodon/api/v1/timelines/tag/{tag}?min_id={page[0].Id}>; rel=\"prev\"",
        };
        return Json(page.Select(Status), 200, headers);
    });

    private static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}";
}
