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

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var q = string.Join(" OR ", query.Terms.Select(Quote)) + string.Concat(query.Exclusions.Select(e => $" -{Quote(e)}"));
        var posts = new List<SourcePost>();
        long? hitsTotal = null;
        string? cursor = null;
        do
        {
            var url = $"{Source.BaseUrl.TrimEnd('/')}/xrpc/app.bsky.feed.searchPosts?q={Uri.EscapeDataString(q)}&sort=latest" +
                      $"&since={Iso(query.Window.From)}&until={Iso(query.Window.To)}&limit={Math.Min(100, query.MaxPosts)}" +
                      (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var json = await GetAsync(url, ct);
            var root = json.RootElement;
            if (hitsTotal is null && root.TryGetProperty("hitsTotal", out var h) && h.ValueKind == JsonValueKind.Number) hitsTotal = h.GetInt64();
            var page = root.GetProperty("posts").EnumerateArray().Select(ToPost).ToList();
            posts.AddRange(page.Where(p => !IsExcluded(p.Text, query.Exclusions)));
            cursor = page.Count > 0 && root.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        } while (cursor is not null && posts.Count < query.MaxPosts);

        return new SourceFetch(query.Source, FetchStatus.Ok, posts, hitsTotal ?? posts.Count, "api");
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
        var handle = author.GetProperty("handle").GetString()!;
        var record = post.GetProperty("record");
        long Num(string name) => post.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        return new SourcePost(uri, handle, record.GetProperty("text").GetString() ?? "",
            $"https://bsky.app/profile/{handle}/post/{uri[(uri.LastIndexOf('/') + 1)..]}",
            record.GetProperty("createdAt").GetDateTimeOffset(),
            new Dictionary<string, long> { ["likes"] = Num("likeCount"), ["reposts"] = Num("repostCount"), ["replies"] = Num("replyCount"), ["quotes"] = Num("quoteCount") });
    }
}
