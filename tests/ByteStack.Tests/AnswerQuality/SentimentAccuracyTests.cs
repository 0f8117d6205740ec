using System.Globalization;
using ByteStack.Server.Analysis;
using Xunit.Abstractions;

namespace ByteStack.Tests.AnswerQuality;

/// <summary>
/// Accuracy of the offline sentiment on labelled posts. Our own set (<c>sentiment-posts.txt</c>) and
/// the independent parts A to C ship inside the server (<c>Analysis/Labelled</c>): the rules were
/// tuned on them and <see cref="SentimentModel"/> is trained on them. The independent parts in
/// <c>sentiment-held-out.txt</c> were written blind and are neither tuned nor trained on, so they
/// say what the offline sentiment is worth on text it has never met; no test prints their misses.
/// The numbers are written to docs/answer-quality.md by hand; the assertions hold them.
/// </summary>
public sealed class SentimentAccuracyTests(ITestOutputHelper output)
{
    /// <summary>Our own set: "tune" posts were looked at while writing the rules, "held" ones were not.</summary>
    public static IReadOnlyList<LabelledPost> Posts { get; } = LabelledPost.Shipped.Where(p => p.Part is "tune" or "held").ToList();

    /// <summary>Independent parts the rules were tuned on and the model is trained on.</summary>
    public static IReadOnlyList<LabelledPost> Independent { get; } = LabelledPost.Shipped.Where(p => p.Part is not ("tune" or "held")).ToList();

    /// <summary>Independent parts held out from rules and model alike.</summary>
    public static IReadOnlyList<LabelledPost> HeldOut { get; } =
        LabelledPost.Parse(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "AnswerQuality", "sentiment-held-out.txt")));

    private static double Accuracy(IEnumerable<LabelledPost> posts, Func<string, Sentiment> classify)
    {
        var list = posts.ToList();
        return list.Count == 0 ? 1 : (double)list.Count(p => classify(p.Text) == p.Label) / list.Count;
    }

    private static Sentiment Rules(string text) => SentimentScorer.Classify(text, ["Acme"]);

    private static Sentiment Offline(string text) => OfflineSentiment.Classify(text, ["Acme"]);

    private static double Accuracy(IEnumerable<LabelledPost> posts) => Accuracy(posts, Rules);

    [Fact]
    public void LabelledSet_HasAtLeast300Posts_WithAHeldOutPartInEveryCategory()
    {
        Assert.True(Posts.Count >= 300, $"{Posts.Count} posts");
        Assert.All(Posts.GroupBy(p => p.Category), g => Assert.Contains(g, p => p.Part == "held"));
    }

    [Fact]
    public void Accuracy_MeetsTheTargets_OnTheHeldOutPartAndPerCategory()
    {
        string Row(string name, IEnumerable<LabelledPost> posts) =>
            $"| {name} | {posts.Count()} | {Accuracy(posts).ToString("0.00", CultureInfo.InvariantCulture)} | " +
            $"{posts.Count(p => p.Part == "held")} | {Accuracy(posts.Where(p => p.Part == "held")).ToString("0.00", CultureInfo.InvariantCulture)} |";
        output.WriteLine("| category | posts | accuracy | held-out posts | held-out accuracy |");
        output.WriteLine("|---|---|---|---|---|");
        foreach (var g in Posts.GroupBy(p => p.Category)) output.WriteLine(Row(g.Key, g));
        output.WriteLine(Row("**all**", Posts));
        // Only the tuning part's misses are shown: the held-out part stays unseen while the rules are tuned.
        foreach (var miss in Posts.Where(p => p.Part != "held" && SentimentScorer.Classify(p.Text, ["Acme"]) != p.Label))
            output.WriteLine($"miss (tune, {miss.Category}): expected {miss.Label}, got {SentimentScorer.Classify(miss.Text, ["Acme"])} " +
                             $"({SentimentScorer.Score(miss.Text, ["Acme"]).ToString("0.000", CultureInfo.InvariantCulture)}): {miss.Text}");

        Assert.True(Accuracy(Posts.Where(p => p.Part == "held")) >= 0.85, "held-out accuracy below 0.85");
        Assert.All(Posts.GroupBy(p => p.Category), g => Assert.True(Accuracy(g) >= 0.7, $"{g.Key}: {Accuracy(g):0.00}"));
        Assert.All(Posts.Where(p => p.Part == "held").GroupBy(p => p.Category), g => Assert.True(Accuracy(g) >= 0.7, $"{g.Key} (held-out): {Accuracy(g):0.00}"));
    }

    /// <summary>
    /// The rules alone on every independent part: parts A to C were tuned on, the held-out parts
    /// show what the rules are worth alone on text they were not written against (about 0.7).
    /// </summary>
    [Fact]
    public void Rules_OnEveryIndependentPart_StayAtTheirMeasuredAccuracy()
    {
        var all = Independent.Concat(HeldOut).ToList();
        output.WriteLine(Table(all, Rules));
        Assert.True(Accuracy(all.Where(p => p.Part == "A")) >= 0.94, "part A below 0.94");
        Assert.True(Accuracy(all.Where(p => p.Part == "B")) >= 0.91, "part B below 0.91");
        Assert.True(Accuracy(all.Where(p => p.Part == "C")) >= 0.805, "part C below 0.805");
        Assert.True(Accuracy(all.Where(p => p.Part == "D")) >= 0.805, "part D below 0.805");
        Assert.True(Accuracy(all.Where(p => p.Part == "E")) >= 0.80, "part E below 0.80");
        Assert.True(Accuracy(all.Where(p => p.Part == "F")) >= 0.72, "part F below 0.72");
        Assert.True(Accuracy(all.Where(p => p.Part == "G")) >= 0.685, "part G below 0.685");
    }

    /// <summary>
    /// Rules and model together (<see cref="OfflineSentiment"/>), what the product uses without a
    /// chat model, on the held-out parts: the measured floors of docs/answer-quality.md.
    /// </summary>
    [Fact]
    public void OfflineSentiment_OnTheHeldOutParts_StaysAtItsMeasuredAccuracy()
    {
        output.WriteLine(Table(HeldOut, Offline));
        output.WriteLine(Table(HeldOut.Select(p => p with { Part = "F and G" }).ToList(), Offline));
        Assert.Equal((199, 200), (HeldOut.Count(p => p.Part == "F"), HeldOut.Count(p => p.Part == "G")));
        // Issue 13's target, on the held-out part as a whole: 0.85 overall and no category below 0.7.
        Assert.True(Accuracy(HeldOut, Offline) >= 0.85, $"held-out accuracy {Accuracy(HeldOut, Offline):0.000} below 0.85");
        Assert.All(HeldOut.GroupBy(p => p.Category), g => Assert.True(Accuracy(g, Offline) >= 0.7, $"{g.Key} (held out): {Accuracy(g, Offline):0.00}"));
        // The measured floors of each part (docs/answer-quality.md).
        Assert.True(Accuracy(HeldOut.Where(p => p.Part == "F"), Offline) >= 0.909, "part F below 0.909");
        Assert.True(Accuracy(HeldOut.Where(p => p.Part == "G"), Offline) >= 0.88, "part G below 0.88");
    }

    /// <summary>A markdown table of accuracy by category (rows) and part (columns).</summary>
    private static string Table(IReadOnlyList<LabelledPost> posts, Func<string, Sentiment> classify)
    {
        string Cell(IEnumerable<LabelledPost> some) => Accuracy(some, classify).ToString("0.00#", CultureInfo.InvariantCulture);
        var parts = posts.Select(p => p.Part).Distinct().Order().ToList();
        var lines = new List<string>
        {
            "| category | " + string.Join(" | ", parts.Select(p => $"part {p}")) + " |",
            "|---|" + string.Concat(parts.Select(_ => "---|")),
        };
        foreach (var g in posts.GroupBy(p => p.Category).Append(posts.GroupBy(_ => "**all**").Single()))
            lines.Add($"| {g.Key} | " + string.Join(" | ", parts.Select(part => Cell(g.Where(p => p.Part == part)))) + " |");
        return string.Join('\n', lines);
    }
}
