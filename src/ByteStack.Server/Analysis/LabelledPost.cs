namespace ByteStack.Server.Analysis;

/// <summary>A labelled post of the sets in <c>Analysis/Labelled</c>: <paramref name="Part"/> is "tune" or "held" (our own set) or the independent set's part.</summary>
public sealed record LabelledPost(Sentiment Label, string Category, string Part, string Text)
{
    /// <summary>Reads the <c>label | category | part | text</c> lines of a labelled set; lines starting with # are comments.</summary>
    public static IReadOnlyList<LabelledPost> Parse(IEnumerable<string> lines) => lines
        .Select((line, index) => (Line: line, Number: index + 1))
        .Where(l => l.Line.Length > 0 && !l.Line.StartsWith('#'))
        .Select(l => l.Line.Split(" | ", 4) switch
        {
            [var label, var category, var part, var text] when text.Length > 0 => new LabelledPost(
                label switch
                {
                    "pos" => Sentiment.Positive, "neg" => Sentiment.Negative, "neu" => Sentiment.Neutral,
                    _ => throw new FormatException($"line {l.Number}: unknown label '{label}'"),
                },
                category, part, text),
            _ => throw new FormatException($"line {l.Number}: expected 'label | category | part | text'"),
        })
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
