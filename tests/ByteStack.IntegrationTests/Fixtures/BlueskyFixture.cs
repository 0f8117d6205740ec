using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record Skeet(string Rkey, string Handle, string Text, DateTimeOffset At, string? Did = null, string Lang = "en")
    {
        public string AuthorDid => Did ?? $"did:plc:{Handle.Split('.')[0]}";
    }

    /// <summary>Three posts by two handles (1 positive, 1 negative, 1 neutral), over two pages.</summary>
    public static readonly Skeet[] Skeets =
    [
        new("3lxyzabc2k2s", "dana.bsky.social", "Acme's support team fixed my issue in 10 minutes", Today.AddHours(6.5)),
        new("3lxyzabc2k2r", "ola.bsky.social", "Trying Acme today", Today.AddHours(5.5)),
        new("3lxyzabc2k2q", "dana.bsky.social", "Acme is slow today", Today.AddHours(4.5)),
    ];

    /// <summary>
    /// Searched with AND semantics, as Bluesky's search is ("Globex Hooli" finds posts with both
    /// words; "Globex OR Hooli" posts with all three). Two accounts whose handles no longer verify
    /// both show <c>handle.invalid</c>; one post is in German.
    /// </summary>
    public static readonly Skeet[] GlobexSkeets =
    [
        new("3lglobex0005", "handle.invalid", "Globex shipped a new release", Today.AddHours(7), Did: "did:plc:ghostone"),
        new("3lglobex0004", "handle.invalid", "Globex beats Hooli on price", Today.AddHours(6), Did: "did:plc:ghosttwo"),
        new("3lglobex0003", "erik.bsky.social", "Globex ist großartig", Today.AddHours(5), Lang: "de"),
        new("3lglobex0002", "ola.bsky.social", "Globex vs Hooli: which one?", Today.AddHours(4)),
    ];

    public int BlueskySessionsCreated => calls.TryGetValue("bsky-session", out var n) ? n : 0;

    /// <summary>When each "ratelimitfloor …" query was first refused (each query string has its own window).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Diagnostics.Stopwatch> bskyLimited = new();

    private void MapBluesky(WebApplication app)
    {
        app.MapPost("/bsky-pds/xrpc/com.atproto.server.createSession", async (HttpRequest r) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(r.Body);
            if (body.GetProperty("identifier").GetString() != BlueskyHandle || body.GetProperty("password").GetString() != BlueskyPassword)
                return Json(new { error = "AuthenticationRequired", message = "Invalid identifier or password" }, 401);
            var n = calls.AddOrUpdate("bsky-session", 1, (_, c) => c + 1);
            return Json(new { accessJwt = $"jwt-{n}", refreshJwt = "refresh", handle = BlueskyHandle, did = "did:plc:test" });
        });

        app.MapGet("/bsky/xrpc/app.bsky.feed.searchPosts", (HttpRequest r) =>
        {
            if (!r.Headers.Authorization.ToString().StartsWith("Bearer jwt-", StringComparison.Ordinal))
                return Json(new { error = "AuthMissing", message = "Authentication Required" }, 401);
            if (string.IsNullOrEmpty(r.Query["q"]) || string.IsNullOrEmpty(r.Query["since"]) || string.IsNullOrEmpty(r.Query["until"]) || string.IsNullOrEmpty(r.Query["limit"]))
                return Fail("searchPosts needs q, since, until and limit");
            switch (r.Query["q"].ToString().Split(' ')[0].ToLowerInvariant())
            {
                case "authfail": return Json(new { error = "AuthMissing", message = "Authentication Required" }, 403);
                case "expired" when First("bsky-expired"): return Json(new { error = "ExpiredToken", message = "Token has expired" }, 400);
                case "ratelimited":
                    return Json(new { error = "RateLimitExceeded", message = "Rate Limit Exceeded" }, 429, new Dictionary<string, string>
                    {
                        ["ratelimit-limit"] = "3000", ["ratelimit-remaining"] = "0", ["ratelimit-reset"] = Epoch(Now.AddHours(1)).ToString(), ["ratelimit-policy"] = "3000;w=300",
                    });
                case "boom": return Json(new { error = "InternalServerError", message = "Internal Server Error" }, 500);
                case "nothing": return Json(new { posts = Array.Empty<object>(), hitsTotal = 0 });
                // The header's reset is earlier than the real one: the server floors RateLimit-Reset to the
                // second and its clock can trail ours. Here the header says "now" and the window ends 2 s
                // after the first refusal, so a retry without a margin lands early and is refused again.
                case "ratelimitfloor":
                    if (bskyLimited.GetOrAdd(r.Query["q"].ToString(), _ => System.Diagnostics.Stopwatch.StartNew()).ElapsedMilliseconds < 2000)
                        return Json(new { error = "RateLimitExceeded", message = "Rate Limit Exceeded" }, 429, new Dictionary<string, string>
                        {
                            ["ratelimit-limit"] = "3000", ["ratelimit-remaining"] = "0", ["ratelimit-reset"] = Epoch(Now).ToString(), ["ratelimit-policy"] = "3000;w=300",
                        });
                    break;
                case "ratelimitedtwice" when calls.AddOrUpdate("bsky-twice", 1, (_, n) => n + 1) <= 2:
                    return Json(new { error = "RateLimitExceeded", message = "Rate Limit Exceeded" }, 429, new Dictionary<string, string>
                    {
                        ["ratelimit-limit"] = "3000", ["ratelimit-remaining"] = "0", ["ratelimit-reset"] = Epoch(Now).ToString(), ["ratelimit-policy"] = "3000;w=300",
                    });
            }
            var lang = r.Query["lang"].ToString();
            // Scenarios that end in data answer with the Acme posts.
            var words = Regex.Matches(r.Query["q"].ToString(), "\"[^\"]*\"|\\S+").Select(m => m.Value.Trim('"')).ToList();
            if (words is ["expired" or "ratelimitfloor" or "ratelimitedtwice", ..]) words = ["Acme"];
            var corpus = Skeets.Concat(GlobexSkeets)
                .Where(s => words.Where(w => !w.StartsWith('-')).All(w => Regex.IsMatch(s.Text, $@"\b{Regex.Escape(w)}\b", RegexOptions.IgnoreCase)))
                .Where(s => words.Where(w => w.StartsWith('-')).All(w => !Regex.IsMatch(s.Text, $@"\b{Regex.Escape(w[1..])}\b", RegexOptions.IgnoreCase)))
                .Where(s => lang.Length == 0 || s.Lang == lang)
                .OrderByDescending(s => s.At)
                .ToList();
            var offset = int.TryParse(r.Query["cursor"], out var c) ? c : 0;
            var page = corpus.Skip(offset).Take(2).ToList();
            var posts = page.Select(s => new
            {
                uri = $"at://{s.AuthorDid}/app.bsky.feed.post/{s.Rkey}", cid = "bafy" + s.Rkey,
                author = new { did = s.AuthorDid, handle = s.Handle, displayName = s.Handle },
                record = new Dictionary<string, object> { ["$type"] = "app.bsky.feed.post", ["text"] = s.Text, ["createdAt"] = Iso(s.At), ["langs"] = new[] { s.Lang } },
                replyCount = 1, repostCount = 4, likeCount = 18, quoteCount = 0, indexedAt = Iso(s.At.AddSeconds(2)), labels = Array.Empty<object>(),
            });
            return offset + 2 < corpus.Count
                ? Json(new { cursor = (offset + 2).ToString(), posts, hitsTotal = corpus.Count })
                : Json(new { posts, hitsTotal = corpus.Count });
        });
    }
}
