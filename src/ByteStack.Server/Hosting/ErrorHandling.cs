using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Turns what escapes an endpoint into a problem document: request-shape failures that
/// minimal APIs raise while binding (malformed JSON, wrong types, oversized or missing body)
/// become 4xx with a stable code; anything else is our fault, logged, and answered as 500.
/// </summary>
public sealed partial class ErrorHandling(ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        var problem = exception is BadHttpRequestException bad ? FromBadRequest(bad) : null;
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = Problems.Create(StatusCodes.Status500InternalServerError, ErrorCodes.InternalError,
                "Something went wrong on our side.", "The error was logged; the request can be retried.");
        }
        await problem.ToResult().ExecuteAsync(context);
        return true;
    }

    private static ApiProblem FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.StatusCode == StatusCodes.Status415UnsupportedMediaType)
            return Problems.Create(415, ErrorCodes.UnsupportedMediaType, "The body is not JSON.", exception.Message);
        // A typed query parameter that does not parse, e.g. ?limit=ten: named, with its own code.
        if (BindFailure().Match(exception.Message) is { Success: true } bind)
        {
            var name = bind.Groups["name"].Value;
            return Problems.BadParameter(name, ErrorCodes.InvalidField(name), $"{name} must be {(bind.Groups["type"].Value.StartsWith("bool") ? "true or false" : "a whole number")}.");
        }
        if (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
            return Problems.Create(413, "payload_too_large", "The request body is too large.",
                $"Request bodies are limited to {ServerApp.MaxRequestBodyBytes} bytes.");
        if (exception.InnerException is JsonException json)
        {
            var detail = $"The body is not valid JSON{(json.LineNumber is { } line ? $" (line {line + 1}, byte {json.BytePositionInLine + 1})" : "")}.";
            return Problems.Create(400, "malformed_json", "The request body is not valid JSON.", detail);
        }
        if (exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
            return Problems.Create(400, "missing_body", "A JSON body is required.", "Send the request's fields as a JSON object.");
        return Problems.Create(exception.StatusCode, "bad_request", "The request is not valid.", exception.Message);
    }

    /// <summary>
    /// Problems the framework writes itself (unknown route, wrong method, non-JSON body, body
    /// too large) get the same stable <c>code</c> as ours.
    /// </summary>
    public static void AddCode(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Extensions.ContainsKey("code")) return;
        var code = problem.Status switch
        {
            400 => "bad_request",
            404 => "not_found",
            405 => "method_not_allowed",
            413 => "payload_too_large",
            415 => "unsupported_media_type",
            _ => "http_" + problem.Status,
        };
        problem.Extensions["code"] = code;
        problem.Type = Problems.TypeFor(code);
        problem.Detail ??= code switch
        {
            "not_found" => "There is nothing at this path. The API lives under /v1.",
            "payload_too_large" => $"Request bodies are limited to {ServerApp.MaxRequestBodyBytes} bytes.",
            "unsupported_media_type" => "Send the body as JSON with Content-Type: application/json.",
            _ => null,
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"(?<type>[^ \"]+) (?<name>[a-z_]+)\" from")]
    private static partial System.Text.RegularExpressions.Regex BindFailure();
}
