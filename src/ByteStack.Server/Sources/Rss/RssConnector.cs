using System.Net;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.Rss;

/// <summary>
/// Any RSS or Atom feed, named in a job as <c>rss:&lt;url&gt;</c>. A feed has no search, so the
/// latest items are read and matched here with <see cref="TermMatch"/> (whole words and phrases:
/// "Acmeville" is not "Acme"). Feeds are fetched with conditional GET (<see cref="FeedCache"/>).
/// </summary>
public sealed class RssConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private readonly FeedCache cache = new();

    public override string Id => "rss";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready, "Any RSS/Atom feed, named as rss:<url>.");

    public override bool Handles(string source) => source.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal);

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var url = query.Source[SourceCatalog.RssPrefix.Length..];
        var items = await ReadFeedAsync(client, Http, cache, "RSS feed", options.Value.Rss, url, ct);
        var posts = Matching(items, query, requireTerm: true).ToList();
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "client");
    }

    /// <summary>
    /// GETs a feed (conditionally) and reads it. A 401 means the feed wants credentials; a 403
    /// answered with an HTML page is a block (<paramref name="blockedReason"/>, when the caller
    /// knows what that page means); anything else unsuccessful is reported by status.
    /// </summary>
    internal static async Task<IReadOnlyList<FeedItem>> ReadFeedAsync(
        HttpClient client, SourceHttp http, FeedCache cache, string name, SourceOptions source, string url, CancellationToken ct, string? blockedReason = null)
    {
        using var response = await http.SendAsync(client, name, source, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            cache.AddValidators(url, request);
            return request;
        }, (r, now) => RateLimitHeaders.RetryAfter(r.Headers, now), ct);
        var body = await cache.BodyAsync(url, response, ct);
        if (body is not null) return FeedReader.Read(body);
        // A feed URL is the user's choice: report the status only, never the body of whatever answered.
        if (blockedReason is not null && response.StatusCode == HttpStatusCode.Forbidden
            && response.Content.Headers.ContentType?.MediaType == "text/html")
            throw new SourceUnavailableException("blocked", $"{name} answered HTTP {(int)response.StatusCode} with a block page: {blockedReason}");
        throw new SourceUnavailableException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? "needs_credentials" : "http_error", $"{name} answered HTTP {(int)response.StatusCode}.");
    }

    /// <summary>
    /// Items in the window with no excluded term (and, for plain feeds, mentioning a term);
    /// undated items cannot be placed in a window and are left out.
    /// </summary>
    internal static IEnumerable<SourcePost> Matching(IEnumerable<FeedItem> items, SourceQuery query, bool requireTerm) =>
        items.Where(i => i.Published is { } at && query.Window.Contains(at))
            .Where(i => !requireTerm || TermMatch.MentionsAny($"{i.Title} \n {i.Text}", query.Terms))
            .Where(i => !IsExcluded($"{i.Title} \n {i.Text}", query.Exclusions))
            .Select(i => new SourcePost(i.Id, i.Author, string.IsNullOrEmpty(i.Text) ? i.Title : $"{i.Title} — {i.Text}", i.Link,
                i.Published!.Value, new Dictionary<string, long>())
            {
                Languages = i.Language is null ? [] : [i.Language],
            })
            .OrderByDescending(p => p.CreatedAt);
}
