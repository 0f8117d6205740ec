using System.Text.Json.Serialization;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;

namespace ByteStack.Server.Jobs;

/// <summary>The job object of SPEC §2.</summary>
public sealed record JobResponse(
    string Id, string Name, string Prompt, IReadOnlyList<string> Sources, ScheduleResponse Schedule, int Limit,
    DateRangeResponse? DateRange, string? WebhookUrl, JobState State, DateTimeOffset? LastSyncAt, DateTimeOffset? NextSyncAt,
    LastRunResponse? LastRun,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Failure,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static JobResponse From(Job job, Run? lastRun) => new(
        job.Id, job.Name, job.Prompt, job.Sources, ScheduleResponse.From(job.Schedule), job.Limit,
        job.DateRange is { } r ? new DateRangeResponse(r.Start, r.End) : null, job.WebhookUrl, job.State,
        job.LastSyncAt, job.NextSyncAt, lastRun is null ? null : LastRunResponse.From(lastRun), job.Failure, job.CreatedAt, job.UpdatedAt);
}

public sealed record DateRangeResponse(DateTimeOffset Start, DateTimeOffset End);

/// <summary><c>{type, interval|expression, description}</c>: the form every schedule input is answered in.</summary>
public sealed record ScheduleResponse(
    ScheduleType Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Interval,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Expression,
    string Description)
{
    public static ScheduleResponse From(Schedule schedule) => schedule.Type == ScheduleType.Interval
        ? new(schedule.Type, schedule.Value, null, schedule.Description)
        : new(schedule.Type, null, schedule.Value, schedule.Description);
}
