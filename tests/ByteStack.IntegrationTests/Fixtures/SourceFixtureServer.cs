using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ByteStack.IntegrationTests.Fixtures;

/// <summary>
/// Local stand-ins for every source API, on loopback. Each reproduces its API's paths, auth,
/// paging, response and error formats and rate-limit headers. The search term picks the
/// scenario, so every test owns its own:
/// <c>acme</c> data with paging · <c>nothing</c> the empty shape · <c>authfail</c> 401/403 ·
/// <c>ratelimited</c> 429 resetting in an hour · <c>ratelimitedsoon</c> 429 once, resetting now ·
/// <c>soft</c> the API's own soft failure · <c>boom</c> 500 · <c>flaky</c> 503 once, then data.
/// A request missing what the real API requires is answered 400 "fixture: …", failing the test.
/// </summary>
public sealed partial class SourceFixtureServer : IAsyncDisposable
{
    /// <summary>The fixed "now" the data is laid out around (the test servers' clock).</summary>
    public static DateTimeOffset Now => RunningServer.DefaultNow;
    public static DateTimeOffset Today => new(2026, 4, 30, 0, 0, 0, TimeSpan.Zero);

    public const string XToken = "x-test-bearer";
    public const string RedditClientId = "reddit-id";
    public const string RedditSecret = "reddit-secret";
    public const string BlueskyHandle = "bytestack.test";
    public const string BlueskyPassword = "abcd-efgh-ijkl-mnop";
    public const string YouTubeKey = "yt-test-key";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> calls = new();

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri Address { get; private set; } = null!;

    public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers);

    private SourceFixtureServer(WebApplication app) => this.app = app;

    public static async Task<SourceFixtureServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SourceFixtureServer(app);
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            if (string.IsNullOrEmpty(context.Request.Headers.UserAgent))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("fixture: every request must carry a User-Agent");
                return;
            }
            await next();
        });
        server.MapHackerNews(app);
        server.MapX(app);
        server.MapReddit(app);
        server.MapBluesky(app);
        server.MapMastodon(app);
        server.MapYouTube(app);
        server.MapFeeds(app);
        server.MapLlm(app);
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    /// <summary>Host arguments pointing every connector at this server, with fast retries.</summary>
    public IEnumerable<string> ConnectorArgs()
    {
        var b = Address.ToString().TrimEnd('/');
        return
        [
            $"--ByteStack:Sources:HackerNews:BaseUrl={b}/hn/api/v1",
            $"--ByteStack:Sources:X:BaseUrl={b}/x", $"--ByteStack:Sources:X:BearerToken={XToken}",
            $"--ByteStack:Sources:Reddit:BaseUrl={b}/reddit/oauth", $"--ByteStack:Sources:Reddit:TokenUrl={b}/reddit/api/v1/access_token",
            $"--ByteStack:Sources:Reddit:ClientId={RedditClientId}", $"--ByteStack:Sources:Reddit:ClientSecret={RedditSecret}",
            $"--ByteStack:Sources:Reddit:Username={RedditUsername}",
            $"--ByteStack:Sources:Bluesky:BaseUrl={b}/bsky", $"--ByteStack:Sources:Bluesky:SessionUrl={b}/bsky-pds",
            $"--ByteStack:Sources:Bluesky:Identifier={BlueskyHandle}", $"--ByteStack:Sources:Bluesky:AppPassword={BlueskyPassword}",
            $"--ByteStack:Sources:Mastodon:BaseUrl={b}/mastodon",
            $"--ByteStack:Sources:YouTube:BaseUrl={b}/youtube/v3", $"--ByteStack:Sources:YouTube:ApiKey={YouTubeKey}",
            $"--ByteStack:Sources:News:BaseUrl={b}/gnews",
            "--ByteStack:Sources:RetryDelay=00:00:00.010", "--ByteStack:Sources:MaxRateLimitWait=00:00:05",
            // The fixture feeds live on loopback, which feed URLs may not reach outside tests.
            "--ByteStack:Security:AllowPrivateNetworkTargets=true",
        ];
    }

    /// <summary>First call for <paramref name="key"/> returns true, later ones false (for once-only failures).</summary>
    private bool First(string key) => calls.AddOrUpdate(key, 1, (_, n) => n + 1) == 1;

    private static IResult Json(object body, int status = 200, IDictionary<string, string>? headers = null, string contentType = "application/json") =>
        new JsonResult(JsonSerializer.Serialize(body), status, headers, contentType);

    private static IResult Fail(string why) => Results.Text("fixture: " + why, statusCode: 400);

    private static long Epoch(DateTimeOffset t) => t.ToUnixTimeSeconds();

    private sealed class JsonResult(string body, int status, IDictionary<string, string>? headers, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
            return context.Response.WriteAsync(body, Encoding.UTF8);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
