using ByteStack.Server.Delivery;
using ByteStack.Server.Jobs;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Queries;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Hosting;

/// <summary>
/// The table of contents of the service: each feature registers its services and maps its
/// endpoints. <see cref="StartAsync"/> is what <c>bytestack serve</c> and the integration
/// tests both run, so tests exercise the real host.
/// </summary>
public static class ServerApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);

        builder.Services.AddSingleton<DatabaseClock>();
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DatabaseClock>());
        builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ErrorHandling.AddCode);
        builder.Services.AddExceptionHandler<ErrorHandling>();
        builder.AddApiDocument();

        builder.AddPersistence();
        builder.AddHealth();
        builder.AddApiKeyAuthentication();
        builder.Services.AddSingleton<ProjectStore>();
        builder.Services.AddSingleton<DefaultProject>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<JobsService>();
        builder.Services.AddSingleton<KeysService>();
        builder.Services.AddSingleton<RunsService>();
        builder.Services.AddSingleton<QueriesService>();
        builder.Services.AddSingleton<SourcesService>();
        builder.Services.AddSingleton<StorageService>();
        builder.Services.AddSingleton<BucketService>();
        builder.Services.AddSingleton<WebhooksService>();
        builder.AddStorage();
        builder.AddSources();
        builder.AddQueries();
        builder.AddEngine();
        builder.AddDelivery();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapApiDocument();
        EngineMetrics.MapMetrics(app);
        var v1 = app.MapGroup("/v1").RequireAuthorization(Scopes.Read);
        v1.MapKeysApi();
        v1.MapJobsApi();
        v1.MapQueriesApi();
        v1.MapSourcesApi();
        v1.MapRunsApi();
        v1.MapStorageApi();
        v1.MapDeliveryApis();
        return app;
    }

    /// <summary>Migrates the database, creates the default project on first start, and starts listening.</summary>
    public static async Task<WebApplication> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var app = Build(args, configure);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        await app.Services.GetRequiredService<DatabaseClock>().SyncAsync(ct);
        await app.Services.GetRequiredService<DefaultProject>().EnsureAsync(ct);
        await app.StartAsync(ct);
        return app;
    }
}
