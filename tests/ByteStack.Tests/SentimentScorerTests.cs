using ByteStack.Server.Analysis;

namespace ByteStack.Tests;

public sealed class SentimentScorerTests
{
    [Theory]
    [InlineData("Really impressed with the new Acme release", Sentiment.Positive)]
    [InlineData("Acme's support team fixed my issue in 10 minutes, thanks!", Sentiment.Positive)]
    [InlineData("I love it", Sentiment.Positive)]
    [InlineData("This is terrible", Sentiment.Negative)]
    [InlineData("Acme CLI crashes on login", Sentiment.Negative)]
    [InlineData("Acme raised a Series B on Tuesday", Sentiment.Neutral)]
    [InlineData("Anyone tried Acme's new CLI?", Sentiment.Neutral)]
    [InlineData("", Sentiment.Neutral)]
    // negation
    [InlineData("The update is not good", Sentiment.Negative)]
    [InlineData("Acme isn't bad at all", Sentiment.Positive)]
    [InlineData("I don't like the new pricing", Sentiment.Negative)]
    [InlineData("Never had a problem with Acme", Sentiment.Positive)]
    [InlineData("No complaints so far", Sentiment.Positive)]
    // contrast: the clause after "but" decides
    [InlineData("The docs are good but the onboarding is awful", Sentiment.Negative)]
    [InlineData("Setup was painful but the result is great", Sentiment.Positive)]
    // emoji
    [InlineData("Acme 😍", Sentiment.Positive)]
    [InlineData("Acme 👍🎉", Sentiment.Positive)]
    [InlineData("Acme again 😡", Sentiment.Negative)]
    [InlineData("Acme 👎", Sentiment.Negative)]
    [InlineData("Acme :(", Sentiment.Negative)]
    // the query's own term never counts, even when it is a sentiment word
    [InlineData("Awesome Inc announced a partnership", Sentiment.Neutral, "Awesome Inc")]
    public void Classify_Labels(string text, Sentiment expected, string? term = null) =>
        Assert.Equal(expected, SentimentScorer.Classify(text, term is null ? null : [term]));

    [Theory]
    [InlineData("good", "very good")]
    [InlineData("good", "extremely good")]
    [InlineData("bad", "really bad")]
    [InlineData("slightly good", "good")]
    [InlineData("Acme is good", "Acme is GOOD")]
    [InlineData("great", "great!!!")]
    public void Score_IsStrongerFor_IntensifiedText(string weaker, string stronger) =>
        Assert.True(Math.Abs(SentimentScorer.Score(stronger)) > Math.Abs(SentimentScorer.Score(weaker)),
            $"|{SentimentScorer.Score(stronger)}| should exceed |{SentimentScorer.Score(weaker)}|");

    [Fact]
    public void Score_AllCapsText_IsNotEmphasis_WhenEverythingIsCaps() =>
        Assert.Equal(SentimentScorer.Score("great product"), SentimentScorer.Score("GREAT PRODUCT"), 6);

    [Theory]
    [InlineData("https://bad.example.com/terrible is the link")]
    [InlineData("@awful_user posted a link")]
    [InlineData("<p class=\"horrible\">Launch day</p>")]
    public void Score_IgnoresUrlsHandlesAndHtml(string text) => Assert.Equal(0, SentimentScorer.Score(text));

    [Fact]
    public void Score_StaysWithinMinusOneAndOne()
    {
        var gushing = string.Join(' ', Enumerable.Repeat("AMAZING perfect love 😍", 50)) + "!!!!!!";
        Assert.InRange(SentimentScorer.Score(gushing), 0.9, 1.0);
        Assert.InRange(SentimentScorer.Score(gushing.Replace("AMAZING perfect love 😍", "awful terrible hate 😡")), -1.0, -0.9);
    }
}
