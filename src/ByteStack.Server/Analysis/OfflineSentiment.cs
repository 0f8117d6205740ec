namespace ByteStack.Server.Analysis;

/// <summary>
/// The sentiment of a post without a chat model: the rules of <see cref="SentimentScorer"/> and
/// the learned <see cref="SentimentModel"/> vote together. The model's probabilities are summed
/// with a vote of <see cref="RulesVote"/> for the rules' label, so the rules decide unless the model
/// is clearly sure of another label. On posts neither had seen, each alone gets about four in five
/// right and together about nine in ten (docs/answer-quality.md): the rules read structure
/// (negation, contrast, intensity), the model manner (sarcasm, complaints made only of facts).
/// </summary>
public static class OfflineSentiment
{
    /// <summary>The rules' weight against the model's probabilities (which sum to 1).</summary>
    public const double RulesVote = 0.5;

    /// <summary>The label and how strongly it won (its share of the votes, from 1/3 to 1).</summary>
    public static (Sentiment Label, double Strength) Read(string text, IReadOnlyCollection<string> terms)
    {
        var rules = SentimentScorer.Classify(text, terms);
        var (negative, neutral, positive) = SentimentModel.Shared.Probabilities(text, terms);
        double Votes(Sentiment s) => (s switch { Sentiment.Negative => negative, Sentiment.Positive => positive, _ => neutral }) + (s == rules ? RulesVote : 0);
        // MaxBy keeps the first of equals: a tie goes to the rules' label.
        var label = new[] { rules, Sentiment.Neutral, Sentiment.Negative, Sentiment.Positive }.MaxBy(Votes);
        return (label, Votes(label) / (1 + RulesVote));
    }

    public static Sentiment Classify(string text, IReadOnlyCollection<string> terms) => Read(text, terms).Label;
}
