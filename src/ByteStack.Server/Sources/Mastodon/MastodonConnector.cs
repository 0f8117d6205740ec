using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.Mastodon;

/// <summary>
/// Mastodon has no keyword search without a user token, so terms become hashtags and each
/// configured instance's <c>/api/v1/timelines/tag/:tag</c> is read newest first, following the
/// <c>Link</c> header until posts are older than the window. With an access token,
/// <c>/api/v2/search?type=statuses</c> adds full-text matches. Posts are deduplicated by their
/// global <c>uri</c> across instances.
/// </summary>
public sealed partial class MastodonConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private SourceOptions Source => options.Value.Mastodon;

    private IReadOnlyList<string> Instances => Source.Instances.Count > 0 ? Source.Instances : [Source.BaseUrl];

    public override string Id => "mastodon";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready,
        string.IsNullOrWhiteSpace(Source.AccessToken)
            ? $"Hashtag timelines on {string.Join(", ", Instances)}; set ByteStack:Sources:Mastodon:AccessToken for full-text search."
            : $"Hashtag timelines and full-text search on {string.Join(", ", Instances)}.");

    public static string Hashtag(string term) => NotTagChars().Replace(term, "").ToLowerInvariant();

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var posts = new Dictionary<string, SourcePost>();
        foreach (var instance in Instances)
        {
            foreach (var tag in query.Terms.Select(Hashtag).Where(t => t.Length > 0).Distinct())
            {
                string? url = $"{instance.TrimEnd('/')}/api/v1/timelines/tag/{Uri.EscapeDataString(tag)}?limit=40";
                while (url is not null && posts.Count < query.MaxPosts)
                {
                    using var response = await SendAsync(url, ct);
                    await SourceHttp.EnsureSuccessAsync(response, "Mastodon", ct);
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                    var page = json.RootElement.EnumerateArray().Select(ToPost).ToList();
                    foreach (var post in page.Where(p => query.Window.Contains(p.CreatedAt) && !IsExcluded(p.Text, query.Exclusions)))
                        posts.TryAdd(post.Id, post);
                    url = page.Count == 0 || page.Min(p => p.CreatedAt) < query.Window.From ? null : NextLink(response);
                    // Follow pagination on this instance only.
                    if (url is not null && !SameHost(url, instance)) url = null;
                }
            }
            if (!string.IsNullOrWhiteSpace(Source.AccessToken) && SameHost(instance, Source.BaseUrl))
            {
                foreach (var term in query.Terms)
                {
                    using var response = await SendAsync($"{instance.TrimEnd('/')}/api/v2/search?q={Uri.EscapeDataString(term)}&type=statuses&limit=40", ct);
                    await SourceHttp.EnsureSuccessAsync(response, "Mastodon", ct);
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                    foreach (var post in json.RootElement.GetProperty("statuses").EnumerateArray().Select(ToPost)
                                 .Where(p => query.Window.Contains(p.CreatedAt) && !IsExcluded(p.Text, query.Exclusions)))
                        posts.TryAdd(post.Id, post);
                }
            }
        }
        return new SourceFetch(query.Source, FetchStatus.Ok, posts.Values.OrderByDescending(p => p.CreatedAt).ToList(), posts.Count, "client");
    }

    private Task<HttpResponseMessage> SendAsync(string url, CancellationToken ct) =>
        Http.SendAsync(client, "Mastodon", Source, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            // The token belongs to the account on BaseUrl's instance; other instances never see it.
            if (!string.IsNullOrWhiteSpace(Source.AccessToken) && SameHost(url, Source.BaseUrl)) request.Headers.Authorization = new("Bearer", Source.AccessToken);
            return request;
        }, (r, now) => RateLimitHeaders.IsoInstant(r.Headers, "X-RateLimit-Reset", now), ct);

    private static bool SameHost(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
        && x.Scheme == y.Scheme && string.Equals(x.Authority, y.Authority, StringComparison.OrdinalIgnoreCase);

    /// <summary>The <c>rel="next"</c> URL of a <c>Link</c> header.</summary>
    public static string? NextLink(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var values)
            ? values.SelectMany(v => v.Split(',')).Select(part => LinkPart().Match(part))
                .Where(m => m.Success && m.Groups["rel"].Value == "next").Select(m => m.Groups["url"].Value).FirstOrDefault()
            : null;

    private static SourcePost ToPost(JsonElement status)
    {
        var account = status.GetProperty("account");
        long Num(string name) => status.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var url = status.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : status.GetProperty("uri").GetString()!;
        return new SourcePost(status.GetProperty("uri").GetString()!, account.GetProperty("acct").GetString()!,
            Html.ToText(status.GetProperty("content").GetString()), url, status.GetProperty("created_at").GetDateTimeOffset(),
            new Dictionary<string, long> { ["favourites"] = Num("favourites_count"), ["reblogs"] = Num("reblogs_count"), ["replies"] = Num("replies_count") });
    }

    [GeneratedRegex(@"[^\p{L}\p{N}_]")]
    private static partial Regex NotTagChars();

    [GeneratedRegex(@"<(?<url>[^>]+)>\s*;\s*rel=""(?<rel>[^""]+)""")]
    private static partial Regex LinkPart();
}
