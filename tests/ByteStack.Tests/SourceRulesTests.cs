using System.Net.Http.Headers;
using ByteStack.Server.Queries;
using ByteStack.Server.Sources;
using ByteStack.Server.Sources.Mastodon;
using ByteStack.Server.Sources.Reddit;
using ByteStack.Server.Sources.Rss;
using ByteStack.Server.Sources.X;
using ByteStack.Server.Sources.YouTube;
using Microsoft.Extensions.Options;

namespace ByteStack.Tests;

public sealed class SourceRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    private static HttpResponseHeaders Headers(params (string Name, string Value)[] values)
    {
        var response = new HttpResponseMessage();
        foreach (var (name, value) in values) response.Headers.TryAddWithoutValidation(name, value);
        return response.Headers;
    }

    [Fact]
    public void RateLimitHeaders_ReadEachApisResetForm()
    {
        Assert.Equal(Now.AddHours(1), RateLimitHeaders.EpochSeconds(Headers(("x-rate-limit-reset", Now.AddHours(1).ToUnixTimeSeconds().ToString())), "x-rate-limit-reset", Now));
        Assert.Equal(Now.AddSeconds(300), RateLimitHeaders.SecondsFromNow(Headers(("x-ratelimit-reset", "300")), "x-ratelimit-reset", Now));
        Assert.Equal(DateTimeOffset.Parse("2026-04-30T08:25:00.019685Z"),
            RateLimitHeaders.IsoInstant(Headers(("X-RateLimit-Reset", "2026-04-30T08:25:00.019685Z")), "X-RateLimit-Reset", Now));
        Assert.Equal(Now.AddSeconds(120), RateLimitHeaders.EpochSeconds(Headers(("Retry-After", "120")), "x-rate-limit-reset", Now));
        Assert.Null(RateLimitHeaders.SecondsFromNow(Headers(), "x-ratelimit-reset", Now));
    }

    [Theory]
    [InlineData("Sun, 26 Oct 2025 09:15:00 GMT", "2025-10-26T09:15:00Z")]
    [InlineData("Thu, 30 Apr 2026 02:00:00 +0000", "2026-04-30T02:00:00Z")]
    [InlineData("Thu, 30 Apr 2026 02:00:00 +0200", "2026-04-30T00:00:00Z")]
    [InlineData("30 Apr 2026 07:00 CET", "2026-04-30T06:00:00Z")]
    [InlineData("Wed, 7 Jun 2023 10:00:00 EST", "2023-06-07T15:00:00Z")]
    [InlineData("7 Jun 23 10:00:00 PDT", "2023-06-07T17:00:00Z")]
    [InlineData("2025-10-26T10:30:00+01:00", "2025-10-26T09:30:00Z")]
    [InlineData("2025-10-26T10:30:00.123Z", "2025-10-26T10:30:00.123Z")]
    [InlineData("2025-10-26", "2025-10-26T00:00:00Z")]
    public void FeedReader_ParsesIrregularFeedDates(string text, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected), FeedReader.ParseDate(text));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday-ish")]
    [InlineData("32 Foo 2025")]
    public void FeedReader_LeavesUnreadableDatesEmpty(string text) => Assert.Null(FeedReader.ParseDate(text));

    [Theory]
    [InlineData(0.5, "hour")]
    [InlineData(20, "day")]
    [InlineData(24 * 6, "week")]
    [InlineData(24 * 30, "month")]
    [InlineData(24 * 200, "year")]
    [InlineData(24 * 800, "all")]
    public void Reddit_PicksTheSmallestTimeBucketCoveringTheWindow(double hours, string bucket) =>
        Assert.Equal(bucket, RedditConnector.TimeBucket(new TimeWindow(Now.AddHours(-hours), Now, ""), Now));

    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("Acme Cloud", "acmecloud")]
    [InlineData("C#", "c")]
    [InlineData("#acme_ops", "acme_ops")]
    public void Mastodon_TurnsTermsIntoHashtags(string term, string tag) => Assert.Equal(tag, MastodonConnector.Hashtag(term));

    [Theory]
    [InlineData("2026-04-30T08:00:00Z", "2026-05-01T07:00:00Z")] // PDT: UTC-7
    [InlineData("2026-01-15T09:00:00Z", "2026-01-16T08:00:00Z")] // PST: UTC-8
    [InlineData("2026-01-15T07:30:00Z", "2026-01-15T08:00:00Z")] // still the 14th in California
    public void YouTube_QuotaResetsAtPacificMidnight(string now, string reset) =>
        Assert.Equal(DateTimeOffset.Parse(reset), YouTubeConnector.NextPacificMidnight(DateTimeOffset.Parse(now)));

    [Fact]
    public async Task RateBudget_QueuesRequestsBeyondTheBudget_InsteadOfRefusingThem()
    {
        using var budget = new RateBudget(Options.Create(new SourcesOptions()));
        var source = new SourceOptions { BudgetRequests = 3, BudgetWindow = TimeSpan.FromSeconds(2) };

        for (var i = 0; i < 3; i++) Assert.True(budget.AcquireAsync("Test", source, CancellationToken.None).IsCompletedSuccessfully);
        var fourth = budget.AcquireAsync("Test", source, CancellationToken.None).AsTask();
        var otherSource = budget.AcquireAsync("Other", source, CancellationToken.None);

        Assert.False(fourth.IsCompleted);
        Assert.True(otherSource.IsCompletedSuccessfully);
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task RateBudget_ReportsRateLimited_WhenNoSlotComesWithinTheMaximumWait()
    {
        using var budget = new RateBudget(Options.Create(new SourcesOptions { MaxBudgetWait = TimeSpan.FromMilliseconds(50) }));
        var daily = new SourceOptions { BudgetRequests = 1, BudgetWindow = TimeSpan.FromDays(1) };
        await budget.AcquireAsync("Quota", daily, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<SourceUnavailableException>(() => budget.AcquireAsync("Quota", daily, CancellationToken.None).AsTask());

        Assert.Equal("rate_limited", refused.Code);
        Assert.Contains("1 per 1.00:00:00", refused.Message);
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:4700::1111", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.16.0.1", false)]
    [InlineData("172.31.255.255", false)]
    [InlineData("172.32.0.1", true)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    public void NetworkTargets_KnowsPublicFromPrivate(string address, bool isPublic) =>
        Assert.Equal(isPublic, ByteStack.Server.Hosting.NetworkTargets.IsPublic(System.Net.IPAddress.Parse(address)));

    [Theory]
    [InlineData("job_01hx9jk2p4n5m6r7s8t9v0v1wq/2026-04-30T08:00:00Z.json", true)]
    [InlineData("qry_01hx9jk2p4n5m6r7s8t9v0v1wq/2026-04-30T08:00:00Z.json", true)]
    [InlineData("../etc/passwd", false)]
    [InlineData("a/../../b", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("a//b", false)]
    [InlineData("a/./b", false)]
    [InlineData("a\\..\\b", false)]
    [InlineData("a\u0000b", false)]
    [InlineData("line\nbreak", false)]
    [InlineData(".tmp/abc", false)]
    [InlineData("", false)]
    public void FileStorage_AcceptsOnlyKeysThatStayInside(string key, bool valid) =>
        Assert.Equal(valid, ByteStack.Server.Storage.StorageKeys.IsValid(System.Text.RegularExpressions.Regex.Unescape(key)));

    [Fact]
    public void FileStorage_RefusesOverlongKeys() =>
        Assert.False(ByteStack.Server.Storage.StorageKeys.IsValid(new string('a', ByteStack.Server.Storage.StorageKeys.MaxBytes + 1)));

    [Theory]
    [InlineData("job_01hx/2026-04-30T08:00:00Z.json")]
    [InlineData("logs/job_01hx/run_01hx/1-001-hackernews.json")]
    [InlineData("odd/100%2F done/%25.json")]
    public void StagedKey_IsOneFlatNameThatGivesBackRunAttemptAndKey(string key)
    {
        var staged = ByteStack.Server.Storage.StorageKeys.Staged("run_01hx9jk2p4n5m6r7s8t9u0v1wq", 3, key);

        Assert.Equal(2, staged.Split('/').Length); // .staged/<one name>: staging makes no folders
        Assert.Equal(("run_01hx9jk2p4n5m6r7s8t9u0v1wq", 3, key), ByteStack.Server.Storage.StorageKeys.ParseStaged(staged));
        Assert.True(ByteStack.Server.Storage.StorageKeys.IsValidOrStaged(staged));
        Assert.False(ByteStack.Server.Storage.StorageKeys.IsValid(staged));
    }

    [Theory]
    [InlineData(".staged/run_01hx-2/job_01hx/a.json", "run_01hx", 2, "job_01hx/a.json")] // the earlier layout, which a crash may have left
    [InlineData(".staged/.sync", null, 0, null)]
    [InlineData(".staged/run_01hx-x-a.json", null, 0, null)]
    [InlineData("job_01hx/a.json", null, 0, null)]
    public void ParseStaged_ReadsBothLayouts_AndNothingElse(string key, string? run, int attempt, string? final) =>
        Assert.Equal(run is null ? null : (run, attempt, final!), ByteStack.Server.Storage.StorageKeys.ParseStaged(key));
}
