using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

using ByteStack.Server.Queries;

namespace ByteStack.Server.Sources.Reddit;

/// <summary>
/// Reddit search over OAuth (<c>oauth.reddit.com/search</c>, app-only token). Reddit has no
/// exact time filter (only <c>t=hour|day|week|…</c>), so results come newest first and the
/// window is enforced here, paging with <c>after</c> until posts are older than the window.
/// Reddit sometimes answers a rate limit with HTTP 200 and an error body, and blocks with an
/// HTML page: both are reported, never read as "no posts". Every request carries the
/// User-Agent Reddit's API rules require (<see cref="UserAgent"/>).
/// </summary>
public sealed class RedditConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private readonly SemaphoreSlim tokenGate = new(1, 1);
    private (string Token, DateTimeOffset Expires)? token;

    private SourceOptions Source => options.Value.Reddit;

    public override string Id => "reddit";

    public override (SourceReadiness, string) Readiness =>
        string.IsNullOrWhiteSpace(Source.ClientId) || string.IsNullOrWhiteSpace(Source.ClientSecret)
            ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:Reddit:ClientId and ClientSecret (an approved Reddit OAuth app).")
            : UserAgent is null
                ? (SourceReadiness.NeedsCredentials, "Set ByteStack:Sources:Reddit:Username (the Reddit account that owns the app) or UserAgent: Reddit requires a User-Agent naming the app and its owner.")
                : (SourceReadiness.Ready, "Reddit OAuth search; the time window is enforced client-side.");

    /// <summary>
    /// Reddit's API rules require "&lt;platform&gt;:&lt;app ID&gt;:&lt;version string&gt; (by /u/&lt;reddit username&gt;)"
    /// and throttle generic agents (https://github.com/reddit-archive/reddit/wiki/API#rules):
    /// <c>ByteStack:Sources:Reddit:UserAgent</c> as given, else built from the client id and username.
    /// </summary>
    public string? UserAgent =>
        !string.IsNullOrWhiteSpace(Source.UserAgent) ? Source.UserAgent
        : string.IsNullOrWhiteSpace(Source.Username) || string.IsNullOrWhiteSpace(Source.ClientId) ? null
        : $"server:bytestack.{Source.ClientId}:v{Version} (by /u/{Source.Username.Trim()})";

    private static readonly string Version = typeof(RedditConnector).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "1.0.0";

    public static string TimeBucket(TimeWindow window, DateTimeOffset now) => (now - window.From) switch
    {
        var age when age <= TimeSpan.FromHours(1) => "hour",
        var age when age <= TimeSpan.FromDays(1) => "day",
        var age when age <= TimeSpan.FromDays(7) => "week",
        var age when age <= TimeSpan.FromDays(31) => "month",
        var age when age <= TimeSpan.FromDays(366) => "year",
        _ => "all",
    };

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var q = string.Join(" OR ", query.Terms.Select(Quote)) + string.Concat(query.Exclusions.Select(e => $" NOT {Quote(e)}"));
        var t = TimeBucket(query.Window, Http.Clock.GetUtcNow());
        var posts = new List<SourcePost>();
        string? after = null;
        var olderThanWindow = false;
        do
        {
            var url = $"{Source.BaseUrl.TrimEnd('/')}/search?q={Uri.EscapeDataString(q)}&sort=new&t={t}&type=link&limit={Math.Clamp(query.MaxPosts - posts.Count, 1, 100)}&raw_json=1" +
                      (after is null ? "" : $"&after={after}");
            using var json = await GetListingAsync(url, ct);
            var data = json.RootElement.GetProperty("data");
            foreach (var child in data.GetProperty("children").EnumerateArray())
            {
                var post = ToPost(child.GetProperty("data"));
                if (post.CreatedAt < query.Window.From) olderThanWindow = true;
                else if (query.Window.Contains(post.CreatedAt) && !IsExcluded(post.Text, query.Exclusions)) posts.Add(post);
            }
            after = data.TryGetProperty("after", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        } while (after is not null && !olderThanWindow && posts.Count < query.MaxPosts);

        return new SourceFetch(query.Source, FetchStatus.Ok, posts, posts.Count, "client")
        {
            Capped = after is not null && !olderThanWindow,
        };
    }

    private async Task<JsonDocument> GetListingAsync(string url, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var bearer = await TokenAsync(ct);
            using var response = await Http.SendAsync(client, "Reddit", Source, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new("bearer", bearer);
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                return request;
            }, ResetAt, ct);

            // An expired token: get a fresh one once.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                token = null;
                continue;
            }
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.StatusCode == HttpStatusCode.Forbidden && body.Contains("whoa there", StringComparison.OrdinalIgnoreCase))
                throw new SourceUnavailableException("blocked", "Reddit blocked the request (\"whoa there, pardner!\"): this network or User-Agent is refused.");
            await SourceHttp.EnsureSuccessAsync(response, "Reddit", ct);

            var json = JsonDocument.Parse(body);
            if (json.RootElement.TryGetProperty("kind", out var kind) && kind.GetString() == "Listing") return json;
            // Reddit's soft rate limit: HTTP 200 with {"message": "Too Many Requests", "error": 429}.
            var error = json.RootElement.TryGetProperty("error", out var e) ? e.ToString() : "unknown";
            json.Dispose();
            if (error == "429") throw SourceHttp.RateLimited("Reddit", ResetAt(response, Http.Clock.GetUtcNow()));
            throw new SourceUnavailableException("invalid_response", $"Reddit answered an error instead of a listing (error {error}).");
        }
    }

    private static DateTimeOffset? ResetAt(HttpResponseMessage response, DateTimeOffset now) =>
        RateLimitHeaders.SecondsFromNow(response.Headers, "x-ratelimit-reset", now);

    /// <summary>App-only OAuth token, cached until shortly before it expires.</summary>
    private async Task<string> TokenAsync(CancellationToken ct)
    {
        await tokenGate.WaitAsync(ct);
        try
        {
            var now = Http.Clock.GetUtcNow();
            if (token is { } cached && cached.Expires > now) return cached.Token;

            using var response = await Http.SendAsync(client, "Reddit", Source, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, Source.TokenUrl)
                {
                    Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Source.ClientId}:{Source.ClientSecret}"))) },
                    Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
                };
                request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
                return request;
            }, ResetAt, ct);
            await SourceHttp.EnsureSuccessAsync(response, "Reddit", ct);
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
            if (!json.RootElement.TryGetProperty("access_token", out var access))
                throw new SourceUnavailableException("needs_credentials", "Reddit did not issue an access token for these app credentials.");
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var e) ? e.GetInt32() : 3600;
            token = (access.GetString()!, now.AddSeconds(Math.Max(60, lifetime - 60)));
            return token.Value.Token;
        }
        finally
        {
            tokenGate.Release();
        }
    }

    private static SourcePost ToPost(JsonElement data)
    {
        var title = Html.Clean(data.GetProperty("title").GetString());
        var body = Html.Clean(data.TryGetProperty("selftext", out var s) ? s.GetString() : null);
        long Num(string name) => data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (long)v.GetDouble() : 0;
        var author = data.GetProperty("author").GetString() ?? "";
        return new SourcePost(
            data.GetProperty("name").GetString()!, author,
            body.Length == 0 ? title : $"{title}\n{body}",
            "https://www.reddit.com" + data.GetProperty("permalink").GetString(),
            DateTimeOffset.FromUnixTimeMilliseconds((long)(data.GetProperty("created_utc").GetDouble() * 1000)),
            new Dictionary<string, long> { ["score"] = Num("score"), ["comments"] = Num("num_comments") })
        {
            AuthorId = AuthorIdentity.Reddit(author),
            // A crosspost carries the original's fullname in crosspost_parent: the same post again, in another subreddit.
            IsRepost = data.TryGetProperty("crosspost_parent", out var parent) && parent.ValueKind == JsonValueKind.String,
        };
    }
}
