using System.Reflection;
using System.Text.RegularExpressions;

namespace ByteStack.Server.Analysis;

/// <summary>A labelled post of the sets in <c>Analysis/Labelled</c>: <paramref name="Part"/> is "tune" or "held" (our own set) or the independent set's part.</summary>
public sealed record LabelledPost(Sentiment Label, string Category, string Part, string Text)
{
    /// <summary>Reads the <c>label | category | part | text</c> lines of a labelled set; lines starting with # are comments.</summary>
    public static IReadOnlyList<LabelledPost> Parse(IEnumerable<string> lines) => lines
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(" | ", 4))
        .Select(f => new LabelledPost(
            f[0] switch { "pos" => Sentiment.Positive, "neg" => Sentiment.Negative, "neu" => Sentiment.Neutral, _ => throw new FormatException($"unknown label '{f[0]}'") },
            f[1], f[2], f[3]))
        .ToList();

    /// <summary>The labelled posts shipped inside the server, which <see cref="SentimentModel.Shared"/> learns from.</summary>
    public static IReadOnlyList<LabelledPost> Shipped { get; } = new[] { "sentiment-posts.txt", "sentiment-independent.txt" }
        .SelectMany(name =>
        {
            using var stream = typeof(LabelledPost).Assembly.GetManifestResourceStream($"ByteStack.Server.Analysis.Labelled.{name}")
                               ?? throw new InvalidOperationException($"the labelled set {name} is not embedded");
            using var reader = new StreamReader(stream);
            return Parse(reader.ReadToEnd().Split('\n').Select(l => l.TrimEnd('\r')));
        })
        .ToList();
}

/// <summary>
/// A small learned sentiment model: multinomial logistic regression over the words of a post
/// (marked when a negation precedes them in their clause: "not_N good_N") and its word pairs,
/// trained when first used on the labelled posts shipped in <c>Analysis/Labelled</c> (about a
/// thousand, a few tens of milliseconds). It reads what the rules of <see cref="SentimentScorer"/>
/// cannot: a post's manner, which is how sarcasm and facts-only complaints show. Alone it is no
/// better than the rules; <see cref="OfflineSentiment"/> combines the two.
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

    /// <summary>A bias, every word (negation-marked to the end of its clause) and every pair of adjacent words.</summary>
    internal static HashSet<string> Features(string text, IReadOnlyCollection<string> terms)
    {
        var subject = new HashSet<string>(terms.SelectMany(t => Token().Matches(t).Select(m => m.Value.ToLowerInvariant())), StringComparer.Ordinal);
        var tokens = Token().Matches(text.Replace('’', '\'').ToLowerInvariant())
            .Select(m => subject.Contains(m.Value) || (m.Value.EndsWith("'s", StringComparison.Ordinal) && subject.Contains(m.Value[..^2])) ? "<q>" : m.Value)
            .ToList();
        var features = new HashSet<string>(StringComparer.Ordinal) { "bias" };
        var negated = false;
        foreach (var token in tokens)
        {
            if (token.Length == 1 && ".,!?;:".Contains(token[0])) negated = false;
            features.Add(negated ? $"w={token}_N" : $"w={token}");
            if (Negations.Contains(token) || token.EndsWith("n't", StringComparison.Ordinal)) negated = true;
        }
        for (var i = 1; i < tokens.Count; i++) features.Add($"b={tokens[i - 1]}_{tokens[i]}");
        return features;
    }

    private static readonly HashSet<string> Negations = new(StringComparer.Ordinal) { "not", "no", "never", "nothing", "nobody", "none", "cannot", "without" };

    // Words (with inner apostrophes), numbers, emoji (a surrogate pair) and single marks.
    [GeneratedRegex(@"\p{L}[\p{L}\p{Mn}']*|\p{N}+|\p{Cs}{2}|[^\w\s]")]
    private static partial Regex Token();
}
