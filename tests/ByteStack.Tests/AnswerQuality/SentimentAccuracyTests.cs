using System.Globalization;
using ByteStack.Server.Analysis;
using Xunit.Abstractions;

namespace ByteStack.Tests.AnswerQuality;

/// <summary>
/// Accuracy of the offline sentiment on labelled posts. Our own set (<c>sentiment-posts.txt</c>) and
/// the independent parts A to I ship inside the server (<c>Analysis/Labelled</c>): the rules were
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
    /// The rules alone on every independent part: the parts they were tuned on hold their measured
    /// floors (tuned on lightly: F to I only for their hardest posts); on the held-out parts J to M
    /// the rules alone get about 0.73, which is why the model votes with them.
    /// </summary>
    [Fact]
    public void Rules_OnEveryIndependentPart_StayAtTheirMeasuredAccuracy()
    {
        output.WriteLine(Table(Independent.Concat(HeldOut).ToList(), Rules));
        var floors = new Dictionary<string, double>
        {
            ["A"] = 0.935, ["B"] = 0.91, ["C"] = 0.815, ["D"] = 0.805, ["E"] = 0.79, ["F"] = 0.73, ["G"] = 0.73, ["H"] = 0.71, ["I"] = 0.73,
        };
        Assert.All(floors, floor =>
        {
            var accuracy = Accuracy(Independent.Where(p => p.Part == floor.Key));
            Assert.True(accuracy >= floor.Value, $"part {floor.Key}: {accuracy:0.000} below {floor.Value}");
        });
    }

    /// <summary>
    /// Rules and model together (<see cref="OfflineSentiment"/>), what the product uses without a
    /// chat model, on the held-out parts J to M: issue 13's target (0.85 held out, no category below
    /// 0.7) on the held-out part as a whole and on each part. Messages carry numbers only, so a
    /// failure never prints a held-out post.
    /// </summary>
    [Fact]
    public void OfflineSentiment_OnTheHeldOutParts_MeetsTheTarget()
    {
        output.WriteLine(Table(HeldOut, Offline));
        output.WriteLine(Table(HeldOut.Select(p => p with { Part = "J to M" }).ToList(), Offline));
        Assert.Equal([("J", 199), ("K", 200), ("L", 197), ("M", 199)], HeldOut.GroupBy(p => p.Part).Select(g => (g.Key, g.Count())).Order());

        var overall = Accuracy(HeldOut, Offline);
        Assert.True(overall >= 0.85, $"held-out accuracy {overall:0.000} below 0.85");
        foreach (var category in HeldOut.GroupBy(p => p.Category))
        {
            var accuracy = Accuracy(category, Offline);
            Assert.True(accuracy >= 0.7, $"{category.Key} (held out): {accuracy:0.000} below 0.7");
        }
        foreach (var part in HeldOut.GroupBy(p => p.Part))
        {
            var accuracy = Accuracy(part, Offline);
            Assert.True(accuracy >= 0.85, $"part {part.Key}: {accuracy:0.000} below 0.85");
        }
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
