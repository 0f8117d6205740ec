using ByteStack.Server.Analysis;
using ByteStack.Tests.AnswerQuality;

namespace ByteStack.Tests;

public sealed class SentimentModelTests
{
    [Fact]
    public void Training_IsDeterministic_TheSamePostsGiveTheSameModel()
    {
        var again = SentimentModel.Train(LabelledPost.Shipped);
        foreach (var text in new[] { "Acme is down again, great", "The Acme docs are clear", "Acme announced a new region" })
            Assert.Equal(SentimentModel.Shared.Probabilities(text, ["Acme"]), again.Probabilities(text, ["Acme"]));
    }

    [Fact]
    public void Training_LearnsTheLabelsOfItsPosts()
    {
        LabelledPost Post(Sentiment label, string text) => new(label, "plain", "tune", text);
        var model = SentimentModel.Train(
        [
            Post(Sentiment.Positive, "the dashboard is lovely"), Post(Sentiment.Positive, "support was lovely today"),
            Post(Sentiment.Negative, "the dashboard is dreadful"), Post(Sentiment.Negative, "support was dreadful today"),
            Post(Sentiment.Neutral, "the dashboard has a new tab"), Post(Sentiment.Neutral, "support has a new phone number"),
        ]);
        var (negative, _, positive) = model.Probabilities("lovely", []);
        Assert.True(positive > 0.5 && positive > negative, $"positive {positive:0.00}, negative {negative:0.00}");
        (negative, _, positive) = model.Probabilities("dreadful", []);
        Assert.True(negative > 0.5 && negative > positive, $"positive {positive:0.00}, negative {negative:0.00}");
    }

    [Fact]
    public void Probabilities_SumToOne_EvenForTextWithNoKnownWord()
    {
        var (negative, neutral, positive) = SentimentModel.Shared.Probabilities("qwzx vbnm", ["Acme"]);
        Assert.Equal(1.0, negative + neutral + positive, 9);
        (negative, neutral, positive) = SentimentModel.Shared.Probabilities("", []);
        Assert.Equal(1.0, negative + neutral + positive, 9);
    }

    [Fact]
    public void Features_MarkNegatedWordsToTheEndOfTheirClause_AndReadTheQuerysTermAsTheSubject()
    {
        var features = SentimentModel.Features("Globex isn't fast, but it's cheap", ["Globex"]);
        Assert.Contains("w=<q>", features);
        Assert.Contains("w=fast_N", features);
        Assert.Contains("w=cheap", features);
        Assert.DoesNotContain("w=cheap_N", features);
        Assert.Contains("b=isn't_fast", features);
        Assert.DoesNotContain(features, f => f.Contains("globex", StringComparison.Ordinal));
        Assert.Contains("w=<q>", SentimentModel.Features("Globex's docs", ["Globex"]));
    }

    [Theory]
    [InlineData("New Relic dashboards are slow", "New Relic")]
    [InlineData("node.js isn't fast", "Node.js")]
    [InlineData("#acme is great", "#acme")]
    public void Features_ReadTheWholeTermAsOneToken_WithItsOwnMarks(string text, string term)
    {
        var features = SentimentModel.Features(text, [term]);
        Assert.Contains(features, f => f.StartsWith("w=<q>", StringComparison.Ordinal));
        Assert.DoesNotContain(features, f => f.Contains("relic", StringComparison.Ordinal) || f.Contains("js", StringComparison.Ordinal) || f.Contains("w=acme", StringComparison.Ordinal));
    }

    [Fact]
    public void Features_TakeNegationsWithoutApostrophes_AndEndThemAtBut()
    {
        var features = SentimentModel.Features("dont like the ui but love the api", []);
        Assert.Contains("w=like_N", features);
        Assert.Contains("w=ui_N", features);
        Assert.Contains("w=love", features);
        Assert.DoesNotContain("w=love_N", features);
        Assert.Contains("w=fast_N", SentimentModel.Features("hardly fast", []));
    }

    [Fact]
    public void HeldOutPosts_AreNeitherTrainedOn_NorShipped()
    {
        // Compared as words, so a copy differing only in case or punctuation is caught too.
        static string Words(string text) => string.Join(' ', text.ToLowerInvariant().Split(text.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries));
        var shipped = LabelledPost.Shipped.Select(p => Words(p.Text)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(SentimentAccuracyTests.HeldOut);
        Assert.Equal(0, SentimentAccuracyTests.HeldOut.Count(p => shipped.Contains(Words(p.Text))));
    }

    [Theory]
    // the rules read praise; the model reads the manner of irony, and outvotes them
    [InlineData("Really loving the surprise invoice from Acme this morning. What a treat.", Sentiment.Positive, Sentiment.Negative)]
    [InlineData("Acme's support bot is a true genius at closing tickets nobody answered.", Sentiment.Positive, Sentiment.Negative)]
    // where both agree nothing changes
    [InlineData("Acme rolled out dark mode and it looks great", Sentiment.Positive, Sentiment.Positive)]
    [InlineData("Acme support is terrible, a week for one reply", Sentiment.Negative, Sentiment.Negative)]
    public void OfflineSentiment_LetsTheModelOutvoteTheRulesOnIrony_AndChangesNothingWhereBothAgree(string text, Sentiment rules, Sentiment offline)
    {
        Assert.Equal(rules, SentimentScorer.Classify(text, ["Acme"]));
        var (label, strength) = OfflineSentiment.Read(text, ["Acme"]);
        Assert.Equal(offline, label);
        Assert.InRange(strength, 1.0 / 3, 1.0);
    }
}
