namespace ByteStack.Server.Hosting;

/// <summary>One field's validation failure; <see cref="Code"/> is the stable machine code.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// RFC 9457 problem documents with ByteStack's stable <c>code</c>. Every error the API
/// answers is built here, so the shape never drifts between endpoints.
/// </summary>
public static class Problems
{
    public static IResult Create(int status, string code, string title, string? detail = null,
        IDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, object?>? more = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null) extensions["errors"] = errors;
        foreach (var (name, value) in more ?? new Dictionary<string, object?>()) extensions[name] = value;
        return Results.Problem(detail: detail, statusCode: status, title: title, type: TypeFor(code), extensions: extensions);
    }

    public static string TypeFor(string code) => $"urn:bytestack:error:{code}";

    /// <summary>
    /// 422 for well-formed JSON with invalid values; the problem's <c>code</c> is the field
    /// errors' code when they agree (e.g. <c>invalid_schedule</c>), else <c>validation_failed</c>.
    /// </summary>
    public static IResult Validation(IReadOnlyList<FieldError> errors)
    {
        var codes = errors.Select(e => e.Code).Distinct().ToList();
        var code = codes.Count == 1 ? codes[0] : "validation_failed";
        var detail = errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are invalid; see errors.";
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Create(StatusCodes.Status422UnprocessableEntity, code, "The request is not valid.", detail, byField);
    }

    /// <summary>400 for a bad query-string parameter (<c>?limit=</c>, <c>?cursor=</c>, …).</summary>
    public static IResult BadParameter(string parameter, string code, string message) =>
        Create(StatusCodes.Status400BadRequest, code, "A query parameter is not valid.", message,
            new Dictionary<string, string[]> { [parameter] = [message] });

    /// <summary>422 for a well-formed query-string parameter whose value lies outside the documented range.</summary>
    public static IResult ParameterOutOfRange(string parameter, string code, string message) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "A query parameter is out of range.", message,
            new Dictionary<string, string[]> { [parameter] = [message] });

    public static IResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    public static IResult Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, "Conflict.", detail);
}
