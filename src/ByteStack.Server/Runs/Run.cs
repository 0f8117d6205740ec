namespace ByteStack.Server.Runs;

/// <summary>
/// One occurrence of a job, unique on <c>(job_id, scheduled_for)</c>. <see cref="Attempt"/> counts
/// claims and is the fencing token: only the holder of the latest attempt may renew, complete or
/// release the run.
/// </summary>
public sealed record Run(
    string Id, string ProjectId, string JobId, RunTrigger Trigger, DateTimeOffset ScheduledFor, RunStatus Status,
    int? MissedCount, int Attempt, string? LeaseOwner, DateTimeOffset? LeaseExpiresAt,
    DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt, long? DurationMs, long? RecordCount, long? TotalResults,
    string? Error, string? ResultKey, DateTimeOffset CreatedAt);
