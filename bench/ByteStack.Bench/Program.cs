using System.Collections.Specialized;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Runs;
using ByteStack.Server.Sources;
using ByteStack.Server.Sources.HackerNews;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Quartz;

// The engine's costs end to end, with Quartz.NET's in-memory scheduler as the baseline in the same
// run. Every ByteStack number comes from real `bytestack` nodes in this process (ServerApp, the
// real Scheduler and RunExecutor): each run queries Hacker News through the real connector, stages
// its raw log and result file, wins its fence in a group commit with an index row and an outbox row
// (every job has a webhook_url), and publishes its file. Usage (scripts/bench.sh provides PostgreSQL):
//   dotnet run -c Release --project bench/ByteStack.Bench -- [--jobs 10000[,100000]] [--throughput-seconds 60]
//       [--throughput-jobs 1000] [--files 100000] [--idle 100000] [--idle-seconds 10] [--nodes 1] [--workers 256]
//       [--floor-only] (the floor under the --jobs bursts, without the bursts)
// The bench times real bursts against real databases: it runs on the machine's own clock.
var Wall = TimeProvider.System;
if (args.Contains("--dashboard"))
{
    // ./scripts/bench.sh --dashboard [--dashboard-jobs 10000] [--rounds 50]
    await DashboardBench.RunAsync(int.Parse(Arg("--dashboard-jobs", "10000")), int.Parse(Arg("--rounds", "50")));
    return;
}
if (args.Contains("--sentiment"))
{
    // ./scripts/bench.sh --sentiment [--rounds 5]
    SentimentBench.Run(int.Parse(Arg("--rounds", "5")));
    return;
}
var jobCounts = Arg("--jobs", "10000").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
var throughputSeconds = int.Parse(Arg("--throughput-seconds", "60"));
var throughputJobs = int.Parse(Arg("--throughput-jobs", "1000"));
var fileCount = int.Parse(Arg("--files", "100000"));
var idleJobs = int.Parse(Arg("--idle", "100000"));
var idleSeconds = int.Parse(Arg("--idle-seconds", "10"));
var nodes = int.Parse(Arg("--nodes", "1"));
var workers = int.Parse(Arg("--workers", "256"));
var only = Arg("--only", "sqlite,postgres").Split(',');
// Where PostgreSQL's time goes in a burst (needs BYTESTACK_PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements").
var pgStatements = args.Contains("--pg-statements");
var commitLines = new List<string>();
var postgres = Environment.GetEnvironmentVariable("BYTESTACK_BENCH_POSTGRES");
var providers = new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres }
    .Where(p => only.Contains(p.ToString(), StringComparer.OrdinalIgnoreCase) && (p == DatabaseProvider.Sqlite || postgres is not null)).ToArray();

Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {Environment.OSVersion}, load {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine($"ByteStack: {nodes} node(s) × {workers} worker slots, poll 100 ms, commit batch 500 / 5 ms, file storage");
Console.WriteLine();
if (jobCounts.Length > 0 && !args.Contains("--floor-only"))
{
    Console.WriteLine("| scheduler | jobs | all started | all completed | lateness p50 | lateness p99 | CPU (cores busy) | peak memory |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
    // A node that has been up answers the hour's burst with compiled code: one unreported burst of
    // 1,000 per scheduler first, so the numbers are not the JIT's (--cold measures a fresh process).
    if (!args.Contains("--cold"))
    {
        foreach (var provider in providers) await BurstAsync(provider, 1000, report: false);
        await QuartzBurstAsync(1000);
    }
    foreach (var n in jobCounts)
    {
        foreach (var provider in providers) Report($"ByteStack ({provider})", n, await BurstAsync(provider, n));
        Report("Quartz.NET 4.7.3 (RAMJobStore)", n, await QuartzBurstAsync(n));
    }
    Console.WriteLine();
    Console.WriteLine("Group commits in those bursts (bytestack_commit_* on /metrics):");
    Console.WriteLine();
    Console.WriteLine("| database | jobs | batches | runs per batch | sync per batch | transaction per batch |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    commitLines.ForEach(Console.WriteLine);
    Console.WriteLine();
}
// The same bursts' files and rows written with no engine at all: what this machine itself needs.
foreach (var n in jobCounts)
    await FloorBench.RunAsync(n, !providers.Contains(DatabaseProvider.Sqlite) ? null : async count =>
    {
        var db = await CreateDatabaseAsync(DatabaseProvider.Sqlite);
        var key = await SeedAsync(db.Database, count, Wall.GetUtcNow().AddYears(1));
        return (db.Database, key.Key.ProjectId, db.Cleanup);
    });
if (throughputSeconds > 0)
{
    Console.WriteLine($"| database | jobs due every minute | source answers in | runs completed in {throughputSeconds} s | runs/s | first wave: all completed after | completion lateness p50 / p99 |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
    foreach (var provider in providers) await ThroughputAsync(provider, throughputJobs, throughputSeconds);
    Console.WriteLine();
}
if (fileCount > 0)
{
    Console.WriteLine("| database | files | request | p50 | p99 |");
    Console.WriteLine("|---|---:|---|---:|---:|");
    foreach (var provider in providers) await ListingAsync(provider, fileCount);
    Console.WriteLine();
}
if (idleJobs > 0)
{
    Console.WriteLine("| idle jobs | database | poll every | CPU (% of one core) | process memory | one poll |");
    Console.WriteLine("|---:|---|---:|---:|---:|---:|");
    foreach (var provider in providers) await IdleAsync(provider, idleJobs, idleSeconds);
}
return;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static void Report(string name, int n, Burst b) => Console.WriteLine(
    $"| {name} | {n:N0} | {b.Started.TotalSeconds:0.00} s | {b.Completed.TotalSeconds:0.00} s | {b.P50.TotalMilliseconds:0} ms | {b.P99.TotalMilliseconds:0} ms | {b.CpuCores:0.00} | {b.PeakBytes / 1048576.0:0} MB |");

async Task<BenchDatabase> CreateDatabaseAsync(DatabaseProvider provider)
{
    var dir = Directory.CreateTempSubdirectory("bytestack-bench-").FullName;
    if (provider == DatabaseProvider.Sqlite)
    {
        var sqlite = Database.Create(new DatabaseOptions(), dir);
        return new BenchDatabase(sqlite, dir, null, async () =>
        {
            await sqlite.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        });
    }
    var name = "bench_" + Guid.NewGuid().ToString("N");
    await using (var admin = new NpgsqlConnection(postgres)) { await admin.OpenAsync(); await admin.ExecuteAsync($"CREATE DATABASE {name}"); }
    // The tuned configuration: a pool as large as the node's busiest moment (worker slots' job
    // reads), and Npgsql's automatic preparation of the statements every run repeats.
    var cs = new NpgsqlConnectionStringBuilder(postgres) { Database = name, MaxPoolSize = 100, MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ToString();
    var pg = Database.Create(new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = cs }, dir);
    return new BenchDatabase(pg, dir, cs, async () =>
    {
        await pg.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(postgres);
        await admin.OpenAsync();
        await admin.ExecuteAsync($"DROP DATABASE {name} WITH (FORCE)");
        Directory.Delete(dir, true);
    });
}

/// <summary>Migrates, creates the project, and registers <paramref name="n"/> jobs due at <paramref name="due"/> in one statement.</summary>
async Task<IssuedApiKey> SeedAsync(Database db, int n, DateTimeOffset due, string scheduleType = "interval", string scheduleValue = "every_hour")
{
    await new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
    var (project, key) = (await new ProjectStore(db, TimeProvider.System).CreateWithAdminKeyAsync("bench", "bench", CancellationToken.None))!.Value;
    var series = db.Provider == DatabaseProvider.Postgres
        ? "SELECT 'job_bench' || lpad(i::text, 18, '0') AS id FROM generate_series(0, @n - 1) AS i"
        : "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < @n - 1) SELECT 'job_bench' || printf('%018d', i) AS id FROM c";
    await using var connection = await db.OpenAsync(CancellationToken.None);
    // Every job has a webhook_url, so each run's completion writes an outbox row too.
    await connection.ExecuteAsync($"""
        INSERT INTO jobs (id, project_id, name, prompt, sources, schedule_type, schedule_value, result_limit, webhook_url, state, next_sync_at, created_at, updated_at, version)
        SELECT s.id, @project, 'bench', '"nothing"', '["hackernews"]', @scheduleType, @scheduleValue, 100, 'https://hooks.example.com/bench', 'active', @due, @now, @now, 0
        FROM ({series}) AS s
        """, new { n, project = project.Id, due = due.ToUnixTimeMilliseconds(), now = Wall.GetUtcNow().ToUnixTimeMilliseconds(), scheduleType, scheduleValue },
        commandTimeout: 600);
    // Statistics as autovacuum would have gathered them for jobs registered over time: without them,
    // right after this bulk insert PostgreSQL expects a few due rows and sorts all 100k for every batch.
    if (db.Provider == DatabaseProvider.Postgres) await AnalyzeAsync(connection);
    return key;
}

/// <summary>
/// A real node: the whole service (ServerApp) on this database and data directory. Hacker News
/// answers through <paramref name="hackerNews"/> (in process, at once) or at <paramref name="hackerNewsUrl"/>
/// (a loopback fixture). Deliveries are not dispatched (no webhook receiver is measured here).
/// </summary>
async Task<WebApplication> StartNodeAsync(BenchDatabase db, string roles, HttpMessageHandler? hackerNews = null, string? hackerNewsUrl = null)
{
    var args = new List<string>
    {
        "--urls=http://127.0.0.1:0", $"--ByteStack:DataDir={db.Directory}", $"--ByteStack:Database:Provider={db.Database.Provider}",
        $"--ByteStack:Engine:Roles={roles}", $"--ByteStack:Engine:Workers={workers}", "--ByteStack:Engine:PollInterval=00:00:00.100",
        "--ByteStack:Sources:HackerNews:BudgetRequests=100000000", "--ByteStack:Delivery:PollInterval=1.00:00:00", // the dispatcher polls once at start, before any run
        "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:ByteStack=Warning",
    };
    if (db.ConnectionString is { } cs) args.Add($"--ByteStack:Database:ConnectionString={cs}");
    if (hackerNewsUrl is not null) args.Add($"--ByteStack:Sources:HackerNews:BaseUrl={hackerNewsUrl}");
    return await ServerApp.StartAsync([.. args], builder =>
    {
        if (hackerNews is null) return;
        builder.Services.RemoveAll<Connector>();
        builder.Services.AddSingleton<Connector>(sp => ActivatorUtilities.CreateInstance<HackerNewsConnector>(sp, new HttpClient(hackerNews)));
    });
}

/// <summary>
/// N jobs due at one instant, run by real nodes end to end. Timings come from the run rows
/// themselves: all started = last <c>started_at</c> − due, all completed = last <c>completed_at</c> − due.
/// </summary>
async Task<Burst> BurstAsync(DatabaseProvider provider, int n, bool report = true)
{
    var db = await CreateDatabaseAsync(provider);
    var started = new List<WebApplication>();
    try
    {
        // Far enough ahead for the nodes to start on a busy machine.
        var due = Wall.GetUtcNow().AddSeconds(8 + n / 50_000);
        await SeedAsync(db.Database, n, due);
        if (report && pgStatements && provider == DatabaseProvider.Postgres) await StatementStats.ResetAsync(db.Database);
        for (var i = 0; i < nodes; i++) started.Add(await StartNodeAsync(db, "scheduler,worker", new InstantHackerNews()));
        var wait = due - Wall.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        else Console.WriteLine($"(nodes started {-wait.TotalSeconds:0.0} s after the due instant; raise the head start)");

        var sampler = MemorySampler.Start();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        // Done when no run is pending or running: two counts over the engine's own partial indexes,
        // every 200 ms. (Counting the finished runs scanned the table each time, and at 100k the
        // bench's own polling took a third of PostgreSQL's time.) The timings come from the rows.
        await Task.Delay(1000);
        while (await connection.ExecuteScalarAsync<long>(
                   "SELECT (SELECT COUNT(*) FROM runs WHERE status = 'pending') + (SELECT COUNT(*) FROM runs WHERE status = 'running')") > 0
               || await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs") < n) // the scheduler may not have written them all yet
            await Task.Delay(200);
        var wall = clock.Elapsed;
        var cpuCores = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall.TotalSeconds;
        var peak = sampler.Stop();

        var failed = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status <> 'completed'");
        var files = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM storage_objects WHERE substr(storage_key, 1, 5) <> 'logs/'");
        var outbox = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deliveries");
        if (failed != 0 || files != n || outbox != n)
        {
            var why = await connection.QueryAsync<(string Status, string? Error, long Count)>("SELECT status, error, COUNT(*) FROM runs GROUP BY status, error ORDER BY 3 DESC LIMIT 5");
            throw new InvalidOperationException($"{failed} runs not completed, {files} result files, {outbox} outbox rows for {n} jobs: " +
                                                string.Join("; ", why.Select(w => $"{w.Count} {w.Status} {w.Error}")));
        }
        // Files move to their keys just after their batch commits: wait for the last moves.
        int Published() => Directory.GetFiles(Path.Combine(db.Directory, "storage"), "*.json", SearchOption.AllDirectories)
            .Count(f => !f.Contains($"{Path.DirectorySeparatorChar}.staged{Path.DirectorySeparatorChar}"));
        for (var i = 0; i < 100 && Published() != 2 * n; i++) await Task.Delay(100);
        if (Published() != 2 * n) throw new InvalidOperationException($"{Published()} files published for {n} runs (a result and a raw log each)");

        if (report && pgStatements && provider == DatabaseProvider.Postgres) await StatementStats.PrintAsync(connection, n);
        var lateness = (await connection.QueryAsync<long>("SELECT started_at - scheduled_for FROM runs ORDER BY 1")).ToList();
        var lastStarted = await connection.ExecuteScalarAsync<long>("SELECT MAX(started_at) FROM runs");
        var lastCompleted = await connection.ExecuteScalarAsync<long>("SELECT MAX(completed_at) FROM runs");
        var dueMs = due.ToUnixTimeMilliseconds();
        var commits = started.Select(node => node.Services.GetRequiredService<EngineMetrics>().Commits).ToList();
        var (batches, committed) = (commits.Sum(c => c.Batches), commits.Sum(c => c.Runs));
        if (report) commitLines.Add($"| ByteStack ({provider}) | {n:N0} | {batches:N0} | {(double)committed / Math.Max(1, batches):0} | " +
                        $"{commits.Sum(c => c.Sync.TotalMilliseconds) / Math.Max(1, batches):0.0} ms | {commits.Sum(c => c.Write.TotalMilliseconds) / Math.Max(1, batches):0.0} ms |");
        return new Burst(TimeSpan.FromMilliseconds(lastStarted - dueMs), TimeSpan.FromMilliseconds(lastCompleted - dueMs),
            TimeSpan.FromMilliseconds(lateness[lateness.Count / 2]), TimeSpan.FromMilliseconds(lateness[(int)(lateness.Count * 0.99)]), cpuCores, peak);
    }
    finally
    {
        foreach (var node in started) { await node.StopAsync(); await node.DisposeAsync(); }
        await db.Cleanup();
    }
}

/// <summary>
/// <paramref name="jobs"/> jobs every minute (cron <c>* * * * *</c>, the first wave a few seconds
/// after start), each run asking a loopback Hacker News fixture that answers in 50 ms.
/// </summary>
async Task ThroughputAsync(DatabaseProvider provider, int jobs, int seconds)
{
    var db = await CreateDatabaseAsync(provider);
    await using var fixture = await SlowHackerNews.StartAsync(TimeSpan.FromMilliseconds(50));
    var started = new List<WebApplication>();
    try
    {
        var due = Wall.GetUtcNow().AddSeconds(8);
        await SeedAsync(db.Database, jobs, due, "cron", "* * * * *");
        for (var i = 0; i < nodes; i++) started.Add(await StartNodeAsync(db, "scheduler,worker", hackerNewsUrl: fixture.BaseUrl));
        var wait = due - Wall.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
        await Task.Delay(TimeSpan.FromSeconds(seconds));

        await using var connection = await db.Database.OpenAsync(CancellationToken.None);
        var end = due.AddSeconds(seconds).ToUnixTimeMilliseconds();
        var completed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM runs WHERE status = 'completed' AND completed_at < @end", new { end });
        var dueMs = due.ToUnixTimeMilliseconds();
        var firstWave = (await connection.QueryAsync<long>(
            "SELECT completed_at - scheduled_for FROM runs WHERE scheduled_for = @dueMs AND status = 'completed' ORDER BY 1", new { dueMs })).ToList();
        var wave = firstWave.Count == jobs ? $"{firstWave[^1] / 1000.0:0.00} s" : $"{firstWave.Count:N0} of {jobs:N0} done";
        Console.WriteLine($"| {provider} | {jobs:N0} | 50 ms | {completed:N0} | {completed / (double)seconds:0.0} | {wave} | " +
                          $"{(firstWave.Count > 0 ? $"{firstWave[firstWave.Count / 2]} / {firstWave[(int)(firstWave.Count * 0.99)]} ms" : "–")} |");
    }
    finally
    {
        foreach (var node in started) { await node.StopAsync(); await node.DisposeAsync(); }
        await db.Cleanup();
    }
}

/// <summary><c>GET /v1/storage</c> on a project with <paramref name="n"/> indexed result files: first page, one job's files, a deep page.</summary>
async Task ListingAsync(DatabaseProvider provider, int n)
{
    var db = await CreateDatabaseAsync(provider);
    WebApplication? node = null;
    try
    {
        var key = await SeedAsync(db.Database, 1000, Wall.GetUtcNow().AddYears(1));
        await using (var connection = await db.Database.OpenAsync(CancellationToken.None))
        {
            var series = db.Database.Provider == DatabaseProvider.Postgres
                ? "SELECT i FROM generate_series(0::bigint, @n - 1) AS i"
                : "WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < @n - 1) SELECT i FROM c";
            var pad = db.Database.Provider == DatabaseProvider.Postgres ? "lpad((s.i % 1000)::text, 18, '0')" : "printf('%018d', s.i % 1000)";
            // One result file per job and hour, as 1,000 hourly jobs leave them after n / 1,000 hours.
            await connection.ExecuteAsync($"""
                INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, created_at)
                SELECT 'job_bench' || {pad} || '/' || (1700000000000 + (s.i / 1000) * 3600000) || '.json', @project,
                    1200, '"0123456789abcdef0123456789abcdef"', 'job_bench' || {pad}, 'run_bench' || s.i, 1700000000000 + (s.i / 1000) * 3600000
                FROM ({series}) AS s
                """, new { n, project = key.Key.ProjectId }, commandTimeout: 1200);
            if (db.Database.Provider == DatabaseProvider.Postgres) await AnalyzeAsync(connection, "jobs, storage_objects");
        }
        node = await StartNodeAsync(db, "api");
        var address = node.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key.Secret);
        var firstPage = await http.GetStringAsync("/v1/storage?limit=100");
        var cursor = System.Text.Json.JsonDocument.Parse(firstPage).RootElement.GetProperty("next_cursor").GetString();
        foreach (var (name, url) in new[]
                 {
                     ("first page, limit=100", "/v1/storage?limit=100"),
                     ("one job's files, limit=100", "/v1/storage?limit=100&job_id=job_bench000000000000000500"),
                     ("next page (cursor)", $"/v1/storage?limit=100&cursor={cursor}"),
                 })
        {
            for (var i = 0; i < 20; i++) (await http.GetAsync(url)).EnsureSuccessStatusCode(); // warm up
            var times = new List<double>();
            for (var i = 0; i < 300; i++)
            {
                var watch = Stopwatch.StartNew();
                (await http.GetAsync(url)).EnsureSuccessStatusCode();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"| {provider} | {n:N0} | {name} | {times[times.Count / 2]:0.0} ms | {times[(int)(times.Count * 0.99)]:0.0} ms |");
        }
    }
    finally
    {
        if (node is not null) { await node.StopAsync(); await node.DisposeAsync(); }
        await db.Cleanup();
    }
}

// The statistics autovacuum would have gathered for what was seeded (a one-word command would make
// Dapper call a stored procedure). Only seeded tables: an empty table analyzed is planned as empty
// for the whole burst, which no deployment with a history of runs ever sees.
async Task AnalyzeAsync(System.Data.Common.DbConnection connection, string tables = "jobs") =>
    await connection.ExecuteAsync($"ANALYZE {tables}", commandTimeout: 600);

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
    var db = await CreateDatabaseAsync(provider);
    try
    {
        await SeedAsync(db.Database, m, Wall.GetUtcNow().AddYears(1));
        var store = new RunStore(db.Database);
        GC.Collect();
        var poll = Stopwatch.StartNew();
        await store.MaterializeAsync(Wall.GetUtcNow(), 500, CancellationToken.None);
        var onePoll = poll.Elapsed;
        // A node that has been up polls with compiled code: the first few hundred polls are not measured
        // (run alone, the tiering JIT of thirty polls cost more CPU than the polls themselves).
        // Then a pause, for the runtime to finish compiling them at tier 1 in the background.
        for (var i = 0; i < 300; i++) await store.MaterializeAsync(Wall.GetUtcNow(), 500, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(5));

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
        await db.Cleanup();
    }
}

/// <summary>pg_stat_statements over one burst: the statements that took PostgreSQL's time, with their plans' cost per call.</summary>
static class StatementStats
{
    public static async Task ResetAsync(Database db)
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await connection.ExecuteScalarAsync("SELECT pg_stat_statements_reset()");
    }

    public static async Task PrintAsync(System.Data.Common.DbConnection connection, int n)
    {
        var rows = await connection.QueryAsync<(string Query, long Calls, double TotalMs, double MeanMs, long Rows)>(
            """
            SELECT regexp_replace(query, '\s+', ' ', 'g'), calls, total_exec_time, mean_exec_time, rows FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT 12
            """);
        Console.WriteLine($"\nPostgreSQL statements in the {n:N0} burst, by total execution time:\n");
        Console.WriteLine("| statement | calls | total | mean | rows |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in rows)
            Console.WriteLine($"| `{(r.Query.Length > 110 ? r.Query[..110] + "…" : r.Query).Replace("|", "\\|")}` | {r.Calls:N0} | {r.TotalMs:0} ms | {r.MeanMs:0.00} ms | {r.Rows:N0} |");
        Console.WriteLine();
    }
}

record Burst(TimeSpan Started, TimeSpan Completed, TimeSpan P50, TimeSpan P99, double CpuCores, long PeakBytes);

record BenchDatabase(Database Database, string Directory, string? ConnectionString, Func<Task> Cleanup);

/// <summary>Hacker News (Algolia) answering at once, in process: no hits. The connector, its raw log and the run's files are all real.</summary>
sealed class InstantHackerNews : HttpMessageHandler
{
    private static readonly byte[] Empty = Encoding.UTF8.GetBytes(
        """{"hits":[],"nbHits":0,"page":0,"nbPages":0,"hitsPerPage":100,"exhaustiveNbHits":true,"query":"nothing","processingTimeMS":0}""");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new ByteArrayContent(Empty) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            RequestMessage = request,
        });
}

/// <summary>A loopback Hacker News (Algolia) fixture that answers every search after a fixed delay.</summary>
sealed class SlowHackerNews(WebApplication app, string baseUrl) : IAsyncDisposable
{
    public string BaseUrl { get; } = baseUrl;

    public static async Task<SlowHackerNews> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/api/v1/search_by_date", async (HttpContext context) =>
        {
            await Task.Delay(delay, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                """{"hits":[],"nbHits":0,"page":0,"nbPages":0,"hitsPerPage":100,"exhaustiveNbHits":true,"query":"nothing","processingTimeMS":50}""");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SlowHackerNews(app, $"{address}/api/v1");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

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
