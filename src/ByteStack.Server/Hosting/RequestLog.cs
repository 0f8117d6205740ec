using ByteStack.Server.Sources;

namespace ByteStack.Server.Hosting;

/// <summary>
/// One log line per request with credentials masked. ASP.NET Core's own "Request starting" line
/// writes the query string as sent, so a key passed as <c>?api_key=</c> (refused, but sent
/// anyway) would land in the log in full; that line is silenced and this one takes its place.
/// </summary>
public static partial class RequestLog
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static void AddRequestLog(this WebApplicationBuilder builder) =>
        builder.Logging.AddFilter(HostingCategory, LogLevel.Warning);

    public static void UseRequestLog(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RequestLog).FullName!);
        var clock = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            var started = clock.GetTimestamp();
            try
            {
                await next(context);
            }
            finally
            {
                var request = context.Request;
                // ToUriComponent escapes what the path decoded to (CR, LF, NUL), so no line can be forged.
                Answered(logger, request.Method, request.Path.ToUriComponent() + RawLog.Redact(request.QueryString.ToUriComponent()),
                    context.Response.StatusCode, (long)clock.GetElapsedTime(started).TotalMilliseconds);
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Target} answered {Status} in {ElapsedMs} ms")]
    private static partial void Answered(ILogger logger, string method, string target, int status, long elapsedMs);
}
