using System.Text.Json.Serialization;

namespace ByteStack.Server.Runs;

/// <summary>The run object of SPEC §2.</summary>
public sealed record RunResponse(
    string Id, string JobId, RunTrigger Trigger, DateTimeOffset ScheduledFor, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    long? DurationMs, RunStatus Status, long? RecordCount, long? TotalResults,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    string? ResultKey, int Attempt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? MissedCount,
    IReadOnlyDictionary<string, string> Deliveries)
{
    private static readonly IReadOnlyDictionary<string, string> NoDeliveries = new Dictionary<string, string>();

    /// <param name="deliveries">The run's outbox rows summarised by kind (<c>bucket</c>, <c>webhook</c>): pending, delivered or failed.</param>
    public static RunResponse From(Run run, IReadOnlyDictionary<string, string>? deliveries = null) => new(
        run.Id, run.JobId, run.Trigger, run.ScheduledFor, run.StartedAt, run.CompletedAt, run.DurationMs, run.Status,
        run.RecordCount, run.TotalResults, run.Error, run.ResultKey, run.Attempt, run.MissedCount, deliveries ?? NoDeliveries);
}

/// <summary>The job object's <c>last_run</c>.</summary>
public sealed record LastRunResponse(string Id, RunStatus Status, RunTrigger Trigger, DateTimeOffset ScheduledFor, DateTimeOffset? CompletedAt)
{
    public static LastRunResponse From(Run run) => new(run.Id, run.Status, run.Trigger, run.ScheduledFor, run.CompletedAt);
}
