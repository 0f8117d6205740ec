namespace ByteStack.Contracts;

/// <summary>
/// A schedule as a client writes it: a string (<c>"daily"</c>, <c>"0 8 * * *"</c>, <c>"@hourly"</c>) or an
/// object <c>{"type": "interval", "interval": "daily"}</c> / <c>{"type": "cron", "expression": "0 8 * * *"}</c>.
/// </summary>
/// <param name="Text">The string form, when the schedule was written as a string.</param>
/// <param name="Type">The object form's <c>type</c>: <c>interval</c> or <c>cron</c>.</param>
/// <param name="Interval">The object form's interval name.</param>
/// <param name="Expression">The object form's cron expression.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(ScheduleInputConverter))]
public sealed record ScheduleInput(string? Text, string? Type = null, string? Interval = null, string? Expression = null)
{
    /// <summary>A schedule written as a string.</summary>
    public static implicit operator ScheduleInput(string text) => new(text);
}

/// <summary>The body of <c>POST /v1/jobs</c>.</summary>
public sealed record CreateJobRequest
{
    /// <summary>A name for people (≤ 200 characters). Required.</summary>
    public string? Name { get; init; }
    /// <summary>The question (≤ 4,000 characters). Required.</summary>
    public string? Prompt { get; init; }
    /// <summary>Source ids (<c>hackernews</c>, <c>news</c>, <c>rss:https://…</c>, …). Required.</summary>
    public IReadOnlyList<string>? Sources { get; init; }
    /// <summary>When it runs. Required.</summary>
    public ScheduleInput? Schedule { get; init; }
    /// <summary>Records fetched per run, 1–1000 (default 100).</summary>
    public int? Limit { get; init; }
    /// <summary>A fixed window instead of the prompt's own ("today", "last 7 days", …).</summary>
    public DateRangeInput? DateRange { get; init; }
    /// <summary>An http(s) URL notified after each run, signed with the project's signing secret.</summary>
    public string? WebhookUrl { get; init; }
}

/// <summary>
/// The body of <c>PATCH /v1/jobs/{id}</c>: absent fields stay as they are; <c>null</c> clears
/// <c>date_range</c> and <c>webhook_url</c>.
/// </summary>
public sealed record UpdateJobRequest
{
    /// <summary>A new name.</summary>
    public string? Name { get; init; }
    /// <summary>A new prompt.</summary>
    public string? Prompt { get; init; }
    /// <summary>New sources.</summary>
    public IReadOnlyList<string>? Sources { get; init; }
    /// <summary>A new schedule; <c>next_sync_at</c> is computed from now.</summary>
    public ScheduleInput? Schedule { get; init; }
    /// <summary>A new limit, 1–1000.</summary>
    public int? Limit { get; init; }
    /// <summary>A new window; null clears it.</summary>
    public DateRangeInput? DateRange { get; init; }
    /// <summary>A new webhook URL; null clears it.</summary>
    public string? WebhookUrl { get; init; }
    /// <summary><c>paused</c> or <c>active</c>; <c>running</c> and <c>failed</c> are set by runs.</summary>
    public JobState? State { get; init; }

    /// <summary>
    /// The fields sent as JSON <c>null</c> (snake_case names): <c>date_range</c> and <c>webhook_url</c> are
    /// cleared, required fields refused. Filled by the server from the JSON body; callers in process set it to clear fields.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyCollection<string> Nulls { get; init; } = [];
}

/// <summary>The job object.</summary>
public sealed record JobResponse(
    string Id, string Name, string Prompt, IReadOnlyList<string> Sources, ScheduleResponse Schedule, int Limit,
    DateRange? DateRange, string? WebhookUrl, JobState State, DateTimeOffset? LastSyncAt, DateTimeOffset? NextSyncAt,
    LastRunResponse? LastRun,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Failure,
    IReadOnlyList<JobWarning> Warnings,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Something that will keep a job from working as asked, e.g. a source without credentials.</summary>
/// <param name="Code">Stable code, e.g. <c>source_needs_credentials</c>.</param>
/// <param name="Source">The source concerned.</param>
/// <param name="Detail">What to do, naming the setting to add.</param>
public sealed record JobWarning(string Code, string Source, string Detail);

/// <summary><c>{type, interval|expression, description}</c>: the form every schedule is answered in.</summary>
public sealed record ScheduleResponse(
    ScheduleType Type,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Interval,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Expression,
    string Description);

/// <summary>The job object's <c>last_run</c>.</summary>
public sealed record LastRunResponse(string Id, RunStatus Status, RunTrigger Trigger, DateTimeOffset ScheduledFor, DateTimeOffset? CompletedAt);

/// <summary>The answer of <c>GET /v1/schedules/preview</c>: the schedule described, and its next fire times.</summary>
public sealed record SchedulePreviewResponse(ScheduleResponse Schedule, IReadOnlyList<DateTimeOffset> Next);
