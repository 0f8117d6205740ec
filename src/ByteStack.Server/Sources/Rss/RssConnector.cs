using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.Rss;

/// <summary>
/// Any RSS or Atom feed, named in a job as <c>rss:&lt;url&gt;</c>. A feed has no search, so the
/// latest items are read and matched here: an item counts when its title or text contains a term.
/// </summary>
public sealed class RssConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    public override string Id => "rss";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready, "Any RSS/Atom feed, named as rss:<url>.");

    public override bool Handles(string source) => source.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal);

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var url = query.Source[SourceCatalog.RssPrefix.Length..];
        var items = await ReadFeedAsync(client, Http, "RSS feed", options.Value.Rss, url, ct);
        var posts = Matching(items, query, requireTerm: true).ToList();
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "client");
    }

    internal static async Task<IReadOnlyList<FeedItem>> ReadFeedAsync(
        HttpClient client, SourceHttp http, string name, SourceOptions source, string url, CancellationToken ct)
    {
        using var response = await http.SendAsync(client, name, source, () => new HttpRequestMessage(HttpMethod.Get, url),
            (r, now) => RateLimitHeaders.RetryAfter(r.Headers, now), ct);
        // A feed URL is the user's choice: report the status only, never the body of whatever answered.
        if (!response.IsSuccessStatusCode)
            throw new SourceUnavailableException(response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden
                ? "needs_credentials" : "http_error", $"{name} answered HTTP {(int)response.StatusCode}.");
        return FeedReader.Read(await response.Content.ReadAsStringAsync(ct));
    }

    /// <summary>
    /// Items in the window with no excluded term (and, for plain feeds, containing a term);
    /// undated items cannot be placed in a window and are left out.
    /// </summary>
    internal static IEnumerable<SourcePost> Matching(IEnumerable<FeedItem> items, SourceQuery query, bool requireTerm) =>
        items.Where(i => i.Published is { } at && query.Window.Contains(at))
            .Where(i => !requireTerm || query.Terms.Any(t => $"{i.Title} {i.Text}".Contains(t, StringComparison.OrdinalIgnoreCase)))
            .Where(i => !IsExcluded($"{i.Title} {i.Text}", query.Exclusions))
            .Select(i => new SourcePost(i.Id, i.Author, string.IsNullOrEmpty(i.Text) ? i.Title : $"{i.Title} — {i.Text}", i.Link,
                i.Published!.Value, new Dictionary<string, long>()))
            .OrderByDescending(p => p.CreatedAt);
}
