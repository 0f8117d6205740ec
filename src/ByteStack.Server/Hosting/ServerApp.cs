using ByteStack.Server.Analysis;
using ByteStack.Server.Analytics;
using ByteStack.Server.Dashboard;
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
        AddSettingsFiles(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"])) builder.WebHost.UseUrls(DefaultUrl);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            kestrel.ConfigureEndpointDefaults(KestrelRejections.UseProblemBodies);
        });

        builder.Services.AddSingleton<DatabaseClock>();
        builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DatabaseClock>());
        builder.Services.ConfigureHttpJsonOptions(o => Json.Configure(o.SerializerOptions));
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ErrorHandling.AddCode);
        builder.Services.AddExceptionHandler<ErrorHandling>();
        builder.AddApiDocument();

        builder.AddRequestLog();
        builder.AddPersistence();
        builder.AddHealth();
        builder.AddApiKeyAuthentication();
        builder.Services.AddSingleton<ProjectStore>();
        builder.Services.AddSingleton<DefaultProject>();
        builder.Services.AddSingleton<JobStore>();
        builder.Services.AddSingleton<MentionStore>();
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
        builder.AddDashboard();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseRequestLog();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardAssets();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealth();
        app.MapApiDocument();
        EngineMetrics.MapMetrics(app);
        var v1 = app.MapGroup("/v1").RequireAuthorization(Scopes.Read);
        v1.AddEndpointFilterFactory(InputRules.StrictQueryNumbers);
        v1.MapKeysApi();
        v1.MapJobsApi();
        v1.MapQueriesApi();
        v1.MapSourcesApi();
        v1.MapRunsApi();
        v1.MapStorageApi();
        v1.MapDeliveryApis();
        v1.MapAnalyticsApi();
        app.MapDashboard();
        return app;
    }

    /// <summary>Migrates the database, creates the default project on first start, and starts listening.</summary>
    public static async Task<WebApplication> StartAsync(string[] args, Action<WebApplicationBuilder>? configure = null, CancellationToken ct = default)
    {
        var app = Build(args, configure);
        await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
        await app.Services.GetRequiredService<DatabaseClock>().SyncAsync(ct);
        await app.Services.GetRequiredService<DefaultProject>().EnsureAsync(ct);
        // The offline sentiment model is trained now, not on the first query: a broken labelled set
        // fails the start instead of every answer, and the first answer does not wait for it.
        _ = SentimentModel.Shared;
        await app.StartAsync(ct);
        return app;
    }

    /// <summary>
    /// Settings files beside the user, not only beside the binaries: <c>appsettings.json</c> in the
    /// working directory, then in the data directory (which wins over it). Environment variables and
    /// command-line flags still win over both. Defaults keep request logging to one line per request.
    /// </summary>
    private static void AddSettingsFiles(ConfigurationManager configuration)
    {
        configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager"] = "Error",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
            },
        });
        var firstOverride = configuration.Sources.ToList().FindIndex(s => s is Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource
            or Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource);
        var at = firstOverride < 0 ? configuration.Sources.Count : firstOverride;
        var workingDirectory = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        InsertJsonFile(configuration, at, workingDirectory);
        // The data directory may itself be set in the working directory's file.
        var dataDirectory = Path.Combine(DataDirectory.Resolve(configuration).Path, "appsettings.json");
        if (dataDirectory != workingDirectory) InsertJsonFile(configuration, at + 1, dataDirectory);
    }

    private static void InsertJsonFile(ConfigurationManager configuration, int at, string path)
    {
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        configuration.Sources.Insert(at, source);
    }
}
