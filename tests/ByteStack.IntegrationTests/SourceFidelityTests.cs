using System.Net.Http.Json;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Sources;
using ByteStack.Server.Sources.Reddit;

namespace ByteStack.IntegrationTests;

/// <summary>
/// What the real APIs do that is easy to get wrong: each fixture reproduces the documented
/// behaviour, the failing case included, and each test asserts the exact answer.
/// </summary>
public sealed class SourceFidelityTests(SourceFixtures fixtures) : IClassFixture<SourceFixtures>
{
    private static SourceQuery Query(string source, params string[] terms) => new(source, terms, [], SourceFixtures.Today, 10_000);

    private Task<SourceFetch> FetchAsync(SourceQuery query, params string[] args) =>
        fixtures.Connector(query.Source.StartsWith("rss:", StringComparison.Ordinal) ? "rss" : query.Source, args).FetchAsync(query, CancellationToken.None);

    private List<SourceFixtureServer.RecordedRequest> Requests(string path, string queryContains) =>
        fixtures.Server.Requests.Where(r => r.Path == path && Uri.UnescapeDataString(r.Query).Contains(queryContains, StringComparison.Ordinal)).ToList();

    // --- Bluesky ---------------------------------------------------------------------------

    [Fact]
    public async Task Bluesky_SearchesEachTermAlone_WhenAQuestionHasSeveral()
    {
        var fetch = await FetchAsync(Query("bluesky", "Globex", "Hooli"));

        // Globex is in all four posts, Hooli in two of them: four posts, each once.
        Assert.Equal(["3lglobex0005", "3lglobex0004", "3lglobex0003", "3lglobex0002"], fetch.Posts.Select(p => p.Id[(p.Id.LastIndexOf('/') + 1)..]));
        Assert.Equal(4, fetch.TotalResults);
        var searches = fixtures.Server.Requests.Where(r => r.Path == "/bsky/xrpc/app.bsky.feed.searchPosts").Select(r => Uri.UnescapeDataString(r.Query)).ToList();
        Assert.Contains(searches, q => q.Contains("q=Hooli&"));
        Assert.DoesNotContain(searches, q => q.Contains(" OR "));
    }

    [Fact]
    public async Task BlueskyFixture_FindsNothing_WhenOrIsSentAsAWord()
    {
        // Bluesky has no OR operator: sent as a word, "OR" is one more word every post must contain.
        using var http = new HttpClient();
        http.DefaultRequestHeaders.UserAgent.ParseAdd("test/1.0");
        http.DefaultRequestHeaders.Authorization = new("Bearer", "jwt-1");
        var url = $"{fixtures.Server.Address}bsky/xrpc/app.bsky.feed.searchPosts?q={Uri.EscapeDataString("Globex OR Hooli")}&since=2026-04-30T00:00:00Z&until=2026-04-30T08:00:00Z&limit=100";

        var answer = await http.GetFromJsonAsync<JsonElement>(url);

        Assert.Equal(0, answer.GetProperty("hitsTotal").GetInt32());
    }

    [Fact]
    public async Task Bluesky_IdentifiesAuthorsByDid_WhenTheirHandlesAreInvalid()
    {
        var fetch = await FetchAsync(Query("bluesky", "Globex"));

        var ghosts = fetch.Posts.Where(p => p.Author == "handle.invalid").ToList();
        Assert.Equal(["did:plc:ghostone", "did:plc:ghosttwo"], ghosts.Select(p => p.AuthorId));
        Assert.Equal("https://bsky.app/profile/did:plc:ghostone/post/3lglobex0005", ghosts[0].Url);
        Assert.Equal("https://bsky.app/profile/ola.bsky.social/post/3lglobex0002", fetch.Posts.Single(p => p.Author == "ola.bsky.social").Url);
        Assert.Equal(4, fetch.Posts.Select(p => p.AuthorId).Distinct().Count());
    }

    [Theory]
    [InlineData("de", new[] { "3lglobex0003" })]
    [InlineData("en", new[] { "3lglobex0005", "3lglobex0004", "3lglobex0002" })]
    public async Task Bluesky_AsksForTheLanguage_WhenTheQuestionNamesOne(string language, string[] rkeys)
    {
        var fetch = await FetchAsync(Query("bluesky", "Globex") with { Language = language });

        Assert.Equal(rkeys, fetch.Posts.Select(p => p.Id[(p.Id.LastIndexOf('/') + 1)..]));
        Assert.NotEmpty(Requests("/bsky/xrpc/app.bsky.feed.searchPosts", $"&lang={language}"));
    }

    // --- Rate limits -----------------------------------------------------------------------

    [Theory]
    [InlineData("margin0", "00:00:00", FetchStatus.Unavailable)]
    [InlineData("margin2", "00:00:02.500", FetchStatus.Ok)]
    public async Task RateLimit_IsWaitedOut_OnlyWithAMarginOverAFlooredReset(string run, string margin, FetchStatus status)
    {
        // The announced reset is "now" while the window ends 2 s later (a floored reset from a server
        // whose clock trails ours); 2 s is long enough that six immediate tries land inside it even on a busy machine.
        var fetch = await FetchAsync(new SourceQuery("bluesky", ["ratelimitfloor"], [run], SourceFixtures.Today, 100),
            $"--ByteStack:Sources:RateLimitMargin={margin}");

        Assert.Equal(status, fetch.Status);
        if (status == FetchStatus.Ok) Assert.Equal(3, fetch.Posts.Count);
        else Assert.Equal("rate_limited", fetch.Code);
    }

    [Fact]
    public async Task RateLimit_IsRetriedSeveralTimes_WhileTheWaitsFitInMaxRateLimitWait()
    {
        var fetch = await FetchAsync(Query("bluesky", "ratelimitedtwice"), "--ByteStack:Sources:RateLimitMargin=00:00:00.050");

        Assert.Equal(FetchStatus.Ok, fetch.Status);
        Assert.Equal(3, fetch.TotalResults);
        Assert.Equal(4, Requests("/bsky/xrpc/app.bsky.feed.searchPosts", "q=ratelimitedtwice").Count); // 429, 429, page 1, page 2
    }

    // --- Reddit ----------------------------------------------------------------------------

    [Fact]
    public async Task Reddit_SendsTheUserAgentRedditRequires_BuiltFromItsSettings()
    {
        var before = fixtures.Server.Requests.Count;

        var fetch = await FetchAsync(Query("reddit", "nothing"));

        var version = typeof(RedditConnector).Assembly.GetName().Version!;
        var agent = $"server:bytestack.{SourceFixtureServer.RedditClientId}:v{version.Major}.{version.Minor}.{version.Build} (by /u/{SourceFixtureServer.RedditUsername})";
        Assert.Equal(FetchStatus.Empty, fetch.Status);
        Assert.All(fixtures.Server.Requests.Skip(before).Where(r => r.Path.StartsWith("/reddit/", StringComparison.Ordinal)), r => Assert.Equal(agent, r.Headers["User-Agent"]));
        // Other sources keep the service's own agent.
        await fixtures.FetchAsync("hackernews", "nothing");
        Assert.StartsWith("ByteStack/", fixtures.Server.Requests.Last(r => r.Path.StartsWith("/hn/", StringComparison.Ordinal)).Headers["User-Agent"]);
    }

    [Fact]
    public async Task Reddit_UsesTheConfiguredUserAgent_WhenOneIsSet()
    {
        const string agent = "linux:com.example.watcher:v2.1.0 (by /u/example_owner)";

        var fetch = await FetchAsync(Query("reddit", "Acme"), $"--ByteStack:Sources:Reddit:UserAgent={agent}");

        Assert.Equal(FetchStatus.Ok, fetch.Status);
        Assert.Contains(fixtures.Server.Requests, r => r.Path == "/reddit/oauth/search" && r.Headers["User-Agent"] == agent);
    }

    [Fact]
    public async Task Reddit_NeedsCredentials_WhenNoUsernameOrUserAgentIsSet()
    {
        var connector = fixtures.Connector("reddit", "--ByteStack:Sources:Reddit:Username=");

        var fetch = await connector.FetchAsync(Query("reddit", "Acme"), CancellationToken.None);

        Assert.Equal(SourceReadiness.NeedsCredentials, connector.Readiness.Readiness);
        Assert.Equal("needs_credentials", fetch.Code);
        Assert.Contains("Reddit:Username", fetch.Reason);
    }

    [Theory]
    [InlineData(false, new[] { "t3_g1", "t3_g2", "t3_g3" })]
    [InlineData(true, new[] { "t3_g1", "t3_g2", "t3_g3", "t3_g4" })]
    public async Task Reddit_DecodesText_CountsNoDeletedUser_AndSkipsCrossposts(bool includeReposts, string[] ids)
    {
        var fetch = await FetchAsync(Query("reddit", "Globex") with { IncludeReposts = includeReposts });

        Assert.Equal(ids, fetch.Posts.Select(p => p.Id));
        Assert.Equal("Globex & Acme merger?\nSources say <soon>", fetch.Posts[0].Text);
        Assert.Equal(["", "", "pat"], fetch.Posts.Take(3).Select(p => p.AuthorId));
        Assert.Equal("[deleted]", fetch.Posts[0].Author);
    }

    [Theory]
    [InlineData(10_000, 250, false, 3)]
    [InlineData(120, 120, true, 2)]
    public async Task Reddit_FetchesEveryMatchUpToTheCap_NotJustOnePage(int cap, int posts, bool capped, int pages)
    {
        var before = Requests("/reddit/oauth/search", "q=Initech").Count;

        var fetch = await FetchAsync(new SourceQuery("reddit", ["Initech"], [], SourceFixtures.Today, cap));

        Assert.Equal(posts, fetch.Posts.Count);
        Assert.Equal(posts, fetch.TotalResults);
        Assert.Equal(capped, fetch.Capped);
        Assert.Equal(pages, Requests("/reddit/oauth/search", "q=Initech").Count - before);
    }

    // --- Mastodon --------------------------------------------------------------------------

    [Fact]
    public async Task Mastodon_PagesFullTextSearch_UntilPostsAreOlderThanTheWindow()
    {
        var fetch = await FetchAsync(Query("mastodon", "Globex"), $"--ByteStack:Sources:Mastodon:AccessToken={SourceFixtureServer.MastodonToken}");

        Assert.Equal(45, fetch.Posts.Count);
        var searches = Requests("/mastodon/api/v2/search", "q=Globex");
        Assert.Equal(["offset=0", "offset=40"], searches.Select(r => r.Query[(r.Query.IndexOf("offset=", StringComparison.Ordinal))..]));
    }

    [Fact]
    public async Task Mastodon_ReportsARefusedToken_InsteadOfFindingNothing()
    {
        var fetch = await FetchAsync(Query("mastodon", "Globex"), "--ByteStack:Sources:Mastodon:AccessToken=mistyped-token");

        Assert.Equal(FetchStatus.Unavailable, fetch.Status);
        Assert.Equal("needs_credentials", fetch.Code);
        Assert.Contains("verify_credentials answered HTTP 401", fetch.Reason);
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(true, 3)]
    public async Task Mastodon_CountsOnePersonAcrossInstances_AndSkipsBoosts(bool includeReposts, int posts)
    {
        var b = fixtures.Server.Address.ToString().TrimEnd('/');

        var fetch = await FetchAsync(Query("mastodon", "#fediverse") with { IncludeReposts = includeReposts },
            $"--ByteStack:Sources:Mastodon:Instances:0={b}/mastodon", $"--ByteStack:Sources:Mastodon:Instances:1={b}/mastodon-far");

        Assert.Equal(posts, fetch.Posts.Count);
        var erin = fetch.Posts.Where(p => p.Text.Contains("day")).ToList();
        Assert.Equal(2, erin.Count);
        Assert.All(erin, p => Assert.Equal("erin@fosstodon.example", p.Author));
        Assert.All(erin, p => Assert.Equal("https://fosstodon.example/@erin", p.AuthorId));
    }

    [Theory]
    [InlineData("dana", 2)]
    [InlineData("@bob", 2)]
    [InlineData("nobody", 3)]
    public async Task Mastodon_LeavesOutExcludedAuthors(string excluded, int posts)
    {
        var fetch = await FetchAsync(Query("mastodon", "Acme") with { ExcludedAuthors = [excluded] });

        Assert.Equal(posts, fetch.Posts.Count);
    }

    // --- YouTube ---------------------------------------------------------------------------

    [Fact]
    public async Task YouTube_CountsAVideoRepeatedAcrossPagesOnce_AndChannelsById()
    {
        var fetch = await FetchAsync(Query("youtube", "Acme"));

        Assert.Equal(["Nrh4EBuavXk", "Abc123defGh", "Zyx987wvuTs"], fetch.Posts.Select(p => p.Id));
        Assert.Equal(["UC8RlOn3fIpMlzpmAT41UtAg", "UCtechdaily00000000000aa", "UCanotherchannel0000000b"], fetch.Posts.Select(p => p.AuthorId));
        Assert.Equal(["Some Channel", "Tech Daily", "Some Channel"], fetch.Posts.Select(p => p.Author));
        var lookups = fixtures.Server.Requests.Where(r => r.Path == "/youtube/v3/videos").TakeLast(2).ToList();
        Assert.Contains("id=Zyx987wvuTs&", Uri.UnescapeDataString(lookups[1].Query));
        Assert.Equal(202, fetch.QuotaUnits);
        Assert.Equal("This question used 202 YouTube quota units (2 search pages at 100, 2 statistics lookups at 1); the default daily quota is 10,000.", fetch.Note);
    }

    [Fact]
    public async Task YouTube_FiltersOnTheVideosLanguage_WhereItIsDeclared()
    {
        var fetch = await FetchAsync(Query("youtube", "Acme") with { Language = "en" });

        // Abc123defGh declares no language and is kept; Zyx987wvuTs is German.
        Assert.Equal(["Nrh4EBuavXk", "Abc123defGh"], fetch.Posts.Select(p => p.Id));
        Assert.NotEmpty(Requests("/youtube/v3/search", "relevanceLanguage=en"));
    }

    // --- RSS and news ----------------------------------------------------------------------

    [Theory]
    [InlineData("Acme", new[] { "f1", "f2" })]
    [InlineData("Acmeville", new[] { "f4" })]
    [InlineData("town council", new[] { "f4" })]
    [InlineData("Acme weekly", new[] { "f2" })]
    public async Task Rss_MatchesWholeWordsAndPhrases_NotSubstrings(string term, string[] ids)
    {
        var fetch = await FetchAsync(new SourceQuery(fixtures.Feed("rss2.xml"), [term], [], SourceFixtures.Today, 100));

        Assert.Equal(ids, fetch.Posts.Select(p => p.Id));
    }

    [Fact]
    public async Task Rss_RevalidatesWithConditionalGet_AndReusesTheFeedOnNotModified()
    {
        var connector = fixtures.Connector("rss");
        var query = new SourceQuery(fixtures.Feed("conditional.xml"), ["Acme"], [], SourceFixtures.Today, 100);

        var first = await connector.FetchAsync(query, CancellationToken.None);
        var notModifiedBefore = fixtures.Server.FeedsNotModified;
        var second = await connector.FetchAsync(query, CancellationToken.None);

        Assert.Equal(["f1", "f2"], first.Posts.Select(p => p.Id));
        Assert.Equal(first.Posts.Select(p => p.Id), second.Posts.Select(p => p.Id));
        Assert.Equal(notModifiedBefore + 1, fixtures.Server.FeedsNotModified);
        var revalidation = fixtures.Server.Requests.Last(r => r.Path == "/feeds/conditional.xml");
        Assert.Equal("\"rss2-v1\"", revalidation.Headers["If-None-Match"]);
        Assert.Equal("Thu, 30 Apr 2026 07:00:00 GMT", revalidation.Headers["If-Modified-Since"]);
    }

    [Theory]
    [InlineData("en", FetchStatus.Ok)]
    [InlineData("de", FetchStatus.Empty)]
    public async Task Rss_KeepsOnlyTheAskedLanguage_WhenTheFeedDeclaresOne(string language, FetchStatus status)
    {
        var fetch = await FetchAsync(new SourceQuery(fixtures.Feed("rss2.xml"), ["Acme"], [], SourceFixtures.Today, 100) { Language = language });

        Assert.Equal(status, fetch.Status);
    }

    [Fact]
    public async Task News_ReportsGooglesBlockPage_AsBlocked()
    {
        var fetch = await fixtures.FetchAsync("news", "blocked");

        Assert.Equal(FetchStatus.Unavailable, fetch.Status);
        Assert.Equal("blocked", fetch.Code);
        Assert.Contains("unusual traffic", fetch.Reason);
    }
}
