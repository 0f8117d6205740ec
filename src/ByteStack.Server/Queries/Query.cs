using ByteStack.Server.Jobs;

namespace ByteStack.Server.Queries;

/// <summary>A one-off question, run once in the background.</summary>
public sealed record Query(
    string Id, string ProjectId, string Prompt, IReadOnlyList<string> Sources, DateRange? DateRange, int Limit,
    QueryStatus Status, string? Error, string? ResultKey, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt);
