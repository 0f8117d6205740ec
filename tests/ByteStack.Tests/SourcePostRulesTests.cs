using ByteStack.Server.Analysis;
using ByteStack.Server.Queries;
using ByteStack.Server.Sources;

namespace ByteStack.Tests;

/// <summary>What counts as a mention, who wrote it, and what the result says about the analysis cap.</summary>
public sealed class SourcePostRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 4, 30, 6, 0, 0, TimeSpan.Zero);
    private static readonly TimeWindow Today = new(new(2026, 4, 30, 0, 0, 0, TimeSpan.Zero), new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero), "today");

    private static SourcePost Post(string author = "dana", string[]? languages = null, bool repost = false, string text = "Acme is great", string id = "1") =>
        new(id, author, text, "https://example.com/" + id, At, new Dictionary<string, long>()) { Languages = languages ?? [], IsRepost = repost };

    private static SourceQuery Query(string? language = null, bool reposts = false, string[]? excluded = null) =>
        new("mastodon", ["Acme"], [], Today, 100) { Language = language, IncludeReposts = reposts, ExcludedAuthors = excluded ?? [] };

    public static TheoryData<SourcePost, SourceQuery, bool> CountsCases() => new()
    {
        { Post(), Query(), true },
        { Post(repost: true), Query(), false },
        { Post(repost: true), Query(reposts: true), true },
        { Post(languages: ["de"]), Query(language: "en"), false },
        { Post(languages: ["en-US"]), Query(language: "en"), true },
        { Post(languages: ["de", "EN"]), Query(language: "en"), true },
        { Post(languages: ["eng"]), Query(language: "en"), false },
        { Post(), Query(language: "en"), true },
        { Post(author: "acmejobs"), Query(excluded: ["@acmejobs"]), false },
        { Post(author: "acmejobs.bsky.social"), Query(excluded: ["acmejobs"]), false },
        { Post(author: "acmejobs@mastodon.social"), Query(excluded: ["AcmeJobs"]), false },
        { Post(author: "acmejobsfan"), Query(excluded: ["acmejobs"]), true },
    };

    [Theory, MemberData(nameof(CountsCases))]
    public void Counts_FollowsRepostsLanguageAndExcludedAuthors(SourcePost post, SourceQuery query, bool counts) =>
        Assert.Equal(counts, Connector.Counts(post, query));

    [Theory]
    [InlineData("erin", "https://fosstodon.example/@erin", "erin@fosstodon.example")]
    [InlineData("erin@fosstodon.example", "https://fosstodon.example/@erin", "erin@fosstodon.example")]
    [InlineData("erin", null, "erin")]
    public void MastodonAcct_IsAbsolute_WhenTheAccountUrlNamesTheInstance(string acct, string? url, string expected) =>
        Assert.Equal(expected, AuthorIdentity.MastodonAcct(acct, url));

    [Theory]
    [InlineData("[deleted]", "")]
    [InlineData("[removed]", "")]
    [InlineData("Some_User", "some_user")]
    public void RedditIdentity_IsNobody_WhenTheAuthorIsDeleted(string author, string identity) =>
        Assert.Equal(identity, AuthorIdentity.Reddit(author));

    [Theory]
    [InlineData("Acme &amp; friends&#x200B;", "Acme & friends")]
    [InlineData("&lt;3 Acme\u200b\u200d\ufeff", "<3 Acme")]
    [InlineData("a\n\n&#x200B;\n\nb", "a b")]
    public void HtmlClean_DecodesEntitiesAndDropsZeroWidthCharacters(string raw, string text) =>
        Assert.Equal(text, Html.Clean(raw));

    [Fact]
    public void ResultBuilder_AnalysesEveryPost_ButReturnsOnlyLimitRecords_AndNotesTheCap()
    {
        var posts = Enumerable.Range(0, 30)
            .Select(i => Post(author: $"user{i % 12}", text: i % 3 == 0 ? "Acme is terrible" : "Acme is great", id: i.ToString()) with { CreatedAt = At.AddMinutes(-i) })
            .ToList();
        var fetch = new SourceFetch("reddit", FetchStatus.Ok, posts, 30, "client") { Capped = true };
        var plan = new QueryPlan(["Acme"], [], QueryIntent.Count, Today, ["reddit"], []);

        var result = ResultBuilder.Build(plan, [fetch], limit: 5);

        Assert.Equal(5, result.Records.Count);
        Assert.Equal(30, result.TotalMentions);
        Assert.Equal(12, result.UniqueUsers);
        Assert.Equal(30, result.Sentiment.Classified);
        Assert.Equal(20, result.Sentiment.PositiveCount);
        Assert.Equal(10, result.Sentiment.NegativeCount);
        Assert.Equal(["Reddit had more matching posts than the analysis cap: the newest 30 were analysed; older ones were not read.", ResultBuilder.OfflineSentimentNote], result.Notes);
    }

    [Fact]
    public void ResultBuilder_CountsPeopleByIdentity_NotByDisplayName()
    {
        var posts = new[]
        {
            Post(author: "Some Channel", id: "a") with { AuthorId = "UC1" },
            Post(author: "Some Channel", id: "b") with { AuthorId = "UC2" },
            Post(author: "[deleted]", id: "c") with { AuthorId = "" },
        };
        var plan = new QueryPlan(["Acme"], [], QueryIntent.Count, Today, ["youtube"], []);

        var result = ResultBuilder.Build(plan, [new SourceFetch("youtube", FetchStatus.Ok, posts, 3, "api")], limit: 100);

        Assert.Equal(2, result.UniqueUsers);
    }
}
