using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.Mastodon;

/// <summary>
/// Mastodon has no keyword search without a user token, so terms become hashtags and each
/// configured instance's <c>/api/v1/timelines/tag/:tag</c> is read newest first, following the
/// <c>Link</c> header until posts are older than the window. With an access token,
/// <c>/api/v2/search?type=statuses</c> adds full-text matches, paged with <c>offset</c>; the
/// token is checked once with <c>verify_credentials</c>, so a refused token is reported instead of
/// silently finding nothing. Posts are deduplicated by their global <c>uri</c> across instances.
/// </summary>
public sealed partial class MastodonConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    // Both endpoints allow at most 40 per page (https://docs.joinmastodon.org/methods/timelines/#tag,
    // https://docs.joinmastodon.org/methods/search/#v2).
    private const int PageSize = 40;

    private volatile bool tokenVerified;

    private SourceOptions Source => options.Value.Mastodon;

    private IReadOnlyList<string> Instances => Source.Instances.Count > 0 ? Source.Instances : [Source.BaseUrl];

    private bool HasToken => !string.IsNullOrWhiteSpace(Source.AccessToken);

    public override string Id => "mastodon";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready,
        !HasToken
            ? $"Hashtag timelines on {string.Join(", ", Instances)}; set ByteStack:Sources:Mastodon:AccessToken for full-text search."
            : $"Hashtag timelines and full-text search on {string.Join(", ", Instances)}.");

    public static string Hashtag(string term) => NotTagChars().Replace(term, "").ToLowerInvariant();

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        if (HasToken) await VerifyTokenAsync(ct);
        var posts = new Dictionary<string, SourcePost>();
        var capped = false;
        void Add(SourcePost post)
        {
            if (query.Window.Contains(post.CreatedAt) && !IsExcluded(post.Text, query.Exclusions)) posts.TryAdd(post.Id, post);
        }

        foreach (var instance in Instances)
        {
            foreach (var tag in query.Terms.Select(Hashtag).Where(t => t.Length > 0).Distinct())
            {
                string? url = $"{instance.TrimEnd('/')}/api/v1/timelines/tag/{Uri.EscapeDataString(tag)}?limit={PageSize}";
                while (url is not null && posts.Count < query.MaxPosts)
                {
                    using var response = await SendAsync(url, ct);
                    await SourceHttp.EnsureSuccessAsync(response, "Mastodon", ct);
                    using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                    var page = json.RootElement.EnumerateArray().Select(ToPost).ToList();
                    page.ForEach(Add);
                    url = page.Count == 0 || page.Min(p => p.CreatedAt) < query.Window.From ? null : NextLink(response);
                    // Follow pagination on this instance only.
                    if (url is not null && !SameHost(url, instance)) url = null;
                }
                capped |= url is not null;
            }
            if (HasToken && SameHost(instance, Source.BaseUrl))
            {
                foreach (var term in query.Terms)
                {
                    // Search has no Link header; offset pages it (https://docs.joinmastodon.org/methods/search/#v2:
                    // "offset: Integer. Skip the first n results."). Results come newest first, so paging
                    // stops at a short page or at posts older than the window.
                    for (var offset = 0; posts.Count < query.MaxPosts; offset += PageSize)
                    {
                        using var response = await SendAsync($"{instance.TrimEnd('/')}/api/v2/search?q={Uri.EscapeDataString(term)}&type=statuses&limit={PageSize}&offset={offset}", ct);
                        await SourceHttp.EnsureSuccessAsync(response, "Mastodon", ct);
                        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                        var page = json.RootElement.GetProperty("statuses").EnumerateArray().Select(ToPost).ToList();
                        page.ForEach(Add);
                        if (page.Count < PageSize || page.Min(p => p.CreatedAt) < query.Window.From) break;
                        capped |= posts.Count >= query.MaxPosts;
                    }
                }
            }
        }
        return new SourceFetch(query.Source, FetchStatus.Ok, posts.Values.OrderByDescending(p => p.CreatedAt).ToList(), posts.Count, "client")
        {
            Capped = capped,
        };
    }

    /// <summary>
    /// Without a valid user token, statuses search answers an empty list rather than an error
    /// (https://docs.joinmastodon.org/methods/search/#v2), which would read as "no posts": the token is
    /// checked once with verify_credentials (https://docs.joinmastodon.org/methods/accounts/#verify_credentials,
    /// 401 "The access token is invalid") and a refused token makes the source unavailable.
    /// </summary>
    private async Task VerifyTokenAsync(CancellationToken ct)
    {
        if (tokenVerified) return;
        using var response = await SendAsync($"{Source.BaseUrl.TrimEnd('/')}/api/v1/accounts/verify_credentials", ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new SourceUnavailableException("needs_credentials",
                $"Mastodon refused ByteStack:Sources:Mastodon:AccessToken (verify_credentials answered HTTP {(int)response.StatusCode}); full-text search cannot run. Fix or remove the token.");
        await SourceHttp.EnsureSuccessAsync(response, "Mastodon", ct);
        tokenVerified = true;
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
        string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var url = Str(status, "url") ?? status.GetProperty("uri").GetString()!;
        var accountUrl = Str(account, "url");
        var acct = AuthorIdentity.MastodonAcct(account.GetProperty("acct").GetString()!, accountUrl);
        var language = Str(status, "language");
        return new SourcePost(status.GetProperty("uri").GetString()!, acct,
            Html.ToText(status.GetProperty("content").GetString()), url, status.GetProperty("created_at").GetDateTimeOffset(),
            new Dictionary<string, long> { ["favourites"] = Num("favourites_count"), ["reblogs"] = Num("reblogs_count"), ["replies"] = Num("replies_count") })
        {
            AuthorId = AuthorIdentity.Mastodon(accountUrl, acct),
            // "language: Primary language of this status. ISO 639-1 or null" (https://docs.joinmastodon.org/entities/Status/#language).
            Languages = language is null ? [] : [language],
            // A boost is a status whose "reblog" holds the boosted one (https://docs.joinmastodon.org/entities/Status/#reblog).
            IsRepost = status.TryGetProperty("reblog", out var reblog) && reblog.ValueKind == JsonValueKind.Object,
        };
    }

    [GeneratedRegex(@"[^\p{L}\p{N}_]")]
    private static partial Regex NotTagChars();

    [GeneratedRegex(@"<(?<url>[^>]+)>\s*;\s*rel=""(?<rel>[^""]+)""")]
    private static partial Regex LinkPart();
}
