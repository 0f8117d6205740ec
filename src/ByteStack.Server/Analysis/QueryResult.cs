using System.Text.Json.Serialization;

namespace ByteStack.Server.Analysis;

/// <summary>The <c>result</c> object of SPEC §4, as stored in result files and answered by the API.</summary>
public sealed record QueryResult(
    string Summary, long TotalResults, long TotalMentions, long UniqueUsers, ResultWindow DateRange,
    IReadOnlyDictionary<string, SourceSummary> BySource, SentimentSummary Sentiment, IReadOnlyList<ResultRecord> Records,
    string Intent, IReadOnlyList<string> Terms, IReadOnlyList<string> Exclusions, string PlannedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Notes)
{
    /// <summary>Each term's own count ("Globex or Initech" → both); a post naming two terms counts for each.</summary>
    public IReadOnlyDictionary<string, long> ByTerm { get; init; } = new Dictionary<string, long>();

    /// <summary>The ISO 639-1 language the posts were limited to, if the question named one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    /// <summary>Accounts whose posts were left out.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ExcludedAuthors { get; init; }

    /// <summary>Whether retweets and reposts were counted (only when the question asked for them).</summary>
    public bool IncludeReposts { get; init; }
}

public sealed record ResultWindow(DateTimeOffset From, DateTimeOffset To);

/// <summary>Per source: what it counted, or why it could not be asked.</summary>
public sealed record SourceSummary(
    long Mentions, long UniqueUsers, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RetryAt,
    string WindowEnforcedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

/// <summary>
/// Counts over the classified records (<see cref="Classified"/>): they add up to it, and
/// <see cref="SentimentScore"/> is positive ÷ classified. When a source reports more matches
/// than <c>limit</c> lets us fetch, only fetched records can be classified.
/// </summary>
public sealed record SentimentSummary(
    double SentimentScore, long PositiveCount, long NegativeCount, long NeutralCount, long Classified,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples);

public sealed record ResultRecord(
    string Id, string Source, string Author, string Text, string Url, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, long> Metrics, Sentiment Sentiment);
