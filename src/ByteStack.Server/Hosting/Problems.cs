namespace ByteStack.Server.Hosting;

/// <summary>
/// RFC 9457 problem documents with ByteStack's stable <c>code</c>. Every error the API
/// answers is built here, so the shape never drifts between endpoints.
/// </summary>
public static class Problems
{
    public static ApiProblem Create(int status, string code, string title, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, string? reason = null) =>
        new(ApiProblem.TypeFor(code), title, status, detail, code, errors, reason);

    public static string TypeFor(string code) => ApiProblem.TypeFor(code);

    /// <summary>
    /// 422 for well-formed JSON with invalid values; the problem's <c>code</c> is the field
    /// errors' code when they agree (e.g. <c>invalid_schedule</c>), else <c>validation_failed</c>.
    /// </summary>
    public static ApiProblem Validation(IReadOnlyList<FieldError> errors)
    {
        var codes = errors.Select(e => e.Code).Distinct().ToList();
        var code = codes.Count == 1 ? codes[0] : ErrorCodes.ValidationFailed;
        var detail = errors.Count == 1 ? errors[0].Message : $"{errors.Count} fields are invalid; see errors.";
        var byField = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Create(StatusCodes.Status422UnprocessableEntity, code, "The request is not valid.", detail, byField);
    }

    /// <summary>400 for a bad query-string or path parameter (<c>?limit=</c>, <c>?cursor=</c>, a storage key, …).</summary>
    public static ApiProblem BadParameter(string parameter, string code, string message) =>
        Create(StatusCodes.Status400BadRequest, code, "A query parameter is not valid.", message,
            new Dictionary<string, string[]> { [parameter] = [message] });

    public static ApiProblem NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "Not found.", detail);

    public static ApiProblem Conflict(string code, string detail) =>
        Create(StatusCodes.Status409Conflict, code, "Conflict.", detail);

    /// <summary>The problem as an HTTP answer (<c>application/problem+json</c>).</summary>
    public static IResult ToResult(this ApiProblem problem)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = problem.Code };
        if (problem.Errors is not null) extensions["errors"] = problem.Errors;
        if (problem.Reason is not null) extensions["reason"] = problem.Reason;
        return Results.Problem(detail: problem.Detail, statusCode: problem.Status, title: problem.Title, type: problem.Type, extensions: extensions);
    }
}
