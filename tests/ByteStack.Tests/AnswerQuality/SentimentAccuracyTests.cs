using System.Globalization;
using ByteStack.Server.Analysis;
using Xunit.Abstractions;

namespace ByteStack.Tests.AnswerQuality;

/// <summary>
/// Accuracy of <see cref="SentimentScorer"/> on the labelled posts in <c>sentiment-posts.txt</c>,
/// overall and per category, on the whole set and on its held-out part (never looked at while
/// tuning the rules: written before the second round of rules, its misses are never printed).
/// The numbers are written to the test output and to docs/answer-quality.md by hand; the
/// assertions hold the targets of issue 13.
/// </summary>
public sealed class SentimentAccuracyTests(ITestOutputHelper output)
{
    /// <summary>A labelled post; <paramref name="Split"/> is "tune" or "held" (our own set), or the independent set's part, "A" to "E".</summary>
    public sealed record Post(Sentiment Label, string Category, string Split, string Text)
    {
        public bool HeldOut => Split != "tune";
    }

    public static IReadOnlyList<Post> Posts { get; } = Read("sentiment-posts.txt");

    /// <summary>Posts by writers who never saw the rules, in parts A to E (the file's header says which part tuned or measured which round).</summary>
    public static IReadOnlyList<Post> Independent { get; } = Read("sentiment-independent.txt");

    private static List<Post> Read(string file) => File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "AnswerQuality", file))
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .Select(l => l.Split(" | ", 4))
        .Select(f => new Post(f[0] switch { "pos" => Sentiment.Positive, "neg" => Sentiment.Negative, "neu" => Sentiment.Neutral, _ => throw new FormatException(f[0]) },
            f[1], f[2] is "tune" or "held" or "A" or "B" or "C" or "D" or "E" ? f[2] : throw new FormatException(f[2]), f[3]))
        .ToList();

    private static double Accuracy(IEnumerable<Post> posts)
    {
        var list = posts.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(p => SentimentScorer.Classify(p.Text, ["Acme"]) == p.Label) / list.Count;
    }

    [Fact]
    public void LabelledSet_HasAtLeast300Posts_WithAHeldOutPartInEveryCategory()
    {
        Assert.True(Posts.Count >= 300, $"{Posts.Count} posts");
        Assert.All(Posts.GroupBy(p => p.Category), g => Assert.Contains(g, p => p.HeldOut));
    }

    [Fact]
    public void Accuracy_MeetsTheTargets_OnTheHeldOutPartAndPerCategory()
    {
        string Row(string name, IEnumerable<Post> posts) =>
            $"| {name} | {posts.Count()} | {Accuracy(posts).ToString("0.00", CultureInfo.InvariantCulture)} | " +
            $"{posts.Count(p => p.HeldOut)} | {Accuracy(posts.Where(p => p.HeldOut)).ToString("0.00", CultureInfo.InvariantCulture)} |";
        output.WriteLine("| category | posts | accuracy | held-out posts | held-out accuracy |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var g in Posts.GroupBy(p => p.Category)) output.WriteLine(Row(g.Key, g));
        output.WriteLine(Row("**all**", Posts));
        // Only the tuning part's misses are shown: the held-out part stays unseen while the rules are tuned.
        foreach (var miss in Posts.Where(p => !p.HeldOut && SentimentScorer.Classify(p.Text, ["Acme"]) != p.Label))
            output.WriteLine($"miss (tune, {miss.Category}): expected {miss.Label}, got {SentimentScorer.Classify(miss.Text, ["Acme"])} " +
                             $"({SentimentScorer.Score(miss.Text, ["Acme"]).ToString("0.000", CultureInfo.InvariantCulture)}): {miss.Text}");

        Assert.True(Accuracy(Posts.Where(p => p.HeldOut)) >= 0.85, "held-out accuracy below 0.85");
        Assert.All(Posts.GroupBy(p => p.Category), g => Assert.True(Accuracy(g) >= 0.7, $"{g.Key}: {Accuracy(g):0.00}"));
        Assert.All(Posts.Where(p => p.HeldOut).GroupBy(p => p.Category), g => Assert.True(Accuracy(g) >= 0.7, $"{g.Key} (held-out): {Accuracy(g):0.00}"));
    }

    /// <summary>
    /// The independent set says what the scorer is worth on text unlike ours: issue 13's target
    /// (0.85 held out, no category below 0.7) is NOT met there (docs/answer-quality.md). These are
    /// the measured floors, so the figures in the docs cannot get worse unnoticed; no miss is printed.
    /// </summary>
    [Fact]
    public void IndependentSet_StaysAtItsMeasuredAccuracy()
    {
        string Cell(IEnumerable<Post> posts) => Accuracy(posts).ToString("0.00#", CultureInfo.InvariantCulture);
        string[] parts = ["A", "B", "C", "D", "E"];
        output.WriteLine("| category | " + string.Join(" | ", parts.Select(p => $"part {p}")) + " |");
        output.WriteLine("|---|" + string.Concat(parts.Select(_ => "---|")));
        foreach (var g in Independent.GroupBy(p => p.Category).Append(Independent.GroupBy(_ => "**all**").Single()))
            output.WriteLine($"| {g.Key} | " + string.Join(" | ", parts.Select(part => Cell(g.Where(p => p.Split == part)))) + " |");

        Assert.All(parts, part => Assert.Equal(200, Independent.Count(p => p.Split == part)));
        Assert.True(Accuracy(Independent.Where(p => p.Split == "A")) >= 0.94, "part A below 0.94");
        Assert.True(Accuracy(Independent.Where(p => p.Split == "B")) >= 0.905, "part B below 0.905");
        Assert.True(Accuracy(Independent.Where(p => p.Split == "C")) >= 0.80, "part C below 0.80");
    }
}
