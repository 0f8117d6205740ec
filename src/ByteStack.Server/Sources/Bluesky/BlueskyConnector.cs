using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.Bluesky;

/// <summary>
/// Bluesky <c>app.bsky.feed.searchPosts</c> with a session from <c>createSession</c> (the public
/// AppView refuses anonymous search). Sessions are cached — <c>createSession</c> is limited to 30
/// per 5 minutes — and renewed once when the token expires. <c>since</c>/<c>until</c> act on the
/// post's sortAt, so the window is checked again on <c>createdAt</c>.
/// </summary>
public sealed class BlueskyConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private readonly SemaphoreSlim sessionGate = new(1, 1);
    private string? accessJwt;

    private SourceOptions Source => options.Value.Bluesky;

    public override string Id => "bluesky";

    public override (SourceReadiness, string) Readiness =>
        string.IsNullOrWhiteSpace(Source.Identifier) || string.IsNullOrWhiteSpace(Source.AppPassword)
            ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:Bluesky:Identifier and AppPassword (a Bluesky app password).")
            : (SourceReadiness.Ready, "Bluesky searchPosts with an app-password session.");

    /// <summary>
    /// One search per term, merged by post URI: searchPosts has no OR operator and joins words
    /// with AND ("q: Search query string; syntax, phrase, boolean, and faceting is unspecified,
    /// but Lucene query syntax is recommended", https://docs.bsky.app/docs/api/app-bsky-feed-search-posts),
    /// so "Acme OR Globex" would ask for posts containing all three words. <c>hitsTotal</c> is
    /// exact for one term; several terms' counts overlap, so then the posts found are counted.
    /// </summary>
    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var exclusions = string.Concat(query.Exclusions.Select(e => $" -{Quote(e)}"));
        var posts = new Dictionary<string, SourcePost>();
        long reported = 0;
        var capped = false;
        foreach (var term in query.Terms)
        {
            string? cursor = null;
            var first = true;
            do
            {
                var url = $"{Source.BaseUrl.TrimEnd('/')}/xrpc/app.bsky.feed.searchPosts?q={Uri.EscapeDataString(Quote(term) + exclusions)}&sort=latest" +
                          $"&since={Iso(query.Window.From)}&until={Iso(query.Window.To)}&limit={Math.Clamp(query.MaxPosts - posts.Count, 1, 100)}" +
                          (query.Language is null ? "" : $"&lang={Uri.EscapeDataString(query.Language)}") +
                          (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
                using var json = await GetAsync(url, ct);
                var root = json.RootElement;
                if (first && root.TryGetProperty("hitsTotal", out var h) && h.ValueKind == JsonValueKind.Number) reported += h.GetInt64();
                first = false;
                var page = root.GetProperty("posts").EnumerateArray().Select(ToPost).ToList();
                foreach (var post in page.Where(p => !IsExcluded(p.Text, query.Exclusions))) posts.TryAdd(post.Id, post);
                cursor = page.Count > 0 && root.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            } while (cursor is not null && posts.Count < query.MaxPosts);
            capped |= cursor is not null;
            if (posts.Count >= query.MaxPosts)
            {
                // Terms not yet searched may hold more matches.
                capped |= term != query.Terms[^1];
                break;
            }
        }

        // Authors are excluded here, after the count: then only the posts found are exact.
        var total = query.Terms.Count == 1 && query.ExcludedAuthors.Count == 0 ? Math.Max(reported, posts.Count) : posts.Count;
        return new SourceFetch(query.Source, FetchStatus.Ok, posts.Values.OrderByDescending(p => p.CreatedAt).ToList(), total, "api")
        {
            Capped = capped || total > query.MaxPosts,
        };
    }

    private async Task<JsonDocument> GetAsync(string url, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var jwt = await SessionAsync(ct);
            using var response = await Http.SendAsync(client, "Bluesky", Source, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new("Bearer", jwt);
                return request;
            }, (r, now) => RateLimitHeaders.EpochSeconds(r.Headers, "ratelimit-reset", now), ct);

            var body = await response.Content.ReadAsStringAsync(ct);
            if (attempt == 0 && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized && body.Contains("ExpiredToken", StringComparison.Ordinal))
            {
                accessJwt = null;
                continue;
            }
            await SourceHttp.EnsureSuccessAsync(response, "Bluesky", ct);
            return JsonDocument.Parse(body);
        }
    }

    private async Task<string> SessionAsync(CancellationToken ct)
    {
        await sessionGate.WaitAsync(ct);
        try
        {
            if (accessJwt is not null) return accessJwt;
            using var response = await Http.SendAsync(client, "Bluesky", Source,
                () => new HttpRequestMessage(HttpMethod.Post, $"{Source.SessionUrl?.TrimEnd('/')}/xrpc/com.atproto.server.createSession")
                {
                    Content = JsonContent.Create(new { identifier = Source.Identifier, password = Source.AppPassword }),
                },
                (r, now) => RateLimitHeaders.EpochSeconds(r.Headers, "ratelimit-reset", now), ct);
            await SourceHttp.EnsureSuccessAsync(response, "Bluesky", ct);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            return accessJwt = json.RootElement.GetProperty("accessJwt").GetString()!;
        }
        finally
        {
            sessionGate.Release();
        }
    }

    private static SourcePost ToPost(JsonElement post)
    {
        var uri = post.GetProperty("uri").GetString()!;
        var author = post.GetProperty("author");
        var did = author.GetProperty("did").GetString()!;
        var handle = author.GetProperty("handle").GetString()!;
        var record = post.GetProperty("record");
        long Num(string name) => post.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        // bsky.app links work with a DID as well as a handle; a handle that no longer verifies is
        // shown as "handle.invalid" (https://docs.bsky.app/docs/advanced-guides/resolution), which links nowhere.
        var profile = handle == InvalidHandle ? did : handle;
        return new SourcePost(uri, handle, record.GetProperty("text").GetString() ?? "",
            $"https://bsky.app/profile/{profile}/post/{uri[(uri.LastIndexOf('/') + 1)..]}",
            record.GetProperty("createdAt").GetDateTimeOffset(),
            new Dictionary<string, long> { ["likes"] = Num("likeCount"), ["reposts"] = Num("repostCount"), ["replies"] = Num("replyCount"), ["quotes"] = Num("quoteCount") })
        {
            AuthorId = AuthorIdentity.Bluesky(did),
            Languages = record.TryGetProperty("langs", out var langs) && langs.ValueKind == JsonValueKind.Array
                ? langs.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString()!).ToList()
                : [],
        };
    }

    private const string InvalidHandle = "handle.invalid";
}
