using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ByteStack.IntegrationTests;

/// <summary>
/// Checks JSON against the subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) that the
/// ByteStack document contains: <c>$ref</c> into <c>#/components/schemas</c>, <c>type</c> (one or a
/// list), <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>,
/// <c>oneOf</c>/<c>anyOf</c>/<c>allOf</c> and <c>format: date-time</c> (UTC to the second, as the API writes).
/// Written here because no validator package restores beside the server's Microsoft.OpenApi.
/// </summary>
public sealed partial class SchemaValidator(JsonNode document)
{
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    public JsonNode Resolve(JsonNode schema)
    {
        while (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            const string prefix = "#/components/schemas/";
            Assert.StartsWith(prefix, reference);
            schema = document["components"]!["schemas"]![reference[prefix.Length..]]
                ?? throw new InvalidOperationException($"{reference} does not resolve.");
        }
        return schema;
    }

    private void Check(JsonNode? value, JsonNode schema, string path, List<string> errors)
    {
        schema = Resolve(schema);
        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matching = oneOf.Count(s => Validate(value, s!).Count == 0);
            if (matching != 1) errors.Add($"{path}: matches {matching} of oneOf's {oneOf.Count} schemas: {Show(value)}");
        }
        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(s => Validate(value, s!).Count == 0))
            errors.Add($"{path}: matches none of anyOf: {Show(value)}");
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var s in allOf) Check(value, s!, path, errors);
        }
        if (schema["type"] is { } type)
        {
            var allowed = type is JsonArray list ? list.Select(t => t!.GetValue<string>()).ToList() : [type.GetValue<string>()];
            var actual = TypeOf(value);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                errors.Add($"{path}: is {actual}, the schema allows {string.Join("|", allowed)}: {Show(value)}");
                return;
            }
        }
        if (schema["enum"] is JsonArray values && !values.Any(v => JsonNode.DeepEquals(v, value)))
            errors.Add($"{path}: {Show(value)} is not one of {values.ToJsonString()}");
        if (schema["format"]?.GetValue<string>() == "date-time" && value is JsonValue v && v.TryGetValue<string>(out var text) && !UtcSeconds().IsMatch(text))
            errors.Add($"{path}: '{text}' is not a UTC date-time to the second");

        if (value is JsonObject obj)
        {
            var properties = schema["properties"] as JsonObject;
            foreach (var name in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()))
            {
                if (!obj.ContainsKey(name)) errors.Add($"{path}: required '{name}' is missing");
            }
            foreach (var (name, item) in obj)
            {
                if (properties?[name] is { } property) Check(item, property, $"{path}.{name}", errors);
                else if (schema["additionalProperties"] is { } additional)
                {
                    if (additional is JsonValue flag && flag.GetValue<bool>() == false) errors.Add($"{path}: '{name}' is not allowed");
                    else if (additional is JsonObject) Check(item, additional, $"{path}.{name}", errors);
                }
                else if (properties is not null) errors.Add($"{path}: '{name}' is not in the schema");
            }
        }
        if (value is JsonArray array && schema["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{path}[{i}]", errors);
        }
    }

    private static string TypeOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v when v.TryGetValue<string>(out _) => "string",
        JsonValue v when v.TryGetValue<bool>(out _) => "boolean",
        JsonValue v when v.TryGetValue<long>(out _) => "integer",
        JsonValue v when v.TryGetValue<double>(out var d) => d == Math.Floor(d) ? "integer" : "number",
        _ => "unknown",
    };

    private static string Show(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 120 ? text[..120] + "…" : text;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex UtcSeconds();
}
