using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Queries;

namespace ByteStack.Server.Jobs;

/// <summary>Validates the JSON of <c>POST /v1/jobs</c> and <c>PATCH /v1/jobs/{id}</c> into drafts and patches.</summary>
public static class JobRequest
{
    public const int MaxPromptLength = QueryFields.MaxPromptLength;
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2048;

    private static readonly string[] CreateFields = ["name", "prompt", "sources", "schedule", "limit", "date_range", "webhook_url"];
    private static readonly string[] PatchFields = [.. CreateFields, "state"];

    public static (JobDraft? Draft, IReadOnlyList<FieldError> Errors) ReadCreate(JsonElement body)
    {
        var fields = new JsonFields(body, CreateFields);
        if (!fields.IsObject) return (null, fields.Errors);
        var name = fields.RequiredString("name", MaxNameLength);
        var prompt = fields.RequiredString("prompt", MaxPromptLength);
        var sources = QueryFields.ReadSources(fields, required: true);
        var schedule = ReadSchedule(fields, required: true);
        var limit = fields.Int("limit", 1, 1000) ?? JobRules.DefaultLimit;
        var dateRange = QueryFields.ReadDateRange(fields);
        var webhookUrl = ReadWebhookUrl(fields);

        return fields.Errors.Count > 0
            ? (null, fields.Errors)
            : (new JobDraft(name!, prompt!, sources!, schedule!, limit, dateRange.Value, webhookUrl.Value), []);
    }

    public static (JobPatch? Patch, IReadOnlyList<FieldError> Errors) ReadPatch(JsonElement body)
    {
        var fields = new JsonFields(body, PatchFields);
        if (!fields.IsObject) return (null, fields.Errors);
        var patch = new JobPatch(
            Name: NotNull(fields, "name") ? fields.String("name", MaxNameLength) : null,
            Prompt: NotNull(fields, "prompt") ? fields.String("prompt", MaxPromptLength) : null,
            Sources: NotNull(fields, "sources") ? QueryFields.ReadSources(fields, required: false) : null,
            Schedule: NotNull(fields, "schedule") ? ReadSchedule(fields, required: false) : null,
            Limit: NotNull(fields, "limit") ? fields.Int("limit", 1, 1000) : null,
            DateRange: QueryFields.ReadDateRange(fields),
            WebhookUrl: ReadWebhookUrl(fields),
            State: ReadState(fields));
        return fields.Errors.Count > 0 ? (null, fields.Errors) : (patch, []);
    }

    /// <summary>In a PATCH, <c>null</c> clears optional fields; required ones cannot be cleared.</summary>
    private static bool NotNull(JsonFields fields, string name)
    {
        if (!JsonFields.IsNull(fields.Get(name))) return true;
        fields.Add(name, $"invalid_{name}", $"{name} cannot be null.");
        return false;
    }

    private static Schedule? ReadSchedule(JsonFields fields, bool required)
    {
        if (fields.Get("schedule") is not { } json)
        {
            if (required) fields.Add("schedule", "missing_field", "schedule is required, e.g. \"daily\" or \"0 8 * * *\".");
            return null;
        }
        if (Schedule.TryParse(json, out var schedule, out var error)) return schedule;
        fields.Add("schedule", "invalid_schedule", error);
        return null;
    }

    private static Optional<string?> ReadWebhookUrl(JsonFields fields)
    {
        if (fields.Get("webhook_url") is not { } json) return default;
        if (json.ValueKind == JsonValueKind.Null) return new(true, null);
        if (json.ValueKind == JsonValueKind.String
            && json.GetString() is { Length: > 0 and <= MaxUrlLength } text
            && Uri.TryCreate(text, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            return new(true, text);
        fields.Add("webhook_url", "invalid_webhook_url", $"webhook_url must be an absolute http(s) URL of at most {MaxUrlLength} characters, or null.");
        return default;
    }

    private static JobState? ReadState(JsonFields fields)
    {
        if (fields.Get("state") is not { } json) return null;
        var text = json.ValueKind == JsonValueKind.String ? json.GetString() : null;
        if (text == "paused") return JobState.Paused;
        if (text == "active") return JobState.Active;
        fields.Add("state", "invalid_state", "state can be set to \"paused\" or \"active\"; running and failed are set by runs.");
        return null;
    }
}
