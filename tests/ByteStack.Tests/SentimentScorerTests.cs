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
    // negation reaches to the end of its clause, and "can't … enough" is praise
    [InlineData("Can't recommend it enough", Sentiment.Positive)]
    [InlineData("Never had a single outage", Sentiment.Positive)]
    [InlineData("Not bad at all", Sentiment.Positive)]
    [InlineData("Zero issues after the upgrade", Sentiment.Positive)]
    [InlineData("It does not work with SSO", Sentiment.Negative)]
    [InlineData("Would not recommend", Sentiment.Negative)]
    [InlineData("Not happy, but the support was great", Sentiment.Positive)]
    [InlineData("It used to be great", Sentiment.Negative)]
    [InlineData("The update fixed the crash", Sentiment.Positive)]
    public void Classify_Negation(string text, Sentiment expected) => Assert.Equal(expected, SentimentScorer.Classify(text));

    [Theory]
    [InlineData("Great features, but the performance is terrible", Sentiment.Negative)]
    [InlineData("Pricey, but honestly worth every penny", Sentiment.Positive)]
    [InlineData("Nice UI, however the sync is broken", Sentiment.Negative)]
    [InlineData("Slow to start, yet really reliable", Sentiment.Positive)]
    public void Classify_Contrast_LetsTheLastClauseDecide(string text, Sentiment expected) => Assert.Equal(expected, SentimentScorer.Classify(text));

    [Theory]
    [InlineData("The new CLI slaps", Sentiment.Positive)]
    [InlineData("Support is goated", Sentiment.Positive)]
    [InlineData("This release is fire", Sentiment.Positive)]
    [InlineData("Huge W today", Sentiment.Positive)]
    [InlineData("The new logo is mid", Sentiment.Negative)]
    [InlineData("That update was trash", Sentiment.Negative)]
    [InlineData("Another L for them", Sentiment.Negative)]
    [InlineData("They killed it at the conference", Sentiment.Positive)]
    [InlineData("The app is janky af", Sentiment.Negative)]
    [InlineData("Variable L holds the length", Sentiment.Neutral)]
    public void Classify_Slang(string text, Sentiment expected) => Assert.Equal(expected, SentimentScorer.Classify(text));

    [Theory]
    [InlineData("Great, it crashed again. Just great.", Sentiment.Negative)]
    [InlineData("Oh wonderful, another outage", Sentiment.Negative)]
    [InlineData("Thanks for nothing", Sentiment.Negative)]
    [InlineData("Love how it logs me out every ten minutes", Sentiment.Negative)]
    [InlineData("So reliable, down three times this week /s", Sentiment.Negative)]
    [InlineData("Great pricing, said no one ever", Sentiment.Negative)]
    [InlineData("Great, it works again!", Sentiment.Positive)]
    [InlineData("Love how easy the setup is", Sentiment.Positive)]
    public void Classify_Sarcasm(string text, Sentiment expected) => Assert.Equal(expected, SentimentScorer.Classify(text));

    [Theory]
    [InlineData("Acme added crash reporting to the SDK")]
    [InlineData("Acme launches a bug bounty program")]
    [InlineData("Notes from the postmortem")]
    [InlineData("The router has a kill switch")]
    [InlineData("A hate speech filter for forums")]
    [InlineData("Our guide to error handling")]
    [InlineData("Is Acme any good for small teams?")]
    [InlineData("Would be nice if they added a Linux client")]
    public void Classify_DomainWordsAndQuestions_AreNeutral(string text) => Assert.Equal(Sentiment.Neutral, SentimentScorer.Classify(text, ["Acme"]));

    [Theory]
    [InlineData("Release is out 🎉🚀", Sentiment.Positive)]
    [InlineData("Team at the conference 👏👏", Sentiment.Positive)]
    [InlineData("Login loop again 🤦‍♂️", Sentiment.Negative)]
    [InlineData("My order still hasn't arrived 😤", Sentiment.Negative)]
    [InlineData("Nice work 👍🏽", Sentiment.Positive)]
    [InlineData("It is a 🤡 show", Sentiment.Negative)]
    [InlineData("sync failed :/", Sentiment.Negative)]
    [InlineData("cookies from the team :D", Sentiment.Positive)]
    public void Classify_EmojiAndEmoticons(string text, Sentiment expected) => Assert.Equal(expected, SentimentScorer.Classify(text));

    [Theory]
    [InlineData("good", "very good")]
    [InlineData("good", "sooo good")]
    [InlineData("fast", "fast af")]
    [InlineData("slow", "painfully slow")]
    [InlineData("annoying", "slightly annoying", true)]
    [InlineData("slow", "why so slow??")]
    [InlineData("good", "extremely good")]
    [InlineData("bad", "really bad")]
    [InlineData("slightly good", "good")]
    [InlineData("Acme is good", "Acme is GOOD")]
    [InlineData("great", "great!!!")]
    public void Score_IsStrongerFor_IntensifiedText(string weaker, string stronger, bool reversed = false)
    {
        if (reversed) (weaker, stronger) = (stronger, weaker);
        Assert.True(Math.Abs(SentimentScorer.Score(stronger)) > Math.Abs(SentimentScorer.Score(weaker)),
            $"|{SentimentScorer.Score(stronger)}| should exceed |{SentimentScorer.Score(weaker)}|");
    }

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
