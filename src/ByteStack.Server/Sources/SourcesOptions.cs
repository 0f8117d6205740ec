namespace ByteStack.Server.Sources;

/// <summary>
/// <c>ByteStack:Sources</c>. Every connector's base URL and credentials are configuration
/// (<c>ByteStack__Sources__HackerNews__BaseUrl</c>, <c>ByteStack__Sources__X__BearerToken</c>, …),
/// so tests point them at local fixture servers.
/// </summary>
public sealed class SourcesOptions
{
    public const string Section = "ByteStack:Sources";

    /// <summary>Per attempt; a timed-out attempt is retried like a 5xx.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>First retry delay of transient failures (doubles each attempt).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public int MaxRetries { get; set; } = 2;

    /// <summary>A rate limit that resets sooner than this is waited out; a later one is reported as <c>rate_limited</c>.</summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Added to every reset a source announces, which vendors round down to the second.</summary>
    public TimeSpan RateLimitMargin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The analysis cap: how many matching posts each source fetches and analyses at most for
    /// one question. A result's <c>limit</c> only caps the records it returns.
    /// </summary>
    public int AnalysisCap { get; set; } = 10_000;

    public const int MaxAnalysisCap = 100_000;

    /// <summary>The longest a request waits for this node's budget of its source before it is reported <c>rate_limited</c>.</summary>
    public TimeSpan MaxBudgetWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Larger responses are refused (a feed URL may point at anything).</summary>
    public long MaxResponseBytes { get; set; } = 20 * 1024 * 1024;

    public string UserAgent { get; set; } = "ByteStack/1.0 (self-hosted social listening)";

    public SourceOptions X { get; set; } = new() { BaseUrl = "https://api.x.com", BudgetRequests = 450, BudgetWindow = TimeSpan.FromMinutes(15) };
    public SourceOptions Reddit { get; set; } = new() { BaseUrl = "https://oauth.reddit.com", TokenUrl = "https://www.reddit.com/api/v1/access_token", BudgetRequests = 100, BudgetWindow = TimeSpan.FromMinutes(1) };
    public SourceOptions HackerNews { get; set; } = new() { BaseUrl = "https://hn.algolia.com/api/v1", BudgetRequests = 10_000, BudgetWindow = TimeSpan.FromHours(1) };
    public SourceOptions Bluesky { get; set; } = new() { BaseUrl = "https://api.bsky.app", SessionUrl = "https://bsky.social", BudgetRequests = 3000, BudgetWindow = TimeSpan.FromMinutes(5) };
    public SourceOptions Mastodon { get; set; } = new() { BaseUrl = "https://mastodon.social", BudgetRequests = 300, BudgetWindow = TimeSpan.FromMinutes(5) };
    public SourceOptions YouTube { get; set; } = new() { BaseUrl = "https://www.googleapis.com/youtube/v3", BudgetRequests = 100, BudgetWindow = TimeSpan.FromDays(1) };
    public SourceOptions News { get; set; } = new() { BaseUrl = "https://news.google.com", BudgetRequests = 60, BudgetWindow = TimeSpan.FromHours(1) };
    public SourceOptions Rss { get; set; } = new() { BudgetRequests = 600, BudgetWindow = TimeSpan.FromHours(1) };

    /// <summary>Each source's settings with its name, for validation.</summary>
    public IEnumerable<(string Name, SourceOptions Options)> All() =>
        [(nameof(X), X), (nameof(Reddit), Reddit), (nameof(HackerNews), HackerNews), (nameof(Bluesky), Bluesky),
         (nameof(Mastodon), Mastodon), (nameof(YouTube), YouTube), (nameof(News), News), (nameof(Rss), Rss)];
}

/// <summary>One source's endpoint, credentials and request budget. Each connector reads the fields its API uses.</summary>
public sealed class SourceOptions
{
    public string BaseUrl { get; set; } = "";

    /// <summary>X: app-only bearer token.</summary>
    public string? BearerToken { get; set; }

    /// <summary>YouTube: API key.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The User-Agent of this source's requests (default: <see cref="SourcesOptions.UserAgent"/>; Reddit builds its own).</summary>
    public string? UserAgent { get; set; }

    /// <summary>Reddit: the account that owns the app, named in the User-Agent Reddit requires.</summary>
    public string? Username { get; set; }

    /// <summary>Reddit: OAuth app credentials and token endpoint.</summary>
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? TokenUrl { get; set; }

    /// <summary>Bluesky: account handle and app password, and the PDS that creates sessions.</summary>
    public string? Identifier { get; set; }
    public string? AppPassword { get; set; }
    public string? SessionUrl { get; set; }

    /// <summary>Mastodon: instance base URLs to search (default: <see cref="BaseUrl"/>) and an optional user token.</summary>
    public List<string> Instances { get; set; } = [];
    public string? AccessToken { get; set; }

    /// <summary>Requests this node may send per <see cref="BudgetWindow"/>, shared by every run.</summary>
    public int BudgetRequests { get; set; } = 60;
    public TimeSpan BudgetWindow { get; set; } = TimeSpan.FromMinutes(1);
}
