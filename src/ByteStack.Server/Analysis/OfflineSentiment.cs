namespace ByteStack.Server.Analysis;

/// <summary>
/// The sentiment of a post without a chat model: the rules of <see cref="SentimentScorer"/> and
/// the learned <see cref="SentimentModel"/> vote together. The model's probabilities (which sum to
/// 1) are added to a vote for the rules' label, worth <see cref="RulesVote"/> plus half the rules'
/// score (from 0 to 1), so the rules decide unless the model is clearly surer of another label, and
/// the surer the rules, the surer the model must be. The rules read structure (negation, contrast,
/// intensity); the model reads manner, which is how sarcasm shows. On posts neither had seen the
/// two together get far more right than either alone (docs/answer-quality.md).
/// </summary>
public static class OfflineSentiment
{
    /// <summary>The rules' least vote against the model's probabilities.</summary>
    public const double RulesVote = 0.4;

    /// <summary>How much of the rules' score (its size, 0 to 1) adds to their vote.</summary>
    public const double RulesScoreVote = 0.5;

    /// <summary>The label and how strongly it won (its share of all the votes, up to 1).</summary>
    public static (Sentiment Label, double Strength) Read(string text, IReadOnlyCollection<string> terms)
    {
        var score = SentimentScorer.Score(text, terms);
        var rules = SentimentScorer.Label(score);
        var vote = RulesVote + RulesScoreVote * Math.Abs(score);
        var (negative, neutral, positive) = SentimentModel.Shared.Probabilities(text, terms);
        double Votes(Sentiment s) => (s switch { Sentiment.Negative => negative, Sentiment.Positive => positive, _ => neutral }) + (s == rules ? vote : 0);
        // MaxBy keeps the first of equals: a tie goes to the rules' label.
        var label = new[] { rules, Sentiment.Neutral, Sentiment.Negative, Sentiment.Positive }.MaxBy(Votes);
        return (label, Votes(label) / (1 + vote));
    }

    public static Sentiment Classify(string text, IReadOnlyCollection<string> terms) => Read(text, terms).Label;
}
