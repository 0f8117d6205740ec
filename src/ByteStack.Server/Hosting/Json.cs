using System.Text.Json;
using System.Text.Json.Serialization;

namespace ByteStack.Server.Hosting;

/// <summary>
/// The API's JSON (<see cref="ByteStackJson"/>: snake_case, UTC times to the second), plus the
/// server's own stored types (raw logs, webhook payloads), whose enums are written snake_case too.
/// </summary>
public static class Json
{
    public static void Configure(JsonSerializerOptions options)
    {
        ByteStackJson.Configure(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
    }

    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions();
        Configure(options);
        options.MakeReadOnly();
        return options;
    }

    /// <summary>Formats as <c>2026-04-30T08:00:00Z</c>, the form used in keys and payloads.</summary>
    public static string Format(DateTimeOffset value) => ByteStackJson.Format(value);
}
