using ByteStack.Server.Hosting;
using ByteStack.Server.Queries;
using ByteStack.Server.Scheduling;

namespace ByteStack.Server.Jobs;

/// <summary>Validates <see cref="CreateJobRequest"/> and <see cref="UpdateJobRequest"/> into drafts and patches, every error at once.</summary>
public static class JobRequest
{
    public const int MaxPromptLength = QueryFields.MaxPromptLength;
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2048;

    /// <param name="now">When the prompt's time phrase is read, to refuse one the rules cannot read (<see cref="RulePlanner.RefuseJobPrompt"/>).</param>
    public static JobDraft? ReadCreate(CreateJobRequest request, FieldChecks checks, DateTimeOffset now)
    {
        if (checks.BodyInvalid) return null;
        var name = checks.Required("name", request.Name, MaxNameLength);
        var prompt = checks.Required("prompt", request.Prompt, MaxPromptLength, multiline: true);
        var sources = QueryFields.ReadSources(checks, request.Sources, required: true);
        var schedule = ReadSchedule(checks, request.Schedule, required: true);
        var limit = checks.Int("limit", request.Limit, 1, 1000) ?? JobRules.DefaultLimit;
        var dateRange = QueryFields.ReadDateRange(checks, request.DateRange, sentNull: false);
        var webhookUrl = ReadWebhookUrl(checks, request.WebhookUrl, sentNull: false);
        if (prompt is not null && checks.Unchecked("date_range"))
            CheckTime(checks, prompt, dateRange.Value is not null, now);

        return checks.Problem is null
            ? new JobDraft(name!, prompt!, sources!, schedule!, limit, dateRange.Value, webhookUrl.Value)
            : null;
    }

    public static JobPatch? ReadPatch(UpdateJobRequest request, FieldChecks checks)
    {
        if (checks.BodyInvalid) return null;
        // In a PATCH, null clears optional fields; required ones cannot be cleared.
        foreach (var required in new[] { "name", "prompt", "sources", "schedule", "limit", "state" })
        {
            if (request.Nulls.Contains(required) && checks.Unchecked(required))
                checks.Add(required, ErrorCodes.InvalidField(required), $"{required} cannot be null.");
        }
        var patch = new JobPatch(
            Name: checks.String("name", request.Name, MaxNameLength),
            Prompt: checks.String("prompt", request.Prompt, MaxPromptLength, multiline: true),
            Sources: request.Sources is null ? null : QueryFields.ReadSources(checks, request.Sources, required: false),
            Schedule: request.Schedule is null ? null : ReadSchedule(checks, request.Schedule, required: false),
            Limit: checks.Int("limit", request.Limit, 1, 1000),
            DateRange: QueryFields.ReadDateRange(checks, request.DateRange, request.Nulls.Contains("date_range")),
            WebhookUrl: ReadWebhookUrl(checks, request.WebhookUrl, request.Nulls.Contains("webhook_url")),
            State: ReadState(checks, request.State));
        return checks.Problem is null ? patch : null;
    }

    /// <summary>A prompt naming a time the rules cannot read is refused unless date_range replaces it: it must never become a default window in silence.</summary>
    public static void CheckTime(FieldChecks checks, string prompt, bool hasDateRange, DateTimeOffset now)
    {
        if (RulePlanner.RefuseJobPrompt(prompt, hasDateRange, now) is { } why) checks.Add("prompt", ErrorCodes.InvalidField("prompt"), why);
    }

    private static Schedule? ReadSchedule(FieldChecks checks, ScheduleInput? input, bool required)
    {
        if (!checks.Unchecked("schedule")) return null;
        if (input is null)
        {
            if (required) checks.Add("schedule", ErrorCodes.MissingField, "schedule is required, e.g. \"daily\" or \"0 8 * * *\".");
            return null;
        }
        if (Schedule.TryParse(input, out var schedule, out var error)) return schedule;
        checks.Add("schedule", ErrorCodes.InvalidSchedule, error);
        return null;
    }

    private static Optional<string?> ReadWebhookUrl(FieldChecks checks, string? url, bool sentNull)
    {
        if (!checks.Unchecked("webhook_url")) return default;
        if (url is null) return sentNull ? new(true, null) : default;
        if (FieldChecks.IsHttpUrl(url, MaxUrlLength)) return new(true, url);
        checks.Add("webhook_url", "invalid_webhook_url", $"webhook_url must be an absolute http(s) URL of at most {MaxUrlLength} characters, or null.");
        return default;
    }

    private static JobState? ReadState(FieldChecks checks, JobState? state)
    {
        if (state is null || !checks.Unchecked("state")) return null;
        if (state is JobState.Paused or JobState.Active) return state;
        checks.Add("state", ErrorCodes.InvalidState, "state can be set to \"paused\" or \"active\"; running and failed are set by runs.");
        return null;
    }
}
