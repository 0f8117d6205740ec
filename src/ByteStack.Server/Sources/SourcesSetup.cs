using System.Net;
using ByteStack.Server.Sources.Bluesky;
using ByteStack.Server.Sources.HackerNews;
using ByteStack.Server.Sources.Mastodon;
using ByteStack.Server.Sources.News;
using ByteStack.Server.Sources.Reddit;
using ByteStack.Server.Sources.Rss;
using ByteStack.Server.Sources.X;
using ByteStack.Server.Sources.YouTube;

namespace ByteStack.Server.Sources;

public static class SourcesSetup
{
    public static void AddSources(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.Section)
            .Validate(o => o.Timeout > TimeSpan.Zero, "ByteStack:Sources:Timeout must be positive.")
            .Validate(o => o.MaxRetries >= 0, "ByteStack:Sources:MaxRetries must not be negative.")
            .Validate(o => o.MaxResponseBytes is >= 1024 and <= int.MaxValue, $"ByteStack:Sources:MaxResponseBytes must be from 1024 to {int.MaxValue}.")
            .Validate(o => o.All().All(s => s.Options.BudgetRequests >= 1 && s.Options.BudgetWindow > TimeSpan.Zero),
                "ByteStack:Sources:<Source>:BudgetRequests must be at least 1 and BudgetWindow positive.")
            .Validate(o => o.All().All(s => s.Options.BaseUrl == "" || Uri.TryCreate(s.Options.BaseUrl, UriKind.Absolute, out _)),
                "ByteStack:Sources:<Source>:BaseUrl must be an absolute URL.")
            .Validate(o => o.AnalysisCap is >= 1 and <= SourcesOptions.MaxAnalysisCap,
                $"ByteStack:Sources:AnalysisCap must be a whole number from 1 to {SourcesOptions.MaxAnalysisCap:N0}.")
            .Validate(o => o.RateLimitMargin >= TimeSpan.Zero, "ByteStack:Sources:RateLimitMargin must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RateBudget>();
        builder.Services.AddSingleton<SourceHttp>();
        // Connectors live as long as the process (they cache tokens and sessions), so each owns
        // one HttpClient whose pooled connections are recycled to follow DNS changes.
        Add<XConnector>(builder);
        Add<RedditConnector>(builder);
        Add<HackerNewsConnector>(builder);
        Add<BlueskyConnector>(builder);
        Add<MastodonConnector>(builder);
        Add<YouTubeConnector>(builder);
        Add<NewsConnector>(builder);
        // Feed URLs come from users: only public addresses, however the name resolves or redirects.
        var allowPrivate = builder.Configuration.GetValue<bool>(Hosting.NetworkTargets.AllowPrivateSetting);
        builder.Services.AddSingleton<Connector>(sp => ActivatorUtilities.CreateInstance<RssConnector>(sp, NewHttpClient(MaxResponseBytes(sp), Hosting.NetworkTargets.Connect(allowPrivate))));
        builder.Services.AddSingleton<SourceRegistry>();
    }

    /// <param name="maxResponseBytes">The largest answer read (<c>ByteStack:Sources:MaxResponseBytes</c>).</param>
    public static HttpClient NewHttpClient(long maxResponseBytes, Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        MaxAutomaticRedirections = 5,
        ConnectCallback = connect,
    })
    {
        // Per-attempt timeouts come from the resilience pipeline.
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = maxResponseBytes,
    };

    public static long MaxResponseBytes(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SourcesOptions>>().Value.MaxResponseBytes;

    private static void Add<T>(WebApplicationBuilder builder) where T : Connector =>
        builder.Services.AddSingleton<Connector>(sp => ActivatorUtilities.CreateInstance<T>(sp, NewHttpClient(MaxResponseBytes(sp))));
}
