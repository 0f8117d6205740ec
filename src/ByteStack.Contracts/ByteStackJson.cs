using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ByteStack.Contracts;

/// <summary>
/// The API's JSON: snake_case names and enum values, UTC times written to the second
/// (<c>2026-04-30T08:00:00Z</c>), numbers never read from strings. Serialize and deserialize
/// every contract type with <see cref="Options"/> (or <see cref="ByteStackJsonContext.Default"/>).
/// </summary>
public static class ByteStackJson
{
    /// <summary>The options of the API, resolving contract types through the source-generated context.</summary>
    public static JsonSerializerOptions Options => ByteStackJsonContext.Default.Options;

    /// <summary>Applies the API's settings to options the caller owns (e.g. ASP.NET Core's), contract types first.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new UtcSecondsConverter());
        options.TypeInfoResolverChain.Insert(0, ByteStackJsonContext.Default);
        // Options made without a resolver would then know the contract types only; the caller's own types resolve by reflection.
        if (options.TypeInfoResolverChain.Count == 1) options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
    }

    /// <summary>Formats as <c>2026-04-30T08:00:00Z</c>, the form used in keys and payloads.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>Enum values as snake_case strings (<c>catch_up</c>, <c>needs_credentials</c>), never numbers.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>Writes instants in UTC to the second; reads any ISO 8601 instant.</summary>
public sealed class UtcSecondsConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(ByteStackJson.Format(value));
}

/// <summary>A schedule is a string or an object: both read into <see cref="ScheduleInput"/>, written back in the same form.</summary>
public sealed class ScheduleInputConverter : JsonConverter<ScheduleInput>
{
    /// <inheritdoc />
    public override ScheduleInput? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return new ScheduleInput(reader.GetString());
            case JsonTokenType.StartObject:
                string? type = null, interval = null, expression = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString();
                    reader.Read();
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
                    switch (name)
                    {
                        case "type": type = value; break;
                        case "interval": interval = value; break;
                        case "expression": expression = value; break;
                    }
                }
                return new ScheduleInput(null, type ?? "", interval, expression);
            default:
                throw new JsonException("A schedule is a string or an object.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ScheduleInput value, JsonSerializerOptions options)
    {
        if (value.Text is not null)
        {
            writer.WriteStringValue(value.Text);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString("type", value.Type);
        if (value.Interval is not null) writer.WriteString("interval", value.Interval);
        if (value.Expression is not null) writer.WriteString("expression", value.Expression);
        writer.WriteEndObject();
    }
}

/// <summary>Source-generated metadata of every contract type.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(UtcSecondsConverter)])]
[JsonSerializable(typeof(ApiProblem))]
[JsonSerializable(typeof(FieldError))]
[JsonSerializable(typeof(CreateJobRequest))]
[JsonSerializable(typeof(UpdateJobRequest))]
[JsonSerializable(typeof(JobResponse))]
[JsonSerializable(typeof(Page<JobResponse>))]
[JsonSerializable(typeof(SchedulePreviewResponse))]
[JsonSerializable(typeof(RunResponse))]
[JsonSerializable(typeof(Page<RunResponse>))]
[JsonSerializable(typeof(TimelineResponse))]
[JsonSerializable(typeof(RawLogsResponse))]
[JsonSerializable(typeof(CreateQueryRequest))]
[JsonSerializable(typeof(QueuedQueryResponse))]
[JsonSerializable(typeof(QueryResponse))]
[JsonSerializable(typeof(JobResultFile))]
[JsonSerializable(typeof(QueryResultFile))]
[JsonSerializable(typeof(StorageItem))]
[JsonSerializable(typeof(Page<StorageItem>))]
[JsonSerializable(typeof(ConnectBucketRequest))]
[JsonSerializable(typeof(BucketResponse))]
[JsonSerializable(typeof(DeliveryResponse))]
[JsonSerializable(typeof(Page<DeliveryResponse>))]
[JsonSerializable(typeof(RetryDeliveriesRequest))]
[JsonSerializable(typeof(RetryDeliveriesResponse))]
[JsonSerializable(typeof(CreateWebhookRequest))]
[JsonSerializable(typeof(WebhookResponse))]
[JsonSerializable(typeof(Page<WebhookResponse>))]
[JsonSerializable(typeof(WebhookWithSecretResponse))]
[JsonSerializable(typeof(SigningSecretResponse))]
[JsonSerializable(typeof(WebhookEvent))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(KeyResponse))]
[JsonSerializable(typeof(Page<KeyResponse>))]
[JsonSerializable(typeof(CreatedKeyResponse))]
[JsonSerializable(typeof(IReadOnlyList<SourceResponse>))]
[JsonSerializable(typeof(HealthResponse))]
public sealed partial class ByteStackJsonContext : JsonSerializerContext;
