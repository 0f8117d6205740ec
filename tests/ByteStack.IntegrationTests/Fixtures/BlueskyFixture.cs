using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record Skeet(string Rkey, string Handle, string Text, DateTimeOffset At);

    /// <summary>Three posts by two handles (1 positive, 1 negative, 1 neutral), over two pages.</summary>
    public static readonly Skeet[] Skeets =
    [
        new("3lxyzabc2k2s", "dana.bsky.social", "Acme's support team fixed my issue in 10 minutes", Today.AddHours(6.5)),
        new("3lxyzabc2k2r", "ola.bsky.social", "Trying Acme today", Today.AddHours(5.5)),
        new("3lxyzabc2k2q", "dana.bsky.social", "Acme is slow today", Today.AddHours(4.5)),
    ];

    public int BlueskySessionsCreated => calls.TryGetValue("bsky-session", out var n) ? n : 0;

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
            }
            var second = r.Query["cursor"] == "2";
            var page = second ? Skeets[2..] : Skeets[..2];
            var posts = page.Select(s => new
            {
                uri = $"at://did:plc:{s.Handle.Split('.')[0]}/app.bsky.feed.post/{s.Rkey}", cid = "bafy" + s.Rkey,
                author = new { did = $"did:plc:{s.Handle.Split('.')[0]}", handle = s.Handle, displayName = s.Handle },
                record = new Dictionary<string, object> { ["$type"] = "app.bsky.feed.post", ["text"] = s.Text, ["createdAt"] = Iso(s.At), ["langs"] = new[] { "en" } },
                replyCount = 1, repostCount = 4, likeCount = 18, quoteCount = 0, indexedAt = Iso(s.At.AddSeconds(2)), labels = Array.Empty<object>(),
            });
            return second ? Json(new { posts, hitsTotal = 3 }) : Json(new { cursor = "2", posts, hitsTotal = 3 });
        });
    }
}
