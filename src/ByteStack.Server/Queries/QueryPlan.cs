namespace ByteStack.Server.Queries;

/// <summary>
/// What the question asks for, which decides what the summary leads with: mentions (<c>Count</c>),
/// unique authors (<c>Users</c>), the negative or positive count, the sentiment split, or posts.
/// </summary>
public enum QueryIntent { Count, Sentiment, List, Top, Users, Negative, Positive }

/// <summary>
/// What a prompt asks, in a form connectors can execute: the terms to match (any of them),
/// terms to exclude, the intent, the time window and the sources. <see cref="Notes"/> records
/// what the planner reconciled (e.g. a source named in the prompt but not selected).
/// Terms follow <see cref="Sources.SourceQuery"/>'s rules (<c>#tag</c>, <c>@handle</c>).
/// </summary>
public sealed record QueryPlan(
    IReadOnlyList<string> Terms, IReadOnlyList<string> Exclusions, QueryIntent Intent, TimeWindow Window,
    IReadOnlyList<string> Sources, IReadOnlyList<string> Notes, string PlannedBy = "rules")
{
    /// <summary>ISO 639-1 language the posts must be in ("in English" → <c>en</c>), or null for any.</summary>
    public string? Language { get; init; }

    /// <summary>Whether reposts/retweets count as mentions; only when the question asks for them.</summary>
    public bool IncludeReposts { get; init; }

    /// <summary>Accounts whose posts are excluded ("except posts from @acmejobs" → <c>acmejobs</c>).</summary>
    public IReadOnlyList<string> ExcludedAuthors { get; init; } = [];

    /// <summary>Why the prompt cannot be answered as asked (e.g. a time phrase not understood); the query then fails with it.</summary>
    public string? Refusal { get; init; }

    /// <summary>The subject as a person would name it in a sentence ("Acme").</summary>
    public string Subject => Terms.Count switch
    {
        0 => "The query",
        1 => Terms[0],
        _ => string.Join(", ", Terms.Take(Terms.Count - 1)) + " and " + Terms[^1],
    };
}
