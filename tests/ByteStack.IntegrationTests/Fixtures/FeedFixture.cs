using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    /// <summary>Google News search: two Acme items today (publishers Example Times and Daily Bugle), one last week.</summary>
    public const string NewsRss = """
        <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel>
          <title>"Acme" - Google News</title><link>https://news.google.com/search?q=Acme</link><language>en-US</language>
          <item><title>Acme raises Series B - Example Times</title><link>https://news.google.com/rss/articles/CBMiA?oc=5</link>
            <guid isPermaLink="false">CBMiA</guid><pubDate>Thu, 30 Apr 2026 06:15:00 GMT</pubDate>
            <description>&lt;a href="https://news.google.com/rss/articles/CBMiA"&gt;Acme raises Series B&lt;/a&gt;&amp;nbsp;&lt;font color="#6f6f6f"&gt;Example Times&lt;/font&gt;</description>
            <source url="https://www.exampletimes.com">Example Times</source></item>
          <item><title>Acme outage frustrates customers - Daily Bugle</title><link>https://news.google.com/rss/articles/CBMiB?oc=5</link>
            <guid isPermaLink="false">CBMiB</guid><pubDate>Thu, 30 Apr 2026 03:00:00 GMT</pubDate>
            <description>Acme outage</description><source url="https://bugle.example">Daily Bugle</source></item>
          <item><title>Acme founded - Old Gazette</title><link>https://news.google.com/rss/articles/CBMiC?oc=5</link>
            <guid isPermaLink="false">CBMiC</guid><pubDate>Thu, 23 Apr 2026 09:00:00 GMT</pubDate>
            <description>History</description><source url="https://gazette.example">Old Gazette</source></item>
        </channel></rss>
        """;

    /// <summary>An Atom feed: two entries about Acme today (one with a +01:00 offset), one about something else, one undated.</summary>
    public const string AtomFeed = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
          <title>Example engineering blog</title><author><name>Example Eng</name></author>
          <entry><id>tag:example.com,2026:1</id><title>Why we picked Acme</title><updated>2026-04-30T06:00:00Z</updated>
            <published>2026-04-30T06:00:00Z</published><link rel="alternate" href="https://example.com/acme"/><summary>Acme made our deploys great.</summary>
            <author><name>Rita</name></author></entry>
          <entry><id>tag:example.com,2026:2</id><title>Migrating off Acme</title><published>2026-04-30T04:30:00+01:00</published>
            <link href="https://example.com/off-acme"/><summary>It was a painful migration.</summary></entry>
          <entry><id>tag:example.com,2026:3</id><title>Kubernetes notes</title><published>2026-04-30T05:00:00Z</published>
            <link href="https://example.com/k8s"/><summary>Nothing about it.</summary></entry>
          <entry><id>tag:example.com,2026:4</id><title>Acme undated</title><link href="https://example.com/undated"/></entry>
        </feed>
        """;

    /// <summary>RSS 2.0 with dc:creator and the irregular dates real feeds carry.</summary>
    public const string Rss2Feed = """
        <?xml version="1.0"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Acme watchers</title><language>en-us</language>
          <item><title>Acme tips</title><link>https://feed.example/1</link><guid>f1</guid><pubDate>30 Apr 2026 07:00 CET</pubDate><dc:creator>ann</dc:creator><description>&lt;p&gt;Acme tricks&lt;/p&gt;</description></item>
          <item><title>Acme weekly</title><link>https://feed.example/2</link><guid>f2</guid><pubDate>Thu, 30 Apr 2026 02:00:00 +0000</pubDate><author>bo@feed.example</author></item>
          <item><title>Acmeville town council meets</title><link>https://feed.example/4</link><guid>f4</guid><pubDate>Thu, 30 Apr 2026 03:00:00 GMT</pubDate><description>Roads and parks.</description></item>
          <item><title>Acme last month</title><link>https://feed.example/3</link><guid>f3</guid><pubDate>Mon, 30 Mar 2026 02:00:00 GMT</pubDate></item>
        </channel></rss>
        """;

    /// <summary>Answers to the conditional feed: 200 with validators, then 304 while they match.</summary>
    public int FeedsNotModified => calls.TryGetValue("feed-304", out var n) ? n : 0;

    private const string FeedETag = "\"rss2-v1\"";

    private void MapFeeds(WebApplication app)
    {
        // Conditional GET as RFC 9110 §13.1 describes it: If-None-Match wins over If-Modified-Since.
        app.MapGet("/feeds/conditional.xml", (HttpRequest r, HttpResponse response) =>
        {
            response.Headers.ETag = FeedETag;
            response.Headers.LastModified = "Thu, 30 Apr 2026 07:00:00 GMT";
            if (r.Headers.IfNoneMatch == FeedETag)
            {
                calls.AddOrUpdate("feed-304", 1, (_, n) => n + 1);
                return Results.StatusCode(304);
            }
            return Results.Content(Rss2Feed, "application/rss+xml", Encoding.UTF8);
        });
        app.MapGet("/gnews/rss/search", (HttpRequest r) =>
        {
            var q = r.Query["q"].ToString();
            if (string.IsNullOrEmpty(q) || !q.Contains("after:") || !q.Contains("before:") || string.IsNullOrEmpty(r.Query["hl"]) || string.IsNullOrEmpty(r.Query["ceid"]))
                return Fail("news search needs q with after:/before:, hl and ceid");
            return q.Split(' ')[0].ToLowerInvariant() switch
            {
                "boom" => Results.Text("Service Unavailable", statusCode: 503),
                // Google's answer to traffic it finds automated: an HTML page, not a feed.
                "blocked" => Results.Content(
                    "<html><head><title>Sorry...</title></head><body><div>We're sorry...</div><div>... but your computer or network may be sending automated queries. To protect our users, we can't process your request right now.</div></body></html>",
                    "text/html", Encoding.UTF8, 403),
                "nothing" => Results.Content("<rss version=\"2.0\"><channel><title>none</title></channel></rss>", "application/rss+xml", Encoding.UTF8),
                _ => Results.Content(NewsRss, "application/rss+xml", Encoding.UTF8),
            };
        });
        app.MapGet("/feeds/atom.xml", () => Results.Content(AtomFeed, "application/atom+xml", Encoding.UTF8));
        app.MapGet("/feeds/rss2.xml", () => Results.Content(Rss2Feed, "application/rss+xml", Encoding.UTF8));
        app.MapGet("/feeds/broken.xml", () => Results.Content("<html><body>Not a feed", "text/html", Encoding.UTF8));
    }
}
