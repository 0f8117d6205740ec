using System.Globalization;
using ByteStack.Server.Queries;
using ByteStack.Server.Sources;

namespace ByteStack.Server.Analysis;

/// <summary>
/// Turns what the sources answered into the result: normalised records (duplicates dropped),
/// per-source and overall counts, sentiment and the summary sentence. A pure function: every
/// number is computed here, in code. Counts, users and sentiment cover every post the sources
/// returned (up to the analysis cap); <c>limit</c> only caps <c>records</c>.
/// </summary>
public static class ResultBuilder
{
    private const int ExamplesPerLabel = 3;

    public static QueryResult Build(QueryPlan plan, IReadOnlyList<SourceFetch> fetches, int limit)
    {
        var scored = fetches
            .Where(f => f.Status != FetchStatus.Unavailable)
            .SelectMany(f => f.Posts.Select(p => (Fetch: f, Post: p)))
            .DistinctBy(x => (x.Fetch.Source, x.Post.Id))
            .Select(x => (x.Fetch, x.Post, Score: SentimentScorer.Score(x.Post.Text, plan.Terms)))
            .ToList();

        var ordered = plan.Intent == QueryIntent.Top
            ? scored.OrderByDescending(x => x.Post.Metrics.Values.Sum()).ThenByDescending(x => x.Post.CreatedAt)
            : scored.OrderByDescending(x => x.Post.CreatedAt);
        var analysed = ordered.Select(x => new ResultRecord(
            $"{x.Fetch.Source}:{x.Post.Id}", x.Fetch.Source, x.Post.Author, x.Post.Text, x.Post.Url, x.Post.CreatedAt,
            x.Post.Metrics, Label(x.Score))).ToList();
        var records = analysed.Take(limit).ToList();

        var bySource = fetches.ToDictionary(f => f.Source, f =>
        {
            var posts = scored.Where(x => x.Fetch.Source == f.Source).ToList();
            return new SourceSummary(
                f.Status == FetchStatus.Unavailable ? 0 : f.TotalResults,
                posts.Select(x => x.Post.AuthorId).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).Count(),
                f.Status switch { FetchStatus.Ok => "ok", FetchStatus.Empty => "empty", _ => "unavailable" },
                f.Reason, f.Code, f.RetryAt, f.WindowEnforcedBy, f.Note);
        });

        var total = bySource.Values.Sum(s => s.Mentions);
        // The same handle on two networks is not known to be one person: users are counted per source.
        var uniqueUsers = bySource.Values.Sum(s => s.UniqueUsers);
        var sentiment = Summarise(analysed, scored.ToDictionary(x => $"{x.Fetch.Source}:{x.Post.Id}", x => x.Score));
        var allNotes = plan.Notes.Concat(SourceNotes(fetches)).ToList();
        var notes = allNotes.Count > 0 ? allNotes : null;
        var summary = Summary(plan, fetches, total, sentiment);

        return new QueryResult(summary, total, total, uniqueUsers, new DateRange(plan.Window.From, plan.Window.To), bySource,
            sentiment, records, plan.Intent.ToString().ToLowerInvariant(), plan.Terms, plan.Exclusions, plan.PlannedBy, notes);
    }

    /// <summary>Sources that hit the analysis cap (so their numbers cover only the newest posts) and what quota a question spent.</summary>
    private static IEnumerable<string> SourceNotes(IReadOnlyList<SourceFetch> fetches)
    {
        foreach (var f in fetches.Where(f => f.Status != FetchStatus.Unavailable))
        {
            if (f.Capped)
                yield return $"{SourceName(f.Source)} had more matching posts than the analysis cap: the newest {f.Posts.Count.ToString("N0", CultureInfo.InvariantCulture)} were analysed" +
                             (f.TotalResults > f.Posts.Count ? $" of {f.TotalResults.ToString("N0", CultureInfo.InvariantCulture)} it counted." : "; older ones were not read.");
            if (f.QuotaUnits > 0 && f.Note is { } note) yield return note;
        }
    }

    public static Sentiment Label(double score) => score switch
    {
        >= SentimentScorer.Threshold => Sentiment.Positive,
        <= -SentimentScorer.Threshold => Sentiment.Negative,
        _ => Sentiment.Neutral,
    };

    private static SentimentSummary Summarise(IReadOnlyList<ResultRecord> records, IReadOnlyDictionary<string, double> scores)
    {
        long Count(Sentiment s) => records.Count(r => r.Sentiment == s);
        IReadOnlyList<string> Examples(Sentiment s) => records.Where(r => r.Sentiment == s)
            .OrderByDescending(r => s == Sentiment.Neutral ? -Math.Abs(scores[r.Id]) : Math.Abs(scores[r.Id]))
            .Take(ExamplesPerLabel).Select(r => r.Text.Length > 280 ? r.Text[..279] + "…" : r.Text).ToList();

        var positive = Count(Sentiment.Positive);
        return new SentimentSummary(
            records.Count == 0 ? 0 : Math.Round((double)positive / records.Count, 2),
            positive, Count(Sentiment.Negative), Count(Sentiment.Neutral), records.Count,
            new Dictionary<string, IReadOnlyList<string>>
            {
                ["positive"] = Examples(Sentiment.Positive),
                ["negative"] = Examples(Sentiment.Negative),
                ["neutral"] = Examples(Sentiment.Neutral),
            });
    }

    /// <summary>"Acme was mentioned 342 times on X today, with 71% positive sentiment."</summary>
    public static string Summary(QueryPlan plan, IReadOnlyList<SourceFetch> fetches, long total, SentimentSummary sentiment)
    {
        var answered = fetches.Where(f => f.Status != FetchStatus.Unavailable).Select(f => SourceName(f.Source)).ToList();
        var missing = fetches.Where(f => f.Status == FetchStatus.Unavailable).ToList();
        var where = answered.Count > 0 ? $"on {JoinAnd(answered)}" : "on any source";
        var subject = plan.Subject;
        var n = total.ToString("N0", CultureInfo.InvariantCulture);
        var percent = (int)Math.Round(sentiment.SentimentScore * 100);

        var sentence = plan.Intent switch
        {
            _ when answered.Count == 0 => $"{subject} could not be looked up: no source answered",
            _ when total == 0 => $"{subject} was not mentioned {where} {plan.Window.Label}",
            QueryIntent.Sentiment when sentiment.Classified > 0 =>
                $"Sentiment around {subject} {where} {plan.Window.Label}: {percent}% positive, " +
                $"{Percent(sentiment.NegativeCount, sentiment.Classified)}% negative and {Percent(sentiment.NeutralCount, sentiment.Classified)}% neutral across {n} mention{(total == 1 ? "" : "s")}",
            QueryIntent.List or QueryIntent.Top =>
                $"Found {n} post{(total == 1 ? "" : "s")} mentioning {subject} {where} {plan.Window.Label}, with {percent}% positive sentiment",
            _ => $"{subject} was mentioned {n} time{(total == 1 ? "" : "s")} {where} {plan.Window.Label}, with {percent}% positive sentiment",
        };
        if (missing.Count > 0)
            sentence += $" ({JoinAnd(missing.Select(m => $"{SourceName(m.Source)} {Describe(m.Code)}").ToList())})";
        return sentence + ".";
    }

    private static int Percent(long part, long whole) => whole == 0 ? 0 : (int)Math.Round(100.0 * part / whole);

    private static string Describe(string? code) => code switch
    {
        "rate_limited" or "quota_exceeded" => "was rate limited",
        "needs_credentials" => "needs credentials",
        _ => "was unavailable",
    };

    public static string SourceName(string source) =>
        source.StartsWith(SourceCatalog.RssPrefix, StringComparison.Ordinal)
            ? (Uri.TryCreate(source[SourceCatalog.RssPrefix.Length..], UriKind.Absolute, out var u) ? u.Host : "a feed")
            : source switch
            {
                "x" => "X",
                "hackernews" => "Hacker News",
                "youtube" => "YouTube",
                "news" => "the news",
                _ => SourceCatalog.Find(source)?.Name ?? source,
            };

    private static string JoinAnd(IReadOnlyList<string> items) =>
        items.Count <= 1 ? string.Concat(items) : $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}";
}
