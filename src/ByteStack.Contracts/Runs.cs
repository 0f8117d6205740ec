namespace ByteStack.Contracts;

/// <summary>The run object.</summary>
/// <param name="Deliveries">The run's deliveries by kind (<c>bucket</c>, <c>webhook</c>): pending, delivered or failed.</param>
public sealed record RunResponse(
    string Id, string JobId, RunTrigger Trigger, DateTimeOffset ScheduledFor, DateTimeOffset? StartedAt, DateTimeOffset? CompletedAt,
    long? DurationMs, RunStatus Status, long? RecordCount, long? TotalResults,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Error,
    string? ResultKey, int Attempt,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] int? MissedCount,
    IReadOnlyDictionary<string, DeliveryStatus> Deliveries);

/// <summary>An occurrence still to come today.</summary>
public sealed record UpcomingRun(string JobId, DateTimeOffset At);

/// <summary>A day of runs: those that started, and those still to come.</summary>
/// <param name="Date">The day, <c>YYYY-MM-DD</c>, in <see cref="Tz"/>.</param>
/// <param name="Tz">The IANA time zone the day is counted in.</param>
public sealed record TimelineResponse(string Date, string Tz, IReadOnlyList<RunResponse> Done, IReadOnlyList<UpcomingRun> Upcoming);

/// <summary>One raw answer a source gave a run.</summary>
public sealed record RawLogResponse(string Key, string Source, string Method, string Url, int Status, DateTimeOffset ReceivedAt, long SizeBytes, bool Truncated, string Body);

/// <summary>A run's raw source answers.</summary>
public sealed record RawLogsResponse(string RunId, IReadOnlyList<RawLogResponse> Data);

