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
        builder.Services.AddSingleton<Connector>(sp => ActivatorUtilities.CreateInstance<RssConnector>(sp, NewHttpClient(Hosting.NetworkTargets.Connect(allowPrivate))));
        builder.Services.AddSingleton<SourceRegistry>();
    }

    public static HttpClient NewHttpClient(Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>>? connect = null) => new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.All,
        MaxAutomaticRedirections = 5,
        ConnectCallback = connect,
    })
    {
        // Per-attempt timeouts come from the resilience pipeline.
        Timeout = Timeout.InfiniteTimeSpan,
        MaxResponseContentBufferSize = new SourcesOptions().MaxResponseBytes,
    };

    private static void Add<T>(WebApplicationBuilder builder) where T : Connector =>
        builder.Services.AddSingleton<Connector>(sp => ActivatorUtilities.CreateInstance<T>(sp, NewHttpClient()));
}
