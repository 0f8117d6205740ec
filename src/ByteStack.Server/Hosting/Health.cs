using System.Text.Json;
using ByteStack.Server.Persistence;
using Dapper;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ByteStack.Server.Hosting;

/// <summary><c>/healthz</c>: the process answers. <c>/readyz</c>: the database and storage are reachable.</summary>
public static class Health
{
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseCheck>("database", tags: [Ready])
            .AddCheck<StorageCheck>("storage", tags: [Ready]);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        // Probes only read: any other method gets 405 (MapHealthChecks alone answers every method).
        var probeMethods = new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]);
        app.MapHealthChecks("/healthz", new() { Predicate = _ => false, ResponseWriter = Write }).WithMetadata(probeMethods)
            .WithTags("Health").WithName("getLiveness").WithSummary("Liveness: the process answers")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(HealthResponse), ["application/json"]));
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = Write }).WithMetadata(probeMethods)
            .WithTags("Health").WithName("getReadiness").WithSummary("Readiness: the database and storage are reachable (503 when not)")
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(HealthResponse), ["application/json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(HealthResponse), ["application/json"]));
    }

    private static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        static string Status(HealthStatus status) => status == HealthStatus.Healthy ? "ok" : "unavailable";
        var body = new HealthResponse(Status(report.Status),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(Status(e.Value.Status), e.Value.Description)));
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, ByteStackJsonContext.Default.HealthResponse));
    }

    private sealed class DatabaseCheck(Database database) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            try
            {
                await using var connection = await database.OpenAsync(ct);
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct));
                return HealthCheckResult.Healthy($"{database.Provider} answers.");
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy($"{database.Provider} is unreachable: {e.Message}");
            }
        }
    }

    /// <summary>File storage: a probe file can be written. S3 storage: the bucket answers a read.</summary>
    private sealed class StorageCheck(DataDirectory dataDirectory, Storage.IObjectStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
        {
            if (store is not Storage.FileStorage)
            {
                try
                {
                    await store.ReadAsync("readyz-probe", ct);
                    return HealthCheckResult.Healthy("S3 storage answers.");
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    return HealthCheckResult.Unhealthy($"S3 storage does not answer: {e.Message}");
                }
            }
            var probe = Path.Combine(dataDirectory.Storage, $".ready-{Guid.NewGuid():N}");
            try
            {
                Directory.CreateDirectory(dataDirectory.Storage);
                await File.WriteAllTextAsync(probe, "ok", ct);
                File.Delete(probe);
                return HealthCheckResult.Healthy("File storage is writable.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return HealthCheckResult.Unhealthy($"File storage at {dataDirectory.Storage} is not writable: {e.Message}");
            }
        }
    }
}
