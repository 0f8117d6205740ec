namespace ByteStack.Server.Sources;

public sealed record SourceInfo(string Id, string Name, bool HasConnector, string? UnavailableReason = null);

/// <summary>
/// Every source a job or query may name. <c>rss:&lt;url&gt;</c> names one feed. Sources without
/// a connector are known (so they can be listed and explained) but refused in jobs.
/// </summary>
public static class SourceCatalog
{
    public const string RssPrefix = "rss:";

    /// <summary>As long as a webhook URL may be; stored and logged with every run of the job.</summary>
    public const int MaxFeedUrlLength = 2048;

    public static readonly IReadOnlyList<SourceInfo> All =
    [
        new("x", "X (Twitter)", true),
        new("reddit", "Reddit", true),
        new("hackernews", "Hacker News", true),
        new("bluesky", "Bluesky", true),
        new("mastodon", "Mastodon", true),
        new("youtube", "YouTube", true),
        new("news", "News (RSS search)", true),
        new("rss", "RSS/Atom feed (rss:<url>)", true),
        new("linkedin", "LinkedIn", false, "LinkedIn offers no public search API; no connector exists."),
        new("tiktok", "TikTok", false, "TikTok's research API is restricted to approved researchers; no connector exists."),
        new("instagram", "Instagram", false, "Instagram offers no public search API; no connector exists."),
        new("facebook", "Facebook", false, "Facebook offers no public post search API; no connector exists."),
    ];

    public static SourceInfo? Find(string id) => All.FirstOrDefault(s => s.Id == id);

    /// <summary>Null when <paramref name="source"/> can be used in a job, else why not and the error code.</summary>
    public static (string Code, string Message)? Check(string source)
    {
        if (source.StartsWith(RssPrefix, StringComparison.Ordinal))
        {
            if (source.Length > RssPrefix.Length + MaxFeedUrlLength)
                return ("invalid_sources", $"A feed URL must be at most {MaxFeedUrlLength} characters (this one has {source.Length - RssPrefix.Length}).");
            return Uri.TryCreate(source[RssPrefix.Length..], UriKind.Absolute, out var url) && (url.Scheme == "http" || url.Scheme == "https")
                ? null
                : ("unknown_source", $"'{source}' must be rss: followed by an http(s) feed URL.");
        }
        return Find(source) switch
        {
            null => ("unknown_source", $"'{source}' is not a source. Known sources: {string.Join(", ", All.Select(s => s.Id))}."),
            { Id: "rss" } => ("unknown_source", "Name a feed as rss:<url>, e.g. rss:https://example.com/feed.xml."),
            { HasConnector: false } s => ("source_unavailable", $"'{source}' cannot be queried: {s.UnavailableReason}"),
            _ => null,
        };
    }
}
