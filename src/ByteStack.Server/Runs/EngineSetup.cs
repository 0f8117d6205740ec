using ByteStack.Server.Hosting;
using ByteStack.Server.Scheduling;

namespace ByteStack.Server.Runs;

public static class EngineSetup
{
    /// <summary>The run ledger, and — per this node's roles — the scheduler and the run executor.</summary>
    public static void AddEngine(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EngineOptions>().BindConfiguration(EngineOptions.Section)
            .Validate(o => o.Roles.Split(',', StringSplitOptions.TrimEntries).All(r => EngineOptions.KnownRoles.Contains(r, StringComparer.OrdinalIgnoreCase)),
                $"ByteStack:Engine:Roles must list roles from: {string.Join(", ", EngineOptions.KnownRoles)}.")
            .Validate(o => o.Workers >= 1, "ByteStack:Engine:Workers must be at least 1.")
            .Validate(o => o.Lease >= TimeSpan.FromSeconds(1), "ByteStack:Engine:Lease must be at least 00:00:01.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "ByteStack:Engine:PollInterval must be positive.")
            .Validate(o => o.SchedulerBatch >= 1, "ByteStack:Engine:SchedulerBatch must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "ByteStack:Engine:MaxAttempts must be at least 1.")
            .Validate(o => o.ShutdownGrace >= TimeSpan.Zero, "ByteStack:Engine:ShutdownGrace must not be negative.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<EngineMetrics>();
        builder.Services.AddSingleton<Scheduler>();
        builder.Services.AddSingleton<RunExecutor>();

        var roles = EngineOptions.Of(builder.Configuration);
        if (roles.Has("scheduler")) builder.Services.AddHostedService(sp => sp.GetRequiredService<Scheduler>());
        if (roles.Has("worker")) builder.Services.AddHostedService(sp => sp.GetRequiredService<RunExecutor>());
    }
}
