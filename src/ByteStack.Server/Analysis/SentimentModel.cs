using System.Text.RegularExpressions;

namespace ByteStack.Server.Analysis;

/// <summary>
/// A small learned sentiment model: multinomial logistic regression over the words of a post
/// (marked when a negation precedes them in their clause: "not_N good_N") and its word pairs,
/// trained once per process on the labelled posts shipped in <c>Analysis/Labelled</c> (2,268 posts,
/// about 0.2 s; the server trains it at startup). It reads what the rules of
/// <see cref="SentimentScorer"/> cannot: a post's manner, which is how sarcasm shows. Alone it misses
/// structure the rules read (negation, contrast); <see cref="OfflineSentiment"/> combines the two.
/// </summary>
public sealed partial class SentimentModel
{
    private const int Epochs = 20;
    private const double LearningRate = 0.1;
    private const double L2 = 3e-2;

    private static readonly Lazy<SentimentModel> LazyShared = new(() => Train(LabelledPost.Shipped));

    /// <summary>The model trained on the shipped labelled posts.</summary>
    public static SentimentModel Shared => LazyShared.Value;

    // Weights by feature, three per feature in the order of Classes.
    private static readonly Sentiment[] Classes = [Sentiment.Negative, Sentiment.Neutral, Sentiment.Positive];
    private readonly Dictionary<string, int> _features;
    private readonly double[] _weights;

    private SentimentModel(Dictionary<string, int> features, double[] weights) => (_features, _weights) = (features, weights);

    /// <summary>
    /// Stochastic gradient descent on the cross-entropy with L2, in an order shuffled by a fixed
    /// seed: the same posts always give the same model. The query's subject is written "Acme" in
    /// the labelled posts and is read as the query's own term.
    /// </summary>
    public static SentimentModel Train(IReadOnlyList<LabelledPost> posts)
    {
        var features = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = posts.Select(p => (
            Features: Features(p.Text, ["Acme"]).Select(f => features.TryGetValue(f, out var i) ? i : features[f] = features.Count).ToArray(),
            Class: Array.IndexOf(Classes, p.Label))).ToArray();
        var weights = new double[features.Count * Classes.Length];
        var random = new Random(13);
        var order = Enumerable.Range(0, examples.Length).ToArray();
        Span<double> p = stackalloc double[Classes.Length];
        for (var epoch = 0; epoch < Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var e in order)
            {
                var (x, y) = examples[e];
                Softmax(weights, x, p);
                foreach (var f in x)
                    for (var c = 0; c < Classes.Length; c++)
                    {
                        ref var w = ref weights[f * Classes.Length + c];
                        w -= LearningRate * ((p[c] - (c == y ? 1 : 0)) + L2 * w);
                    }
            }
        }
        return new SentimentModel(features, weights);
    }

    /// <summary>The probability of each label; <paramref name="terms"/> are the query's own terms.</summary>
    public (double Negative, double Neutral, double Positive) Probabilities(string text, IReadOnlyCollection<string> terms)
    {
        var known = Features(text, terms).Select(f => _features.TryGetValue(f, out var i) ? i : -1).Where(i => i >= 0).ToArray();
        Span<double> p = stackalloc double[Classes.Length];
        Softmax(_weights, known, p);
        return (p[0], p[1], p[2]);
    }

    private static void Softmax(double[] weights, int[] features, Span<double> p)
    {
        for (var c = 0; c < p.Length; c++)
        {
            p[c] = 0;
            foreach (var f in features) p[c] += weights[f * p.Length + c];
        }
        var max = Math.Max(p[0], Math.Max(p[1], p[2]));
        var sum = 0.0;
        for (var c = 0; c < p.Length; c++) sum += p[c] = Math.Exp(p[c] - max);
        for (var c = 0; c < p.Length; c++) p[c] /= sum;
    }

    /// <summary>
    /// A bias, every word (marked when a negation precedes it in its clause) and every pair of
    /// adjacent words. The query's term, one word or several ("New Relic", "Node.js"), becomes the single
    /// token &lt;q&gt;, as "Acme" does in the labelled posts; a leading # or @ is not part of it.
    /// </summary>
    internal static HashSet<string> Features(string text, IReadOnlyCollection<string> terms)
    {
        var words = Token().Matches(text.Replace('’', '\'').ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0).ToList();
        // A term's own words and marks ("node . js"), without the # or @ that only says where to search.
        var subjects = terms.Select(t => Token().Matches(t.ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0).SkipWhile(w => w is "#" or "@").ToArray())
            .Where(t => t.Any(w => w.Any(char.IsLetterOrDigit))).OrderByDescending(t => t.Length).ToList();
        var tokens = new List<string>(words.Count);
        for (var i = 0; i < words.Count;)
        {
            var subject = subjects.FirstOrDefault(t => IsSubjectAt(words, i, t));
            tokens.Add(subject is null ? words[i] : "<q>");
            i += subject?.Length ?? 1;
        }

        var features = new HashSet<string>(StringComparer.Ordinal) { "bias" };
        var negated = false;
        foreach (var token in tokens)
        {
            if (ClauseEnds.Contains(token)) negated = false;
            features.Add(negated ? $"w={token}_N" : $"w={token}");
            if (Negations.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal)) negated = true;
        }
        for (var i = 1; i < tokens.Count; i++) features.Add($"b={tokens[i - 1]}_{tokens[i]}");
        return features;
    }

    /// <summary>Whether the term's words start at word <paramref name="i"/>; its last word may carry "'s".</summary>
    private static bool IsSubjectAt(List<string> words, int i, string[] term)
    {
        if (i + term.Length > words.Count) return false;
        for (var k = 0; k < term.Length; k++)
        {
            var word = words[i + k];
            if (word != term[k] && !(k == term.Length - 1 && word == term[k] + "'s")) return false;
        }
        return true;
    }

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "nobody", "none", "cannot", "without", "hardly", "barely",
        "dont", "cant", "wont", "isnt", "doesnt", "didnt", "aint", "wasnt", "arent", "havent", "hasnt", "couldnt", "wouldnt", "shouldnt",
    };

    // A negation reaches to the end of its clause.
    private static readonly HashSet<string> ClauseEnds = new(StringComparer.Ordinal) { ".", ",", "!", "?", ";", ":", "…", "—", "but" };

    // Words (with inner apostrophes and combining marks), numbers, emoji (a surrogate pair) and single marks.
    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}\p{Mc}']*|\p{N}+|\p{Cs}{2}|[^\w\s]")]
    private static partial Regex Token();
}
