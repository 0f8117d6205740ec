using System.Text.Json.Serialization;

namespace ByteStack.Contracts;

/// <summary>The body of <c>POST /v1/queries</c>.</summary>
public sealed record CreateQueryRequest
{
    /// <summary>The question (≤ 4,000 characters). Required.</summary>
    public string? Prompt { get; init; }
    /// <summary>Source ids. Required.</summary>
    public IReadOnlyList<string>? Sources { get; init; }
    /// <summary>A fixed window instead of the prompt's own.</summary>
    public DateRangeInput? DateRange { get; init; }
    /// <summary>Records fetched, 1–1000 (default 100).</summary>
    public int? Limit { get; init; }
}

/// <summary>The answer of <c>POST /v1/queries</c> while the query is not finished (202).</summary>
/// <param name="Id">The query's id.</param>
/// <param name="QueryId">The same id (the name some docs use).</param>
public sealed record QueuedQueryResponse(string Id, string QueryId, QueryStatus Status, DateTimeOffset CreatedAt);

/// <summary>The query object; <c>result</c> only when completed, <c>error</c> only when failed.</summary>
public sealed record QueryResponse(
    string Id, string QueryId, QueryStatus Status, string Prompt, IReadOnlyList<string> Sources, DateRange? DateRange, int Limit,
    DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] QueryResult? Result,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResultKey);

/// <summary>The answer to a question: counts, sentiment, records and a summary sentence.</summary>
/// <param name="DateRange">The window the posts were counted in.</param>
/// <param name="PlannedBy"><c>rules</c> or <c>llm</c>.</param>
/// <param name="Notes">What the reader should know (a source named in the prompt but not queried, …).</param>
public sealed record QueryResult(
    string Summary, long TotalResults, long TotalMentions, long UniqueUsers, DateRange DateRange,
    IReadOnlyDictionary<string, SourceSummary> BySource, SentimentSummary Sentiment, IReadOnlyList<ResultRecord> Records,
    string Intent, IReadOnlyList<string> Terms, IReadOnlyList<string> Exclusions, string PlannedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Notes)
{
    /// <summary>Each term's own count ("Globex or Initech" → both); a post naming two terms counts for each.</summary>
    public IReadOnlyDictionary<string, long> ByTerm { get; init; } = new Dictionary<string, long>();

    /// <summary>The ISO 639-1 language the posts were limited to, when the question named one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Language { get; init; }

    /// <summary>Accounts whose posts were left out ("except posts from @acmejobs").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ExcludedAuthors { get; init; }

    /// <summary>Whether retweets and reposts were counted (only when the question asked for them).</summary>
    public bool IncludeReposts { get; init; }
}

/// <summary>Per source: what it counted, or why it could not be asked.</summary>
/// <param name="Status"><c>ok</c>, <c>empty</c> or <c>unavailable</c>.</param>
/// <param name="WindowEnforcedBy"><c>api</c> when the source filtered by time itself, <c>client</c> when ByteStack did.</param>
public sealed record SourceSummary(
    long Mentions, long UniqueUsers, string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorCode,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? RetryAt,
    string WindowEnforcedBy,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note);

/// <summary>
/// Counts over the classified posts (<see cref="Classified"/>): every post the sources returned,
/// up to the analysis cap, not only the <c>limit</c> records shown. They add up to it, and
/// <see cref="SentimentScore"/> is positive ÷ classified.
/// </summary>
public sealed record SentimentSummary(
    double SentimentScore, long PositiveCount, long NegativeCount, long NeutralCount, long Classified,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Examples);

/// <summary>One post, normalised across sources.</summary>
public sealed record ResultRecord(
    string Id, string Source, string Author, string Text, string Url, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, long> Metrics, Sentiment Sentiment);

/// <summary>The result file of a job's run, as stored at its <c>result_key</c>.</summary>
public sealed record JobResultFile(string JobId, string RunId, string Prompt, IReadOnlyList<string> Sources, DateTimeOffset CompletedAt, QueryResult Result);

/// <summary>The result file of a one-off query, as stored at its <c>result_key</c>.</summary>
public sealed record QueryResultFile(string QueryId, string Prompt, IReadOnlyList<string> Sources, DateTimeOffset CompletedAt, QueryResult Result);
