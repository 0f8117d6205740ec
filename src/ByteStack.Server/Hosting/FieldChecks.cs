namespace ByteStack.Server.Hosting;

/// <summary>
/// Validates a typed request's values field by field and collects every problem, so a client gets
/// all its mistakes in one answer (<c>errors: {field: [msg]}</c>). Starts from the errors found
/// while binding the JSON (<see cref="JsonBody{T}"/>); a field that already failed is not checked again.
/// </summary>
public sealed class FieldChecks
{
    private readonly List<FieldError> errors;
    private readonly HashSet<string> failed;

    public FieldChecks(IReadOnlyList<FieldError>? bindingErrors = null)
    {
        errors = [.. bindingErrors ?? []];
        failed = errors.Select(e => e.Field).ToHashSet();
    }

    public IReadOnlyList<FieldError> Errors => errors;

    /// <summary>The body was not a JSON object: there are no fields to check.</summary>
    public bool BodyInvalid => failed.Contains("body");

    /// <summary>The 422 to answer, or null when every field is valid.</summary>
    public ApiProblem? Problem => errors.Count > 0 ? Problems.Validation(errors) : null;

    /// <summary>True when the field should be checked: it has no error yet.</summary>
    public bool Unchecked(string field) => !failed.Contains(field);

    public void Add(string field, string code, string message)
    {
        errors.Add(new FieldError(field, code, message));
        failed.Add(field);
    }

    public string? Required(string field, string? value, int maxLength, string? example = null)
    {
        if (!Unchecked(field)) return null;
        if (value is null)
        {
            Add(field, ErrorCodes.MissingField, $"{field} is required{(example is null ? "" : $", e.g. {example}")}.");
            return null;
        }
        return String(field, value, maxLength);
    }

    /// <summary>A non-empty trimmed string of at most <paramref name="maxLength"/> characters, if present.</summary>
    public string? String(string field, string? value, int maxLength)
    {
        if (value is null || !Unchecked(field)) return null;
        var text = value.Trim();
        if (text.Length == 0) Add(field, ErrorCodes.InvalidField(field), $"{field} must not be empty.");
        else if (text.Length > maxLength) Add(field, ErrorCodes.InvalidField(field), $"{field} must be at most {maxLength} characters (it has {text.Length}).");
        else return text;
        return null;
    }

    public int? Int(string field, int? value, int min, int max)
    {
        if (value is null || !Unchecked(field)) return null;
        if (value >= min && value <= max) return value;
        Add(field, ErrorCodes.InvalidField(field), $"{field} must be a whole number from {min} to {max}.");
        return null;
    }

    /// <summary>A non-empty array of strings each passing <paramref name="isValid"/>, if present.</summary>
    public List<string>? StringArray(string field, IReadOnlyList<string>? value, string code, Func<string, bool> isValid, string invalidMessage)
    {
        if (value is null || !Unchecked(field)) return null;
        if (value.Count == 0 || value.Any(v => v is null))
        {
            Add(field, ErrorCodes.InvalidField(field), $"{field} must be a non-empty array of strings.");
            return null;
        }
        var items = value.Select(v => v.Trim()).ToList();
        var bad = items.Where(i => !isValid(i)).ToList();
        if (bad.Count > 0)
        {
            Add(field, code, $"{invalidMessage} Not accepted: {string.Join(", ", bad.Select(b => $"'{b}'"))}.");
            return null;
        }
        return items;
    }

    /// <summary>An absolute http(s) URL of at most <paramref name="maxLength"/> characters.</summary>
    public static bool IsHttpUrl(string text, int maxLength) =>
        text.Length is > 0 && text.Length <= maxLength && Uri.TryCreate(text, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp);
}
