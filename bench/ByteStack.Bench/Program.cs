using System.Collections.Specialized;
using System.Diagnostics;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Runs;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartz;

// The engine's burst and idle costs, with Quartz.NET's in-memory scheduler as the baseline in the
// same run. Usage (scripts/bench.sh provides PostgreSQL):
//   dotnet run -c Release --project bench/ByteStack.Bench -- [--jobs 10000,100000] [--idle 1000000] [--idle-seconds 30]
// The bench times real bursts against real databases: it runs on the machine's own clock.
var Wall = TimeProvider.System;
if (args.Contains("--dashboard"))
{
    // ./scripts/bench.sh --dashboard [--dashboard-jobs 10000] [--rounds 50]
    await DashboardBench.RunAsync(int.Parse(Arg("--dashboard-jobs", "10000")), int.Parse(Arg("--rounds", "50")));
    return;
}
var jobCounts = Arg("--jobs", "10000,100000").Split(',').Select(int.Parse).ToArray();
var idleJobs = int.Parse(Arg("--idle", "1000000"));
var idleSeconds = int.Parse(Arg("--idle-seconds", "30"));
var postgres = Environment.GetEnvironmentVariable("BYTESTACK_BENCH_POSTGRES");
var providers = postgres is null ? new[] { DatabaseProvider.Sqlite } : [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}");
Console.WriteLine();
Console.WriteLine("| scheduler | jobs | all started | all completed | lateness p50 | lateness p99 | CPU (cores busy) | peak memory |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
foreach (var n in jobCounts)
{
    foreach (var provider in providers) Report($"ByteStack ({provider})", n, await BurstAsync(provider, n));
    Report("Quartz.NET 4.7.3 (RAMJobStore)", n, await QuartzBurstAsync(n));
}
Console.WriteLine();
Console.WriteLine("| idle jobs | database | poll every | CPU (% of one core) | process memory | one poll |");
Console.WriteLine("|---:|---|---:|---:|---:|---:|");
foreach (var provider in providers) await IdleAsync(provider, idleJobs, idleSeconds);
return;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static void Report(string name, int n, Burst b) => Console.WriteLine(
    $"| {name} | {n:N0} | {b.Started.TotalSeconds:0.00} s | {b.Completed.TotalSeconds:0.00} s | {b.P50.TotalMilliseconds:0} ms | {b.P99.TotalMilliseconds:0} ms | {b.CpuCores:0.00} | {b.PeakBytes / 1048576.0:0} MB |");

async Task<(Database Db, Func<Task> Cleanup)> CreateDatabaseAsync(DatabaseProvider provider)
{
    var dir = Directory.CreateTempSubdirectory("bytestack-bench-").FullName;
    if (provider == DatabaseProvider.Sqlite)
    {
        var sqlite = Database.Create(new DatabaseOptions(), dir);
        return (sqlite, async () => { await sqlite.DisposeAsync(); Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); Directory.Delete(dir, true); });
    }
    var name = "bench_" + Guid.NewGuid().ToString("N");
    await using (var admin = new NpgsqlConnection(postgres)) { await admin.OpenAsync(); await admin.ExecuteAsync($"CREATE DATABASE {name}"); }
    var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = name, MaxPoolSize = 50 }.ToString();
    var pg = Database.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs }, dir);
    return (pg, async () =>
    {
        await pg.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE {name} WITH (FORCE)");
        Directory.Delete(dir, true);
    });
}

/// <summary>Registers <paramref name="n"/> hourly jobs due at <paramref name="due"/>, in one statement.</summary>
async Task SeedAsync(Database db, int n, DateTimeOffset due)
{
    await new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
    var project = (await new ProjectStore(db, TimeProvider.System).CreateWithAdminKeyAsync("bench", "bench", CancellationToken.None))!.Value.Project;
    var series = db.Provider == DatabaseProvider.Postgres
        ? "SELECT 'job_bench' || lpad(i::text, 18, '0') AS id FROM generate_series(0, @n - 1) AS i"
        : "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < @n - 1) SELECT 'job_bench' || printf('%018d', i) AS id FROM c";
    await using var connection = await db.OpenAsync(CancellationToken.None);
    await connection.ExecuteAsync($"""
        INSERT INTO jobs (id, project_id, name, prompt, sources, schedule_type, schedule_value, result_limit, state, next_sync_at, created_at, updated_at, version)
        SELECT s.id, @project, 'bench', '"nothing"', '["hackernews"]', 'interval', 'every_hour', 100, 'active', @due, @now, @now, 0
        FROM ({series}) AS s
        """, new { n, project = project.Id, due = due.ToUnixTimeMilliseconds(), now = Wall.GetUtcNow().ToUnixTimeMilliseconds() }, commandTimeout: 600);
    // Statistics as autovacuum would have gathered them for jobs registered over time: without them,
    // right after this bulk insert PostgreSQL expects a few due rows and sorts all 100k for every batch.
    if (db.Provider == DatabaseProvider.Postgres) await connection.ExecuteAsync("ANALYZE jobs", commandTimeout: 600);
}

/// <summary>
/// N jobs due at one instant: the scheduler writes their occurrences while workers claim them
/// into free slots and complete them with a no-op query — the engine's own cost, with no source I/O.
/// </summary>
async Task<Burst> BurstAsync(DatabaseProvider provider, int n)
{
    var (db, cleanup) = await CreateDatabaseAsync(provider);
    try
    {
        var due = Wall.GetUtcNow().AddSeconds(3);
        await SeedAsync(db, n, due);
        var store = new RunStore(db);
        var wait = due - Wall.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait);

        var sampler = MemorySampler.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long claimed = 0, completed = 0;
        TimeSpan started = default;
        var schedulerDone = false;
        var scheduler = Task.Run(async () =>
        {
            while (await store.MaterializeAsync(Wall.GetUtcNow(), 1000, CancellationToken.None) > 0) { }
            schedulerDone = true;
        });
        // Four nodes' worth of executors, 64 slots each, claiming into their free slots.
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            while (Interlocked.Read(ref completed) < n)
            {
                var runs = await store.ClaimAsync($"bench-{w}", 64, Wall.GetUtcNow(), TimeSpan.FromSeconds(30), 3, CancellationToken.None);
                if (runs.Count == 0)
                {
                    if (schedulerDone && Interlocked.Read(ref claimed) >= n) return;
                    await Task.Delay(1);
                    continue;
                }
                if (Interlocked.Add(ref claimed, runs.Count) == n) started = clock.Elapsed;
                // Each claimed run completes on its own, as RunExecutor runs each slot in its own task.
                await Task.WhenAll(runs.Select(run =>
                    store.CompleteAsync(run, new RunStore.Completion(true, Wall.GetUtcNow(), 0, 0, null, null), CancellationToken.None)));
                Interlocked.Add(ref completed, runs.Count);
            }
        })).ToList();
        await Task.WhenAll(workers.Append(scheduler));
        var total = clock.Elapsed;
        var cpuCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / total.TotalSeconds;

        await using var connection = await db.OpenAsync(CancellationToken.None);
        var lateness = (await connection.QueryAsync<long>("SELECT started_at - scheduled_for FROM runs ORDER BY 1")).ToList();
        if (lateness.Count != n) throw new InvalidOperationException($"{lateness.Count} runs for {n} jobs");
        return new Burst(started, total, TimeSpan.FromMilliseconds(lateness[lateness.Count / 2]), TimeSpan.FromMilliseconds(lateness[(int)(lateness.Count * 0.99)]),
            cpuCores, sampler.Stop());
    }
    finally
    {
        await cleanup();
    }
}

async Task<Burst> QuartzBurstAsync(int n)
{
    var scheduler = await QuartzSchedulerBuilder.Create().UseProperties(new NameValueCollection
    {
        ["quartz.scheduler.instanceName"] = "bench",
        ["quartz.threadPool.maxConcurrency"] = "64",
        ["quartz.scheduler.batchTriggerAcquisitionMaxCount"] = "64",
        ["quartz.jobStore.misfireThreshold"] = "600000",
    }).Build().GetScheduler();
    var due = Wall.GetUtcNow().AddSeconds(3 + n / 20_000);
    NoopJob.Reset(n);
    for (var i = 0; i < n; i++)
        await scheduler.ScheduleJob(JobBuilder.Create<NoopJob>().WithIdentity($"j{i}").Build(), TriggerBuilder.Create().StartAt(due).Build());
    await scheduler.Start();
    var wait = due - Wall.GetUtcNow();
    if (wait > TimeSpan.Zero) await Task.Delay(wait);

    var sampler = MemorySampler.Start();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    await NoopJob.AllDone.Task;
    var total = clock.Elapsed;
    var cpuCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / total.TotalSeconds;
    await scheduler.Shutdown(false);
    var lateness = NoopJob.Lateness.Order().ToList();
    // A no-op job starts and completes at once: "all started" and "all completed" coincide.
    return new Burst(total, total, lateness[lateness.Count / 2], lateness[(int)(lateness.Count * 0.99)], cpuCores, sampler.Stop());
}

/// <summary>M registered jobs, none due: what the scheduler's polling costs while nothing happens.</summary>
async Task IdleAsync(DatabaseProvider provider, int m, int seconds)
{
    var (db, cleanup) = await CreateDatabaseAsync(provider);
    try
    {
        await SeedAsync(db, m, Wall.GetUtcNow().AddYears(1));
        var store = new RunStore(db);
        GC.Collect();
        var poll = Stopwatch.StartNew();
        await store.MaterializeAsync(Wall.GetUtcNow(), 500, CancellationToken.None);
        var onePoll = poll.Elapsed;

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            if (await store.MaterializeAsync(Wall.GetUtcNow(), 500, CancellationToken.None) != 0) throw new InvalidOperationException("nothing should be due");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        var percent = 100 * (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / clock.Elapsed.TotalSeconds;
        GC.Collect();
        var memory = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"| {m:N0} | {provider} | 1 s | {percent:0.00} % | {memory / 1048576.0:0} MB | {onePoll.TotalMilliseconds:0.0} ms |");
    }
    finally
    {
        await cleanup();
    }
}

record Burst(TimeSpan Started, TimeSpan Completed, TimeSpan P50, TimeSpan P99, double CpuCores, long PeakBytes);

/// <summary>The process's peak working set during a measurement, sampled every 20 ms.</summary>
sealed class MemorySampler
{
    private readonly CancellationTokenSource stop = new();
    private long peak;
    private Task? loop;

    public static MemorySampler Start()
    {
        var sampler = new MemorySampler();
        sampler.loop = Task.Run(async () =>
        {
            // Task.Delay(…, CancellationToken.None) between samples: Stop() ends the loop at the next check.
            while (!sampler.stop.IsCancellationRequested)
            {
                sampler.peak = Math.Max(sampler.peak, Process.GetCurrentProcess().WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        return sampler;
    }

    public long Stop()
    {
        stop.Cancel();
        loop!.Wait();
        return peak;
    }
}

sealed class NoopJob : IJob
{
    private static long remaining;
    public static System.Collections.Concurrent.ConcurrentBag<TimeSpan> Lateness { get; private set; } = [];
    public static TaskCompletionSource AllDone { get; private set; } = new();

    public static void Reset(int n)
    {
        remaining = n;
        Lateness = [];
        AllDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        Lateness.Add(TimeProvider.System.GetUtcNow() - (context.ScheduledFireTimeUtc ?? TimeProvider.System.GetUtcNow()));
        if (Interlocked.Decrement(ref remaining) == 0) AllDone.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
