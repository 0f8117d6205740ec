using System.Diagnostics;

namespace ByteStack.Server.Hosting;

/// <summary>
/// One Information line per request (<c>GET /v1/jobs 200 in 12 ms</c>) instead of ASP.NET Core's
/// four to eight; the framework's own request logs are at Warning by default.
/// </summary>
public sealed partial class RequestLog(RequestDelegate next, ILogger<RequestLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            if (logger.IsEnabled(LogLevel.Information))
                Handled(logger, context.Request.Method, context.Request.Path, context.Response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} in {ElapsedMs} ms")]
    private static partial void Handled(ILogger logger, string method, string path, int status, long elapsedMs);
}
