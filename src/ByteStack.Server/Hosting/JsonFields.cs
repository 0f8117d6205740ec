using System.Text.Json;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Reads a JSON object body field by field and collects every problem at once, so a client
/// gets all its mistakes in one answer (<c>errors: {field: [msg]}</c>) instead of the first
/// deserializer exception. Unknown fields are refused: a typo must not be silently ignored.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement body;
    private readonly List<FieldError> errors = [];

    public JsonFields(JsonElement body, IReadOnlyCollection<string> allowed)
    {
        this.body = body;
        if (body.ValueKind != JsonValueKind.Object)
        {
            Add("body", "invalid_body", "The body must be a JSON object.");
            return;
        }
        foreach (var property in body.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
                Add(property.Name, "unknown_field", $"'{property.Name}' is not a field of this request. Known fields: {string.Join(", ", allowed)}.");
        }
    }

    public IReadOnlyList<FieldError> Errors => errors;

    /// <summary>False when the body is not a JSON object; reading fields then only repeats that one error.</summary>
    public bool IsObject => body.ValueKind == JsonValueKind.Object;

    public void Add(string field, string code, string message) => errors.Add(new FieldError(field, code, message));

    public void AddRange(IEnumerable<FieldError> more) => errors.AddRange(more);

    /// <summary>The field's value, or null when the field is absent (a JSON <c>null</c> is returned as such).</summary>
    public JsonElement? Get(string name) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out var value) ? value : null;

    public bool Has(string name) => Get(name) is not null;

    public static bool IsNull(JsonElement? value) => value is { ValueKind: JsonValueKind.Null };

    public string? RequiredString(string name, int maxLength)
    {
        if (Get(name) is null)
        {
            Add(name, "missing_field", $"{name} is required.");
            return null;
        }
        return String(name, maxLength);
    }

    /// <summary>A non-empty trimmed string of at most <paramref name="maxLength"/> characters, if present.</summary>
    public string? String(string name, int maxLength)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.String)
        {
            Add(name, $"invalid_{name}", $"{name} must be a string.");
            return null;
        }
        var text = value.GetString()!.Trim();
        if (text.Length == 0) Add(name, $"invalid_{name}", $"{name} must not be empty.");
        else if (text.Length > maxLength) Add(name, $"invalid_{name}", $"{name} must be at most {maxLength} characters (it has {text.Length}).");
        else return text;
        return null;
    }

    public int? Int(string name, int min, int max)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number) || number < min || number > max)
        {
            Add(name, $"invalid_{name}", $"{name} must be a whole number from {min} to {max}.");
            return null;
        }
        return number;
    }

    public bool? Bool(string name)
    {
        if (Get(name) is not { } value || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        Add(name, $"invalid_{name}", $"{name} must be true or false.");
        return null;
    }

    /// <summary>A non-empty array of strings each passing <paramref name="isValid"/>, if present.</summary>
    public List<string>? StringArray(string name, string code, Func<string, bool> isValid, string invalidMessage)
    {
        if (Get(name) is not { } value) return null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0
            || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            Add(name, $"invalid_{name}", $"{name} must be a non-empty array of strings.");
            return null;
        }
        var items = value.EnumerateArray().Select(e => e.GetString()!.Trim()).ToList();
        var bad = items.Where(i => !isValid(i)).ToList();
        if (bad.Count > 0)
        {
            Add(name, code, $"{invalidMessage} Not accepted: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
            return null;
        }
        return items;
    }
}
