using System.Text;
using ByteStack.Server.Delivery;
using ByteStack.Server.Sources;

namespace ByteStack.Tests;

/// <summary>The outbox's backoff and give-up rules, signatures, and what a raw log may keep.</summary>
public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(7, 640)]
    [InlineData(8, 1280)]
    [InlineData(9, 1800)] // capped at 30 min
    [InlineData(500, 1800)]
    public void Backoff_DoublesFromTheBase_UpToTheCap(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryRules.Backoff(attempt, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(30)));

    [Fact]
    public void After_DeliveredFailedOrRetried()
    {
        var options = new DeliveryOptions { MaxAttempts = 3 };

        Assert.Equal((DeliveryStatus.Delivered, (DateTimeOffset?)null), DeliveryRules.After(AttemptOutcome.Success, 1, Now, options));
        Assert.Equal((DeliveryStatus.Pending, Now.AddSeconds(20)), DeliveryRules.After(new AttemptOutcome(false, "HTTP 500"), 2, Now, options));
        Assert.Equal((DeliveryStatus.Failed, (DateTimeOffset?)null), DeliveryRules.After(new AttemptOutcome(false, "HTTP 500"), 3, Now, options));
        Assert.Equal((DeliveryStatus.Failed, (DateTimeOffset?)null), DeliveryRules.After(new AttemptOutcome(false, "gone", Permanent: true), 1, Now, options));
    }

    [Fact]
    public void DefaultRetryBudget_LastsAboutADay()
    {
        var options = new DeliveryOptions();
        var total = Enumerable.Range(1, options.MaxAttempts - 1).Aggregate(TimeSpan.Zero, (sum, a) => sum + DeliveryRules.Backoff(a, options.BaseDelay, options.MaxDelay));

        Assert.InRange(total, TimeSpan.FromHours(23), TimeSpan.FromHours(26));
    }

    [Theory]
    [InlineData("delivered,delivered", DeliveryStatus.Delivered)]
    [InlineData("delivered,pending", DeliveryStatus.Pending)]
    [InlineData("pending,failed,delivered", DeliveryStatus.Failed)]
    public void Summarise_ReportsTheWorstOfARunsDeliveries(string statuses, DeliveryStatus expected) =>
        Assert.Equal(expected, DeliveryRules.Summarise(statuses.Split(',').Select(s => Enum.Parse<DeliveryStatus>(s, true))));

    [Fact]
    public void Signature_IsHmacSha256OfTheRawBody_InHex()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"job.completed\"}");

        var signature = WebhookSignature.Sign("whsec_test", body);

        // Computed independently: printf '{"event":"job.completed"}' | openssl dgst -sha256 -hmac whsec_test
        Assert.Equal("sha256=85365e50e1ff644279c32d6cb56b252a9f50c8716ded23a964fca930cec42238", signature);
        Assert.Matches("^sha256=[0-9a-f]{64}$", signature);
        Assert.True(WebhookSignature.Verify("whsec_test", body, signature));
        Assert.False(WebhookSignature.Verify("whsec_other", body, signature));
        Assert.False(WebhookSignature.Verify("whsec_test", Encoding.UTF8.GetBytes("{}"), signature));
    }

    [Theory]
    [InlineData("https://www.googleapis.com/youtube/v3/search?part=snippet&q=acme&key=AIzaSECRET", "https://www.googleapis.com/youtube/v3/search?part=snippet&q=acme&key=REDACTED")]
    [InlineData("https://newsapi.org/v2/everything?apiKey=abc123&q=acme", "https://newsapi.org/v2/everything?apiKey=REDACTED&q=acme")]
    [InlineData("https://x.test/a?access_token=t0k&monkey=1", "https://x.test/a?access_token=REDACTED&monkey=1")]
    [InlineData("https://hn.algolia.com/api/v1/search_by_date?query=acme", "https://hn.algolia.com/api/v1/search_by_date?query=acme")]
    [InlineData("https://reader:hunter2@feeds.example.com/acme.xml?token=abc", "https://REDACTED@feeds.example.com/acme.xml?token=REDACTED")]
    public void RawLog_MasksCredentialsInUrls(string url, string logged) => Assert.Equal(logged, RawLog.Redact(url));
}
