using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record RedditPost(string Id, string Author, string Title, DateTimeOffset At, string SelfText = "", string? CrosspostParent = null);

    /// <summary>Three posts today over two pages (1 positive, 1 negative, 1 neutral), then one from yesterday.</summary>
    public static readonly RedditPost[] RedditPosts =
    [
        new("r1", "some_user", "Anyone tried Acme's new CLI?", Today.AddHours(6)),
        new("r2", "fan42", "Acme is awesome", Today.AddHours(5)),
        new("r3", "grumpy", "Acme broke my build", Today.AddHours(4)),
        new("r4", "old", "Acme from yesterday", Today.AddHours(-2)),
    ];

    /// <summary>
    /// "Globex": what Reddit really sends — a deleted author (twice), markdown escaped as entities
    /// with the zero-width spaces its editor writes, and a crosspost of another post.
    /// </summary>
    public static readonly RedditPost[] GlobexRedditPosts =
    [
        new("g1", "[deleted]", "Globex &amp; Acme merger?", Today.AddHours(6), "Sources say &lt;soon&gt;&#x200B;\n\n&#x200B;"),
        new("g2", "[deleted]", "Globex is hiring", Today.AddHours(5)),
        new("g3", "pat", "Globex launch", Today.AddHours(4)),
        new("g4", "quinn", "Globex launch", Today.AddHours(3), CrosspostParent: "t3_g3"),
    ];

    /// <summary>"many": 250 posts in the window, newest first, 100 a page (more than one page of 100).</summary>
    public static readonly RedditPost[] ManyRedditPosts = Enumerable.Range(0, 250)
        .Select(i => new RedditPost($"m{i:000}", $"user{i % 40}", i % 2 == 0 ? "Initech is great" : "Initech is terrible", Today.AddHours(7).AddSeconds(-60 * i)))
        .ToArray();

    public const string RedditUsername = "bytestack_bot";

    private const string RedditToken = "reddit-token";

    // "<platform>:<app ID>:<version string> (by /u/<reddit username>)", https://github.com/reddit-archive/reddit/wiki/API#rules
    [GeneratedRegex(@"^[^:\s]+:[^:\s]+:[^:\s]+ \(by /u/[A-Za-z0-9_-]{3,20}\)$")]
    private static partial Regex RedditUserAgent();

    private void MapReddit(WebApplication app)
    {
        app.MapPost("/reddit/api/v1/access_token", async (HttpRequest r) =>
        {
            if (!RedditUserAgent().IsMatch(r.Headers.UserAgent.ToString()))
                return Json(new { message = "Too Many Requests", error = 429 }, 429);
            var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{RedditClientId}:{RedditSecret}"));
            var form = await r.ReadFormAsync();
            if (r.Headers.Authorization != basic || form["grant_type"] != "client_credentials")
                return Json(new { message = "Unauthorized", error = 401 }, 401);
            return Json(new { access_token = RedditToken, token_type = "bearer", expires_in = 3600, scope = "*" });
        });

        app.MapGet("/reddit/oauth/search", (HttpRequest r) =>
        {
            if (r.Headers.Authorization != $"bearer {RedditToken}") return Json(new { message = "Unauthorized", error = 401 }, 401);
            // Reddit throttles generic agents; here any other agent fails the test.
            if (!RedditUserAgent().IsMatch(r.Headers.UserAgent.ToString())) return Fail($"Reddit needs <platform>:<app ID>:<version> (by /u/<username>), got '{r.Headers.UserAgent}'");
            if (string.IsNullOrEmpty(r.Query["q"]) || r.Query["sort"] != "new" || r.Query["raw_json"] != "1" || string.IsNullOrEmpty(r.Query["limit"]))
                return Fail("search needs q, sort=new, raw_json=1 and limit");
            var headers = new Dictionary<string, string> { ["x-ratelimit-used"] = "100", ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = "300" };
            switch (r.Query["q"].ToString().Split(' ')[0].ToLowerInvariant())
            {
                case "authfail": return Json(new { message = "Unauthorized", error = 401 }, 401);
                case "ratelimited": return Json(new { message = "Too Many Requests", error = 429 }, 429, headers);
                case "soft": return Json(new { message = "Too Many Requests", error = 429 }, 200, headers);
                case "blocked":
                    return Results.Content(
                        "<!doctype html><html><head><title>Blocked</title></head><body>whoa there, pardner! Your request has been blocked due to a network policy.</body></html>",
                        "text/html", Encoding.UTF8, 403);
                case "boom": return Json(new { message = "Internal Server Error", error = 500 }, 500);
                case "nothing": return Json(Listing([], null));
                case "globex": return Json(Listing(GlobexRedditPosts, null));
                case "initech":
                    if (!int.TryParse(r.Query["limit"], out var limit) || limit is < 1 or > 100) return Fail("limit must be 1-100");
                    var start = r.Query["after"].ToString() is { Length: > 0 } after ? Array.FindIndex(ManyRedditPosts, p => "t3_" + p.Id == after) + 1 : 0;
                    var page = ManyRedditPosts.Skip(start).Take(limit).ToArray();
                    return Json(Listing(page, start + page.Length < ManyRedditPosts.Length ? "t3_" + page[^1].Id : null));
            }
            return r.Query["after"] == "t3_r2"
                ? Json(Listing(RedditPosts[2..], "t3_r4"))
                : Json(Listing(RedditPosts[..2], "t3_r2"));
        });
    }

    private static object Listing(IEnumerable<RedditPost> posts, string? after) => new
    {
        kind = "Listing",
        data = new
        {
            after, before = (string?)null, dist = posts.Count(), modhash = "", geo_filter = "",
            children = posts.Select(p => new
            {
                kind = "t3",
                data = new
                {
                    id = p.Id, name = "t3_" + p.Id, title = p.Title, selftext = p.SelfText, author = p.Author, subreddit = "devops",
                    crosspost_parent = p.CrosspostParent,
                    created_utc = (double)p.At.ToUnixTimeSeconds(), permalink = $"/r/devops/comments/{p.Id}/post/",
                    url = $"https://www.reddit.com/r/devops/comments/{p.Id}/post/", score = 57, ups = 57, upvote_ratio = 0.95, num_comments = 12,
                },
            }),
        },
    };
}
