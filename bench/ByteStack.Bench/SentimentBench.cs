using System.Diagnostics;
using ByteStack.Server.Analysis;

/// <summary>
/// What offline sentiment costs per post: the rules alone (the baseline, what the product ran
/// before the model), the learned model alone, and the two voting together as the product reads a
/// post, over the labelled posts the server ships, read several times after two warm-up passes; and
/// what training the model at startup costs.
/// </summary>
public static class SentimentBench
{
    public static void Run(int rounds)
    {
        var texts = LabelledPost.Shipped.Select(p => p.Text).ToList();
        string[] terms = ["Acme"];

        var training = Stopwatch.StartNew();
        _ = SentimentModel.Train(LabelledPost.Shipped);
        Console.WriteLine($"Training on {texts.Count:N0} labelled posts (a fresh process, JIT included): {training.Elapsed.TotalMilliseconds:N0} ms");
        _ = SentimentModel.Shared;

        var readers = new (string Name, Action<string> Read)[]
        {
            ("rules alone (SentimentScorer, the baseline)", t => SentimentScorer.Score(t, terms)),
            ("model alone (SentimentModel)", t => SentimentModel.Shared.Probabilities(t, terms)),
            ("rules and model voting (OfflineSentiment, the product)", t => OfflineSentiment.Read(t, terms)),
        };
        Console.WriteLine();
        Console.WriteLine($"| reader | µs per post (mean of {rounds} passes over {texts.Count:N0} posts) | per 10,000 posts |");
        Console.WriteLine("|---|---:|---:|");
        // Two warm-up passes of every reader first, so no reader pays for the JIT's tiering of code they share.
        for (var pass = 0; pass < 2; pass++)
            foreach (var (_, read) in readers)
                foreach (var text in texts) read(text);
        foreach (var (name, read) in readers)
        {
            var clock = Stopwatch.StartNew();
            for (var round = 0; round < rounds; round++)
                foreach (var text in texts) read(text);
            var perPost = clock.Elapsed.TotalMicroseconds / (rounds * texts.Count);
            Console.WriteLine($"| {name} | {perPost:N1} | {perPost * 10_000 / 1_000_000:N2} s |");
        }
    }
}
