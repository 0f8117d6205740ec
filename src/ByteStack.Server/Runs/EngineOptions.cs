namespace ByteStack.Server.Runs;

/// <summary><c>ByteStack:Engine</c>: how this node schedules and runs jobs.</summary>
public sealed class EngineOptions
{
    public const string Section = "ByteStack:Engine";

    /// <summary>Every role a node can have.</summary>
    public static readonly string[] KnownRoles = ["api", "scheduler", "worker", "queries"];

    /// <summary>
    /// What this node does (comma-separated): <c>api</c> serves HTTP; <c>scheduler</c> turns due jobs into
    /// runs; <c>worker</c> executes runs, delivers results and sweeps old raw logs, and answers one-off
    /// queries; <c>queries</c> answers one-off queries only.
    /// </summary>
    public string Roles { get; set; } = "api,scheduler,worker";

    /// <summary>Runs this node executes at once.</summary>
    public int Workers { get; set; } = 8;

    /// <summary>A run's lease: a node that stops renewing it loses the run after this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idle loops look for due jobs and claimable runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Jobs the scheduler handles per transaction.</summary>
    public int SchedulerBatch { get; set; } = 500;

    /// <summary>A run interrupted this many times (its node died each time) fails instead of being retried.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long a stopping node waits for its runs to hand back.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    public bool Has(string role) => Roles.Split(',', StringSplitOptions.TrimEntries).Contains(role, StringComparer.OrdinalIgnoreCase);

    /// <summary>The roles of the node being configured (options are not built yet while services are added).</summary>
    public static EngineOptions Of(IConfiguration configuration) => configuration.GetSection(Section).Get<EngineOptions>() ?? new EngineOptions();
}
