using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ByteStack.Server.Hosting;

/// <summary>
/// A typed JSON request body, read so that a client learns every mistake at once. Binding checks
/// the shape only: each unknown field is named (a typo such as <c>schedul</c> is never silently
/// ignored), and each field of the wrong JSON type gets <c>invalid_{field}</c>. The well-typed
/// fields still bind, so the feature's service validates their values too and answers all
/// problems in one 422. Malformed JSON, a missing body and a non-JSON content type are refused
/// as 400/415 before that.
/// </summary>
public sealed class JsonBody<T> where T : class, new()
{
    private JsonBody(T value, IReadOnlyList<FieldError> errors, IReadOnlyCollection<string> nulls)
    {
        Value = value;
        Errors = errors;
        Nulls = nulls;
    }

    public T Value { get; }

    /// <summary>Shape errors found while binding; the service adds its own to these.</summary>
    public IReadOnlyList<FieldError> Errors { get; }

    /// <summary>The fields sent as JSON <c>null</c> (a PATCH clears optional fields with it).</summary>
    public IReadOnlyCollection<string> Nulls { get; }

    public static async ValueTask<JsonBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var request = context.Request;
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
        {
            if (new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable) return null;
            throw new BadHttpRequestException("A JSON body is required but no body was provided.");
        }
        if (!request.HasJsonContentType())
            throw new BadHttpRequestException("Send the body as JSON with Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", e);
        }
        using (document) return Read(document.RootElement);
    }

    /// <summary>Binds a parsed body (also what tests and the dashboard use to read JSON the API's way).</summary>
    public static JsonBody<T> Read(JsonElement body)
    {
        var errors = new List<FieldError>();
        var nulls = new List<string>();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new FieldError("body", ErrorCodes.InvalidBody, "The body must be a JSON object."));
            return new JsonBody<T>(new T(), errors, nulls);
        }

        var type = Json.Options.GetTypeInfo(typeof(T));
        var properties = type.Properties.ToDictionary(p => p.Name);
        var known = string.Join(", ", properties.Keys);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var field in body.EnumerateObject())
            {
                if (!properties.TryGetValue(field.Name, out var property))
                {
                    errors.Add(new FieldError(field.Name, ErrorCodes.UnknownField, $"'{field.Name}' is not a field of this request. Known fields: {known}."));
                    continue;
                }
                if (field.Value.ValueKind == JsonValueKind.Null) nulls.Add(field.Name);
                else if (ShapeError(field.Name, field.Value, property) is { } error)
                {
                    errors.Add(error);
                    continue;
                }
                field.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        var value = JsonSerializer.Deserialize(buffer.ToArray(), type) as T ?? new T();
        return new JsonBody<T>(value, errors, nulls);
    }

    private static FieldError? ShapeError(string name, JsonElement value, JsonPropertyInfo property)
    {
        var code = ErrorCodes.InvalidField(name);
        var nested = Json.Options.GetTypeInfo(property.PropertyType);
        // Nested request objects (date_range) refuse unknown fields too, e.g. {start, end} for {from, to}.
        if (nested.Kind == JsonTypeInfoKind.Object && value.ValueKind == JsonValueKind.Object && nested.Converter is not Contracts.ScheduleInputConverter)
        {
            var fields = nested.Properties.Select(p => p.Name).ToList();
            var unknown = value.EnumerateObject().Select(p => p.Name).Where(n => !fields.Contains(n)).ToList();
            if (unknown.Count > 0)
                return new FieldError(name, code, $"{name} has no field {string.Join(", ", unknown.Select(u => $"'{u}'"))}; its fields are {string.Join(", ", fields)}.");
        }
        try
        {
            JsonSerializer.Deserialize(value, nested);
            return null;
        }
        catch (JsonException)
        {
            return new FieldError(name, code, $"{name} must be {Expected(property.PropertyType)}.");
        }
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) return "a string";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(bool)) return "true or false";
        if (type.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        if (type == typeof(ScheduleInput)) return "an interval name, a cron string, or {\"type\": \"interval\"|\"cron\", …}";
        if (type == typeof(DateRangeInput)) return "{\"from\": …, \"to\": …} with ISO 8601 dates or date-times, or null";
        if (type.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "an array of strings";
        return "a JSON object";
    }
}
