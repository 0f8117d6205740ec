using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace ByteStack.Server.Sources.Rss;

/// <summary>
/// Conditional GET for feeds: the last answer of each feed URL is kept with its <c>ETag</c> and
/// <c>Last-Modified</c>, sent back as <c>If-None-Match</c> / <c>If-Modified-Since</c>, and a
/// <c>304 Not Modified</c> reuses the kept body (RFC 9110 §13.1, and the RSS Advisory Board's
/// best practices, https://www.rssboard.org/rss-profile#conditional-get). Feeds that poll often
/// then cost the publisher a few bytes. Held in memory per node, at most <see cref="MaxFeeds"/> feeds.
/// </summary>
public sealed class FeedCache
{
    public const int MaxFeeds = 1000;

    private sealed record Entry(string? ETag, DateTimeOffset? LastModified, string Body);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Adds the validators of the kept answer of <paramref name="url"/>, if any.</summary>
    public void AddValidators(string url, HttpRequestMessage request)
    {
        if (!entries.TryGetValue(url, out var entry)) return;
        if (entry.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
        if (entry.LastModified is { } modified) request.Headers.IfModifiedSince = modified;
    }

    /// <summary>The body to read: the kept one on 304, else the new one (kept when it carries validators).</summary>
    public async Task<string?> BodyAsync(string url, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.NotModified)
            return entries.TryGetValue(url, out var kept) ? kept.Body : null;
        if (!response.IsSuccessStatusCode) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        var etag = response.Headers.ETag?.ToString();
        var modified = response.Content.Headers.LastModified;
        if (etag is null && modified is null)
        {
            entries.TryRemove(url, out _);
            return body;
        }
        // A full cache drops an arbitrary feed: it only costs that feed one full download.
        if (entries.Count >= MaxFeeds && !entries.ContainsKey(url) && entries.Keys.FirstOrDefault() is { } evict) entries.TryRemove(evict, out _);
        entries[url] = new Entry(etag, modified, body);
        return body;
    }
}
