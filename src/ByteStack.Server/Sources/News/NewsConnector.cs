using Microsoft.Extensions.Options;
using ByteStack.Server.Sources.Rss;

namespace ByteStack.Server.Sources.News;

/// <summary>
/// News through the Google News RSS search feed (<c>/rss/search?q=…</c>, no key). The window
/// goes into the query as <c>after:</c>/<c>before:</c> dates and is then enforced to the second
/// here; the publisher (<c>&lt;source&gt;</c>) stands in for the author. At most ~100 items a feed.
/// </summary>
public sealed class NewsConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private readonly FeedCache cache = new();

    public override string Id => "news";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready, "Google News RSS search, no key needed.");

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var q = string.Join(" OR ", query.Terms.Select(Quote)) + string.Concat(query.Exclusions.Select(e => $" -{Quote(e)}"))
                + $" after:{query.Window.From.AddDays(-1):yyyy-MM-dd} before:{query.Window.To.AddDays(1):yyyy-MM-dd}";
        var url = $"{options.Value.News.BaseUrl.TrimEnd('/')}/rss/search?q={Uri.EscapeDataString(q)}&hl=en-US&gl=US&ceid=US:en";
        // Google blocks networks it finds automated with an HTML "unusual traffic" page (HTTP 403):
        // that is a block, not a credential problem (https://support.google.com/websearch/answer/86640).
        var items = await RssConnector.ReadFeedAsync(client, Http, cache, "Google News", options.Value.News, url, ct,
            blockedReason: "Google detected unusual traffic from this network; it lifts such blocks after a while.");
        var posts = RssConnector.Matching(items, query, requireTerm: false).ToList();
        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "client");
    }
}
