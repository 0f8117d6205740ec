using ByteStack.Server.Hosting;
using ByteStack.Server.Scheduling;

namespace ByteStack.Server.Runs;

public static class EngineSetup
{
    /// <summary>The run ledger, and — per this node's roles — the scheduler and the run executor.</summary>
    public static void AddEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section);
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.AddSingleton<Scheduler>();
        builder.Services.AddSingleton<RunExecutor>();
        builder.Services.AddSingleton<StagingSweeper>();

        var roles = builder.Configuration.GetSection(EngineOptions.Section).Get<EngineOptions>() ?? new EngineOptions();
        if (roles.Has("scheduler")) builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        if (roles.Has("worker"))
        {
            builder.Services.AddHostedService(sp => sp.GetRequiredService<RunExecutor>());
            builder.Services.AddHostedService(sp => sp.GetRequiredService<StagingSweeper>());
        }
    }
}
