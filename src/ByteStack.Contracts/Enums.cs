namespace ByteStack.Contracts;

/// <summary>A job's state: <c>active</c>, <c>running</c>, <c>paused</c> or <c>failed</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<JobState>))]
public enum JobState
{
    /// <summary>Runs on its schedule.</summary>
    Active,
    /// <summary>A run is in progress.</summary>
    Running,
    /// <summary>Stopped by the user; no <c>next_sync_at</c>.</summary>
    Paused,
    /// <summary>The last run failed; stopped until resumed.</summary>
    Failed,
}

/// <summary>How a schedule was written: a named interval or a cron expression.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<ScheduleType>))]
public enum ScheduleType
{
    /// <summary><c>every_hour</c>, <c>every_6_hours</c>, <c>every_12_hours</c> or <c>daily</c>.</summary>
    Interval,
    /// <summary>A 5-field cron expression or macro, in UTC.</summary>
    Cron,
}

/// <summary>A run's status.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<RunStatus>))]
public enum RunStatus
{
    /// <summary>Created, not yet claimed by a worker.</summary>
    Pending,
    /// <summary>Claimed by a worker.</summary>
    Running,
    /// <summary>Finished with a result file.</summary>
    Completed,
    /// <summary>Finished without a result; <c>error</c> says why.</summary>
    Failed,
    /// <summary>An occurrence that came while the job was still running, or was paused.</summary>
    Skipped,
    /// <summary>Occurrences that fell while no node was up (<c>missed_count</c> says how many).</summary>
    Missed,
}

/// <summary>What started a run.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<RunTrigger>))]
public enum RunTrigger
{
    /// <summary>The job's schedule.</summary>
    Schedule,
    /// <summary><c>POST /v1/jobs/{id}/run</c>.</summary>
    Manual,
    /// <summary>The one run that stands for occurrences missed during downtime.</summary>
    CatchUp,
}

/// <summary>A one-off query's status.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<QueryStatus>))]
public enum QueryStatus
{
    /// <summary>Waiting for a worker.</summary>
    Queued,
    /// <summary>Being answered.</summary>
    Running,
    /// <summary>Answered; <c>result</c> is set.</summary>
    Completed,
    /// <summary>No source could be asked; <c>error</c> says why.</summary>
    Failed,
}

/// <summary>Where a delivery goes.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<DeliveryKind>))]
public enum DeliveryKind
{
    /// <summary>The result file to the project's connected bucket.</summary>
    Bucket,
    /// <summary>The <c>job.completed</c> event to a webhook.</summary>
    Webhook,
}

/// <summary>A delivery's status.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<DeliveryStatus>))]
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,
    /// <summary>Done.</summary>
    Delivered,
    /// <summary>Given up on; <c>POST /v1/storage/deliveries/retry</c> tries again.</summary>
    Failed,
}

/// <summary>Whether this node can query a source.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<SourceReadiness>))]
public enum SourceReadiness
{
    /// <summary>Configured and usable.</summary>
    Ready,
    /// <summary>Needs credentials in the configuration (the detail names the setting).</summary>
    NeedsCredentials,
    /// <summary>No connector can serve it.</summary>
    Unavailable,
}

/// <summary>A record's sentiment.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SnakeCaseEnumConverter<Sentiment>))]
public enum Sentiment
{
    /// <summary>Positive.</summary>
    Positive,
    /// <summary>Negative.</summary>
    Negative,
    /// <summary>Neither.</summary>
    Neutral,
}
