using ByteStack.Server.Queries;
using ByteStack.Server.Sources;
using ByteStack.Server.Sources.Bluesky;
using ByteStack.Server.Sources.HackerNews;
using ByteStack.Server.Sources.Mastodon;
using ByteStack.Server.Sources.News;
using ByteStack.Server.Sources.Reddit;
using ByteStack.Server.Sources.Rss;
using ByteStack.Server.Sources.X;
using ByteStack.Server.Sources.YouTube;
using Microsoft.Extensions.Configuration;

namespace ByteStack.IntegrationTests.Fixtures;

/// <summary>The fixture server for a test class, and connectors configured against it exactly as the host configures them.</summary>
public sealed class SourceFixtures : IAsyncLifetime
{
    public SourceFixtureServer Server { get; private set; } = null!;

    public static readonly TimeWindow Today = new(SourceFixtureServer.Today, SourceFixtureServer.Now, "today");

    public async Task InitializeAsync() => Server = await SourceFixtureServer.StartAsync();

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();

    /// <summary>Options bound from the same arguments the host gets, and the shared HTTP layer over them.</summary>
    public (Microsoft.Extensions.Options.IOptions<SourcesOptions> Options, SourceHttp Http) Http(params string[] extraArgs)
    {
        var options = new SourcesOptions();
        new ConfigurationBuilder().AddCommandLine(Server.ConnectorArgs().Concat(extraArgs).ToArray()).Build().GetSection(SourcesOptions.Section).Bind(options);
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        return (wrapped, new SourceHttp(new RateBudget(wrapped), wrapped, new ManualClock(SourceFixtureServer.Now)));
    }

    public Connector Connector(string source, params string[] extraArgs)
    {
        var (wrapped, http) = Http(extraArgs);
        var client = SourcesSetup.NewHttpClient(new SourcesOptions().MaxResponseBytes);
        return source switch
        {
            "x" => new XConnector(client, http, wrapped),
            "reddit" => new RedditConnector(client, http, wrapped),
            "hackernews" => new HackerNewsConnector(client, http, wrapped),
            "bluesky" => new BlueskyConnector(client, http, wrapped),
            "mastodon" => new MastodonConnector(client, http, wrapped),
            "youtube" => new YouTubeConnector(client, http, wrapped),
            "news" => new NewsConnector(client, http, wrapped),
            _ => new RssConnector(client, http, wrapped),
        };
    }

    public Task<SourceFetch> FetchAsync(string source, string term, int limit = 100, IReadOnlyList<string>? exclusions = null) =>
        Connector(source).FetchAsync(new SourceQuery(source, [term], exclusions ?? [], Today, limit), CancellationToken.None);

    public string Feed(string name) => $"rss:{Server.Address}feeds/{name}";
}
