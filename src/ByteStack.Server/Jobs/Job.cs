using ByteStack.Server.Scheduling;

namespace ByteStack.Server.Jobs;

public sealed record Job(
    string Id, string ProjectId, string Name, string Prompt, IReadOnlyList<string> Sources, Schedule Schedule,
    int Limit, DateRange? DateRange, string? WebhookUrl, JobState State,
    DateTimeOffset? LastSyncAt, DateTimeOffset? NextSyncAt, string? Failure,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version);

/// <summary>What a client may set when creating a job, already validated.</summary>
public sealed record JobDraft(
    string Name, string Prompt, IReadOnlyList<string> Sources, Schedule Schedule, int Limit, DateRange? DateRange, string? WebhookUrl);

/// <summary>A field a PATCH may set to a value or clear with <c>null</c>; <see cref="IsSet"/> says whether it was sent.</summary>
public readonly record struct Optional<T>(bool IsSet, T Value)
{
    public T Or(T current) => IsSet ? Value : current;
}

/// <summary>What a PATCH changes; absent fields stay as they are.</summary>
public sealed record JobPatch(
    string? Name = null, string? Prompt = null, IReadOnlyList<string>? Sources = null, Schedule? Schedule = null, int? Limit = null,
    Optional<DateRange?> DateRange = default, Optional<string?> WebhookUrl = default, JobState? State = null);
