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

    /// <summary>
    /// Full-text "Globex" for a token: 45 statuses in the window then 10 older, newest first, as
    /// search pages them (40 at most, <c>offset</c>). None carries the hashtag.
    /// </summary>
    public static readonly Toot[] GlobexToots = Enumerable.Range(0, 55)
        .Select(i => new Toot($"1140000000000{i:00000}", $"user{i % 7}@remote.example", $"<p>Globex note {i}</p>",
            i < 45 ? Today.AddHours(7).AddMinutes(-5 * i) : Today.AddHours(-1).AddMinutes(-5 * i)))
        .ToArray();

    /// <summary>
    /// #fediverse on two instances: erin is local on the second (<c>acct</c> "erin") and remote on
    /// the first ("erin@fosstodon.example"), one person with one profile URL; and a boost.
    /// </summary>
    private static readonly Dictionary<string, object[]> FediverseTimelines = new()
    {
        ["mastodon"] =
        [
            Status(new Toot("115000000000000003", "erin@fosstodon.example", "<p>#fediverse day one</p>", Today.AddHours(6)), "https://fosstodon.example/@erin"),
            Status(new Toot("115000000000000002", "mo", "", Today.AddHours(5)), "https://mastodon.example/@mo",
                reblog: Status(new Toot("115000000000000001", "erin@fosstodon.example", "<p>#fediverse day one</p>", Today.AddHours(6)), "https://fosstodon.example/@erin")),
        ],
        ["mastodon-far"] =
        [
            Status(new Toot("115000000000000009", "erin", "<p>#fediverse day two</p>", Today.AddHours(7)), "https://fosstodon.example/@erin"),
        ],
    };

    private void MapMastodon(WebApplication app)
    {
        // Full-text status search: without a user token Mastodon answers an empty statuses list.
        app.MapGet("/mastodon/api/v2/search", (HttpRequest r) =>
        {
            if (r.Query["type"] != "statuses" || string.IsNullOrEmpty(r.Query["q"])) return Fail("search needs q and type=statuses");
            if (!int.TryParse(r.Query["limit"], out var limit) || limit is < 1 or > 40) return Fail("limit must be 1-40");
            var offset = int.TryParse(r.Query["offset"], out var o) ? o : 0;
            // Without a valid user token, statuses search answers an empty list, not an error.
            if (r.Headers.Authorization != $"Bearer {MastodonToken}")
                return Json(new { accounts = Array.Empty<object>(), statuses = Array.Empty<object>(), hashtags = Array.Empty<object>() });
            var statuses = r.Query["q"] == "Globex"
                ? GlobexToots.Skip(offset).Take(limit).Select(t => Status(t)).ToArray()
                : offset > 0 ? [] : [Status(new Toot("113000000000000200", "erin@far.example", "<p>Acme without a hashtag, great stuff</p>", Today.AddHours(7)))];
            return Json(new { accounts = Array.Empty<object>(), statuses, hashtags = Array.Empty<object>() });
        });
        app.MapGet("/mastodon/api/v1/accounts/verify_credentials", (HttpRequest r) =>
            r.Headers.Authorization == $"Bearer {MastodonToken}"
                ? Json(new { id = "1", username = "bytestack", acct = "bytestack", display_name = "ByteStack", url = "https://mastodon.example/@bytestack" })
                : Json(new { error = "The access token is invalid" }, 401));
        MapTagTimeline(app, "mastodon");
        MapTagTimeline(app, "mastodon-far");
    }

    /// <summary>A Status entity; a remote account's profile URL is on its own instance, as Mastodon reports it.</summary>
    private static object Status(Toot t, string? accountUrl = null, object? reblog = null)
    {
        var (user, domain) = t.Acct.Split('@') is [var u, var d] ? (u, d) : (t.Acct, "mastodon.example");
        return new
        {
            id = t.Id, created_at = Iso(t.At), visibility = "public", language = "en",
            uri = $"https://{domain}/users/{user}/statuses/{t.Id}", url = $"https://{domain}/@{user}/{t.Id}",
            replies_count = 2, reblogs_count = 5, favourites_count = 17, content = t.Html,
            account = new { id = "1", username = user, acct = t.Acct, display_name = user, url = accountUrl ?? $"https://{domain}/@{user}" },
            tags = new[] { new { name = "acme", url = "https://mastodon.example/tags/acme" } },
            reblog,
        };
    }

    private void MapTagTimeline(WebApplication app, string instance) => app.MapGet($"/{instance}/api/v1/timelines/tag/{{tag}}", (string tag, HttpRequest r) =>
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
            case "nothing" or "globex": return Json(Array.Empty<object>());
            case "fediverse": return Json(FediverseTimelines[instance]);
        }
        var second = !string.IsNullOrEmpty(r.Query["max_id"]);
        if (instance != "mastodon") return Json(Array.Empty<object>());
        var page = second ? Toots[2..] : Toots[..2];
        var headers = new Dictionary<string, string>
        {
            ["Link"] = $"<{Origin(r)}/{instance}/api/v1/timelines/tag/{tag}?limit=40&max_id={page[^1].Id}>; rel=\"next\", <{Origin(r)}/{instance}/api/v1/timelines/tag/{tag}?min_id={page[0].Id}>; rel=\"prev\"",
        };
        return Json(page.Select(t => Status(t)), 200, headers);
    });

    private static string Origin(HttpRequest r) => $"{r.Scheme}://{r.Host}";
}
