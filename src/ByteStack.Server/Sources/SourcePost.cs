namespace ByteStack.Server.Sources;

/// <summary>
/// One post as a connector found it, before analysis. <see cref="Id"/> is the source's own id.
/// <see cref="Author"/> is what people read (a handle, a channel title); <see cref="AuthorId"/>
/// is who the author is, as <see cref="AuthorIdentity"/> decides for each source, and what
/// <c>unique_users</c> counts ("" for no known person, such as Reddit's <c>[deleted]</c>).
/// </summary>
public sealed record SourcePost(
    string Id, string Author, string Text, string Url, DateTimeOffset CreatedAt, IReadOnlyDictionary<string, long> Metrics)
{
    public string AuthorId { get; init; } = Author;

    /// <summary>The languages the source says the post is in (ISO 639-1, maybe with a region); empty when it does not say.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>A repost, boost or crosspost of someone else's post: not a mention unless the question asks for them.</summary>
    public bool IsRepost { get; init; }
}

/// <summary>
/// What to ask one source. <see cref="Terms"/> match if any of them does; a term starting with
/// <c>#</c> is a hashtag and one starting with <c>@</c> a handle (the account is mentioned).
/// <see cref="MaxPosts"/> is the analysis cap: how many matching posts to fetch and analyse,
/// not how many records the answer returns. <see cref="Language"/> is an ISO 639-1 code
/// (the source's language filter, or a filter on the records where it has none);
/// reposts and retweets are not mentions unless <see cref="IncludeReposts"/>.
/// </summary>
public sealed record SourceQuery(
    string Source, IReadOnlyList<string> Terms, IReadOnlyList<string> Exclusions, Queries.TimeWindow Window, int MaxPosts)
{
    public string? Language { get; init; }
    public bool IncludeReposts { get; init; }
    public IReadOnlyList<string> ExcludedAuthors { get; init; } = [];
}

public enum FetchStatus { Ok, Empty, Unavailable }

/// <summary>
/// What one source answered. "No posts" (<see cref="FetchStatus.Empty"/>) and "could not ask"
/// (<see cref="FetchStatus.Unavailable"/>, with <see cref="Code"/> and <see cref="Reason"/>) are
/// different outcomes and are never confused. <see cref="TotalResults"/> is the number of
/// matches the API reports for the window, which may exceed the posts fetched.
/// <see cref="Capped"/> says the analysis cap (<see cref="SourceQuery.MaxPosts"/>) stopped the
/// fetch while more matches were left; <see cref="QuotaUnits"/> is what the fetch cost in the
/// API's own quota units, for APIs that count them (YouTube).
/// </summary>
public sealed record SourceFetch(
    string Source, FetchStatus Status, IReadOnlyList<SourcePost> Posts, long TotalResults,
    string WindowEnforcedBy, string? Code = null, string? Reason = null, DateTimeOffset? RetryAt = null, string? Note = null)
{
    public bool Capped { get; init; }

    public long QuotaUnits { get; init; }

    public static SourceFetch Unavailable(string source, string code, string reason, DateTimeOffset? retryAt = null) =>
        new(source, FetchStatus.Unavailable, [], 0, "none", code, reason, retryAt);

    /// <summary>Each term's own count of matches, when the source can tell them apart (several terms); null otherwise.</summary>
    public IReadOnlyDictionary<string, long>? TermCounts { get; init; }
}

/// <summary>Thrown inside a connector when the source cannot be asked; becomes an Unavailable fetch.</summary>
public sealed class SourceUnavailableException(string code, string reason, DateTimeOffset? retryAt = null) : Exception(reason)
{
    public string Code { get; } = code;
    public DateTimeOffset? RetryAt { get; } = retryAt;
}
