using System.Text.Json;
using ByteStack.Server.Persistence;
using Dapper;
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
        app.MapGet("/healthz", () => TypedResults.Json(new HealthResponse("ok", new Dictionary<string, HealthCheckResponse>()), ByteStackJsonContext.Default.HealthResponse))
            .WithTags("Health").WithName("getLiveness").WithSummary("Liveness: the process answers")
            .Returns<HealthResponse>();
        app.MapGet("/readyz", ReadyAsync)
            .WithTags("Health").WithName("getReadiness").WithSummary("Readiness: the database and storage are reachable (503 when not)")
            .Returns<HealthResponse>().Returns<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> ReadyAsync(HealthCheckService health, CancellationToken ct)
    {
        static string Status(HealthStatus status) => status == HealthStatus.Healthy ? "ok" : "unavailable";
        var report = await health.CheckHealthAsync(c => c.Tags.Contains(Ready), ct);
        var body = new HealthResponse(Status(report.Status),
            report.Entries.ToDictionary(e => e.Key, e => new HealthCheckResponse(Status(e.Value.Status), e.Value.Description)));
        return TypedResults.Json(body, ByteStackJsonContext.Default.HealthResponse,
            statusCode: report.Status == HealthStatus.Healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
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
