using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Sources;

namespace ByteStack.IntegrationTests;

/// <summary>Every connector against its local fixture API: formats, paging, empty shapes and every kind of failure.</summary>
public sealed class ConnectorTests(SourceFixtures fixtures) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset Now = SourceFixtureServer.Now;

    public static TheoryData<string, string, FetchStatus, string?> Scenarios() => new()
    {
        // source, term, status, code
        { "hackernews", "Acme", FetchStatus.Ok, null },
        { "hackernews", "nothing", FetchStatus.Empty, null },
        { "hackernews", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "hackernews", "ratelimited", FetchStatus.Unavailable, "rate_limited" },
        { "hackernews", "ratelimitedsoon", FetchStatus.Ok, null },
        { "hackernews", "soft", FetchStatus.Unavailable, "http_error" },
        { "hackernews", "boom", FetchStatus.Unavailable, "http_error" },
        { "hackernews", "flaky", FetchStatus.Ok, null },
        { "hackernews", "wrongshape", FetchStatus.Unavailable, "invalid_response" },
        { "x", "Acme", FetchStatus.Ok, null },
        { "x", "nothing", FetchStatus.Empty, null },
        { "x", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "x", "ratelimited", FetchStatus.Unavailable, "rate_limited" },
        { "x", "ratelimitedsoon", FetchStatus.Ok, null },
        { "x", "soft", FetchStatus.Unavailable, "credits_exhausted" },
        { "x", "boom", FetchStatus.Unavailable, "http_error" },
        { "x", "flaky", FetchStatus.Ok, null },
        { "reddit", "Acme", FetchStatus.Ok, null },
        { "reddit", "nothing", FetchStatus.Empty, null },
        { "reddit", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "reddit", "ratelimited", FetchStatus.Unavailable, "rate_limited" },
        { "reddit", "soft", FetchStatus.Unavailable, "rate_limited" },
        { "reddit", "blocked", FetchStatus.Unavailable, "blocked" },
        { "reddit", "boom", FetchStatus.Unavailable, "http_error" },
        { "bluesky", "Acme", FetchStatus.Ok, null },
        { "bluesky", "nothing", FetchStatus.Empty, null },
        { "bluesky", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "bluesky", "ratelimited", FetchStatus.Unavailable, "rate_limited" },
        { "bluesky", "boom", FetchStatus.Unavailable, "http_error" },
        { "mastodon", "Acme", FetchStatus.Ok, null },
        { "mastodon", "nothing", FetchStatus.Empty, null },
        { "mastodon", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "mastodon", "ratelimited", FetchStatus.Unavailable, "rate_limited" },
        { "mastodon", "boom", FetchStatus.Unavailable, "http_error" },
        { "youtube", "Acme", FetchStatus.Ok, null },
        { "youtube", "nothing", FetchStatus.Empty, null },
        { "youtube", "authfail", FetchStatus.Unavailable, "needs_credentials" },
        { "youtube", "soft", FetchStatus.Unavailable, "quota_exceeded" },
        { "youtube", "boom", FetchStatus.Unavailable, "http_error" },
        { "news", "Acme", FetchStatus.Ok, null },
        { "news", "nothing", FetchStatus.Empty, null },
        { "news", "boom", FetchStatus.Unavailable, "http_error" },
        { "news", "blocked", FetchStatus.Unavailable, "blocked" },
    };

    [Theory, MemberData(nameof(Scenarios))]
    public async Task Fetch_ReportsOkEmptyOrUnavailable_NeverASilentEmptySuccess(string source, string term, FetchStatus status, string? code)
    {
        var fetch = await fixtures.FetchAsync(source, term);

        Assert.Equal(status, fetch.Status);
        Assert.Equal(code, fetch.Code);
        if (status == FetchStatus.Ok) Assert.NotEmpty(fetch.Posts);
        if (status == FetchStatus.Empty) Assert.Equal(0, fetch.TotalResults);
        if (status == FetchStatus.Unavailable)
        {
            Assert.Empty(fetch.Posts);
            Assert.False(string.IsNullOrWhiteSpace(fetch.Reason));
        }
    }

    [Theory]
    [InlineData("hackernews", 3600)]
    [InlineData("x", 3600)]
    [InlineData("reddit", 300)]
    [InlineData("bluesky", 3600)]
    [InlineData("mastodon", 3600)]
    public async Task RateLimited_CarriesTheResetTheApiAnnounced(string source, int seconds)
    {
        var fetch = await fixtures.FetchAsync(source, "ratelimited");

        Assert.Equal("rate_limited", fetch.Code);
        Assert.NotNull(fetch.RetryAt);
        Assert.InRange((fetch.RetryAt!.Value - Now).TotalSeconds, seconds - 1, seconds + 1);
        Assert.Contains("resets at", fetch.Reason);
    }

    [Fact]
    public async Task HackerNews_PagesThroughTheWindow_AndNormalisesHits()
    {
        var fetch = await fixtures.FetchAsync("hackernews", "Acme", limit: 2);
        var all = await fixtures.FetchAsync("hackernews", "Acme");

        Assert.Equal(5, fetch.TotalResults);
        Assert.Equal(["41900005", "41900004"], fetch.Posts.Select(p => p.Id));
        Assert.Equal(5, all.Posts.Count);
        var comment = all.Posts.Single(p => p.Id == "41900002");
        Assert.Equal("kim", comment.Author);
        Assert.Equal("We moved to Acme last year and it is great", comment.Text);
        Assert.Equal("https://news.ycombinator.com/item?id=41900002", comment.Url);
        Assert.Equal(SourceFixtureServer.Today.AddHours(2), comment.CreatedAt);
        Assert.Equal(120, all.Posts.Single(p => p.Id == "41900004").Metrics["points"]);
        Assert.Equal("api", all.WindowEnforcedBy);

        var request = fixtures.Server.Requests.Last(r => r.Path.EndsWith("search_by_date"));
        Assert.Contains($"numericFilters=created_at_i>={SourceFixtureServer.Today.ToUnixTimeSeconds()},created_at_i<{Now.ToUnixTimeSeconds()}", Uri.UnescapeDataString(request.Query));
        Assert.StartsWith("ByteStack/", request.Headers["User-Agent"]);
    }

    [Fact]
    public async Task X_UsesCountsForTheTotal_AndPagesSearchWithNextToken()
    {
        var fetch = await fixtures.FetchAsync("x", "Acme", exclusions: ["hiring"]);

        Assert.Equal(SourceFixtureServer.XTotal, fetch.TotalResults);
        Assert.Equal(SourceFixtureServer.Tweets.Select(t => t.Id), fetch.Posts.Select(p => p.Id));
        var first = fetch.Posts[0];
        Assert.Equal("dana", first.Author);
        Assert.Equal("https://x.com/dana/status/1850000000000000004", first.Url);
        Assert.Equal(42, first.Metrics["like"]);

        var searches = fixtures.Server.Requests.Where(r => r.Path.EndsWith("search/recent") && r.Query.Contains("hiring")).ToList();
        Assert.Equal(2, searches.Count);
        Assert.Contains("next_token=p2", searches[1].Query);
        Assert.All(searches, s => Assert.Equal($"Bearer {SourceFixtureServer.XToken}", s.Headers["Authorization"]));
        Assert.Contains(Uri.EscapeDataString("Acme -hiring -is:retweet"), searches[0].Query);
        // end_time is held 30 s before now, as X requires.
        Assert.Contains("end_time=2026-04-30T07:59:00Z", Uri.UnescapeDataString(searches[0].Query));
    }

    [Fact]
    public async Task Reddit_EnforcesTheWindowClientSide_AndStopsAtOlderPosts()
    {
        var fetch = await fixtures.FetchAsync("reddit", "Acme");

        Assert.Equal(["t3_r1", "t3_r2", "t3_r3"], fetch.Posts.Select(p => p.Id));
        Assert.Equal(3, fetch.TotalResults);
        Assert.Equal("client", fetch.WindowEnforcedBy);
        Assert.Equal("https://www.reddit.com/r/devops/comments/r1/post/", fetch.Posts[0].Url);
        var search = fixtures.Server.Requests.First(r => r.Path == "/reddit/oauth/search" && r.Query.Contains("Acme"));
        Assert.Equal("bearer reddit-token", search.Headers["Authorization"]);
        Assert.Contains("t=day", search.Query);
    }

    [Fact]
    public async Task Bluesky_RenewsAnExpiredSessionOnce()
    {
        var before = fixtures.Server.BlueskySessionsCreated;
        var connector = fixtures.Connector("bluesky");

        var fetch = await connector.FetchAsync(new SourceQuery("bluesky", ["expired"], [], SourceFixtures.Today, 100), CancellationToken.None);

        Assert.Equal(FetchStatus.Ok, fetch.Status);
        Assert.Equal(3, fetch.TotalResults);
        Assert.Equal(before + 2, fixtures.Server.BlueskySessionsCreated);
        Assert.Equal("https://bsky.app/profile/dana.bsky.social/post/3lxyzabc2k2s", fetch.Posts[0].Url);
    }

    [Fact]
    public async Task Mastodon_FollowsLinkHeader_AndStripsHtml()
    {
        var fetch = await fixtures.FetchAsync("mastodon", "Acme");

        Assert.Equal(3, fetch.Posts.Count);
        Assert.Equal("Trying #acme today, love it", fetch.Posts[0].Text);
        Assert.Equal("bob@other.example", fetch.Posts[1].Author);
        Assert.Contains(fixtures.Server.Requests, r => r.Path == "/mastodon/api/v1/timelines/tag/acme" && r.Query.Contains("max_id=113000000000000098"));
    }

    [Fact]
    public async Task YouTube_AddsStatistics_AndDecodesEntities()
    {
        var fetch = await fixtures.FetchAsync("youtube", "Acme");

        Assert.Equal(3, fetch.Posts.Count);
        var unboxing = fetch.Posts.Single(p => p.Id == "Abc123defGh");
        Assert.Equal("Acme \"Rocket\" unboxing — We open the box", unboxing.Text);
        Assert.Equal(320, unboxing.Metrics["views"]);
        Assert.Equal("https://www.youtube.com/watch?v=Abc123defGh", unboxing.Url);
    }

    [Fact]
    public async Task YouTube_Quota_ResetsAtPacificMidnight()
    {
        var fetch = await fixtures.FetchAsync("youtube", "soft");

        // 2026-04-30 is in daylight time: midnight PDT is 07:00 UTC the next day.
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 7, 0, 0, TimeSpan.Zero), fetch.RetryAt);
    }

    [Fact]
    public async Task News_KeepsTheWindow_AndUsesThePublisherAsAuthor()
    {
        var fetch = await fixtures.FetchAsync("news", "Acme");

        Assert.Equal(["CBMiA", "CBMiB"], fetch.Posts.Select(p => p.Id));
        Assert.Equal(["Example Times", "Daily Bugle"], fetch.Posts.Select(p => p.Author));
    }

    [Fact]
    public async Task Rss_ReadsAtomAndRss2_WithIrregularDates()
    {
        var atom = await fixtures.Connector("rss").FetchAsync(new("rss:" + fixtures.Feed("atom.xml")[4..], ["Acme"], [], SourceFixtures.Today, 100), CancellationToken.None);
        var rss2 = await fixtures.Connector("rss").FetchAsync(new(fixtures.Feed("rss2.xml"), ["Acme"], [], SourceFixtures.Today, 100), CancellationToken.None);

        Assert.Equal(["tag:example.com,2026:1", "tag:example.com,2026:2"], atom.Posts.Select(p => p.Id));
        Assert.Equal(["Rita", "Example Eng"], atom.Posts.Select(p => p.Author));
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 3, 30, 0, TimeSpan.Zero), atom.Posts[1].CreatedAt);
        Assert.Equal(["f1", "f2"], rss2.Posts.Select(p => p.Id));
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 6, 0, 0, TimeSpan.Zero), rss2.Posts[0].CreatedAt); // 07:00 CET
        Assert.Equal("ann", rss2.Posts[0].Author);
    }

    [Theory]
    [InlineData("broken.xml", "invalid_response")]
    [InlineData("missing.xml", "http_error")]
    public async Task Rss_ReportsBrokenOrMissingFeeds(string feed, string code)
    {
        var fetch = await fixtures.Connector("rss").FetchAsync(new(fixtures.Feed(feed), ["Acme"], [], SourceFixtures.Today, 100), CancellationToken.None);

        Assert.Equal(FetchStatus.Unavailable, fetch.Status);
        Assert.Equal(code, fetch.Code);
    }

    [Fact]
    public async Task Exclusions_AreFilteredEvenWhereTheApiHasNoNotOperator()
    {
        var fetch = await fixtures.FetchAsync("hackernews", "Acme", exclusions: ["terrible"]);

        Assert.DoesNotContain(fetch.Posts, p => p.Text.Contains("terrible"));
        Assert.Equal(4, fetch.Posts.Count);
    }

    [Fact]
    public async Task Mastodon_WithAUserToken_AddsFullTextSearch()
    {
        var withToken = fixtures.Connector("mastodon", $"--ByteStack:Sources:Mastodon:AccessToken={SourceFixtureServer.MastodonToken}");
        var fetch = await withToken.FetchAsync(new SourceQuery("mastodon", ["Acme"], [], SourceFixtures.Today, 100), CancellationToken.None);
        var anonymous = await fixtures.FetchAsync("mastodon", "Acme");

        Assert.Equal(4, fetch.Posts.Count);
        Assert.Contains(fetch.Posts, p => p.Author == "erin@far.example");
        Assert.Equal(3, anonymous.Posts.Count);
        Assert.DoesNotContain(fixtures.Server.Requests, r => r.Path == "/mastodon/api/v2/search" && !r.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task Rss_RefusesPrivateAndLoopbackTargets_UnlessAllowed()
    {
        var (options, http) = fixtures.Http("--ByteStack:Sources:MaxRetries=0");
        var guarded = new ByteStack.Server.Sources.Rss.RssConnector(
            SourcesSetup.NewHttpClient(new SourcesOptions().MaxResponseBytes, ByteStack.Server.Hosting.NetworkTargets.Connect(allowPrivate: false)), http, options);

        var fetch = await guarded.FetchAsync(new SourceQuery(fixtures.Feed("atom.xml"), ["Acme"], [], SourceFixtures.Today, 100), CancellationToken.None);

        Assert.Equal(FetchStatus.Unavailable, fetch.Status);
        Assert.Equal("unreachable", fetch.Code);
        Assert.Contains("private or loopback", fetch.Reason);
    }

    [Fact]
    public async Task SlowSource_TimesOut_AndIsReportedUnavailable()
    {
        var impatient = fixtures.Connector("hackernews", "--ByteStack:Sources:Timeout=00:00:00.300", "--ByteStack:Sources:MaxRetries=1");

        var fetch = await impatient.FetchAsync(new SourceQuery("hackernews", ["slow"], [], SourceFixtures.Today, 100), CancellationToken.None);

        Assert.Equal(FetchStatus.Unavailable, fetch.Status);
        Assert.Equal("timeout", fetch.Code);
        Assert.Equal(2, fixtures.Server.Requests.Count(r => r.Query.Contains("query=slow")));
    }
}
