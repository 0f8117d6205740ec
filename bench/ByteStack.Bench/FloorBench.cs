using System.Diagnostics;
using ByteStack.Server.Persistence;
using Microsoft.Data.Sqlite;

/// <summary>
/// What this machine's disk and SQLite need for the work every published run must do, with no
/// engine at all: the floor under the burst numbers (issue 14). A run of a burst leaves two files
/// at the SPEC's keys — its result under its job's folder and its raw log under
/// <c>logs/{job_id}/{run_id}/</c> — and about eight rows: its occurrence and its job's next time
/// (scheduler), its claim, its end, its job's state, two storage index rows and an outbox row.
/// Here those are written the cheapest way there is: files straight to their paths (no staging, no
/// rename, no fsync) from two threads, and rows with prepared statements in transactions of 500
/// on the migrated schema with its indexes. Whatever the engine does on top costs more.
/// </summary>
public static class FloorBench
{
    private const int Batch = 500;

    /// <param name="seed">Migrates a database and registers <c>n</c> jobs (the burst's own seeding); returns the project id.</param>
    public static async Task RunAsync(int n, Func<Database, int, Task<string>> seed)
    {
        Console.WriteLine($"| floor: {n:N0} runs, no engine | wall | CPU | CPU per run |");
        Console.WriteLine("|---|---:|---:|---:|");
        var dir = Directory.CreateTempSubdirectory("bytestack-floor-").FullName;
        try
        {
            Report("files: a result and a raw log each, with their folders (2 threads)", Measure(() => WriteFiles(Path.Combine(dir, "storage"), n)), n);
            var db = Database.Create(new DatabaseOptions(), dir);
            try
            {
                var project = await seed(db, n);
                var jobs = new List<string>(n);
                await using (var connection = await db.OpenAsync(CancellationToken.None))
                await using (var read = connection.CreateCommand())
                {
                    read.CommandText = "SELECT id FROM jobs ORDER BY id";
                    await using var reader = await read.ExecuteReaderAsync();
                    while (await reader.ReadAsync()) jobs.Add(reader.GetString(0));
                }
                await using (var connection = (SqliteConnection)await db.OpenAsync(CancellationToken.None))
                    Report("SQLite: the runs' eight rows, prepared statements, 500 runs a transaction (1 thread)", Measure(() => WriteRows(connection, project, jobs)), n);
            }
            finally
            {
                await db.DisposeAsync();
                SqliteConnection.ClearAllPools();
            }
        }
        finally
        {
            Directory.Delete(dir, true);
        }
        Console.WriteLine();
    }

    private static (TimeSpan Wall, TimeSpan Cpu) Measure(Action work)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        work();
        return (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }

    private static void Report(string what, (TimeSpan Wall, TimeSpan Cpu) m, int n) =>
        Console.WriteLine($"| {what} | {m.Wall.TotalSeconds:0.00} s | {m.Cpu.TotalSeconds:0.00} s | {m.Cpu.TotalMicroseconds / n:0} µs |");

    /// <summary>The sizes of a bench run's files (an empty Hacker News answer and its result).</summary>
    private static readonly byte[] Result = new byte[1200], RawLog = new byte[400];

    private static void WriteFiles(string root, int n) =>
        Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            var job = $"job_floor{i:D18}";
            var results = Directory.CreateDirectory(Path.Combine(root, job)).FullName;
            File.WriteAllBytes(Path.Combine(results, "qry_floor_2026-12-02T14-00-00Z.json"), Result);
            var log = Directory.CreateDirectory(Path.Combine(root, "logs", job, $"run_floor{i:D18}")).FullName;
            File.WriteAllBytes(Path.Combine(log, "hackernews-page-0.json"), RawLog);
        });

    private static void WriteRows(SqliteConnection connection, string project, IReadOnlyList<string> jobs)
    {
        const long due = 1_800_000_000_000;
        SqliteCommand Prepare(string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var p in parameters) command.Parameters.Add(new SqliteParameter(p, null));
            return command;
        }
        using var occurrence = Prepare("INSERT INTO runs (id, project_id, job_id, trigger_kind, scheduled_for, status, created_at) VALUES (@id, @project, @job, 'schedule', @due, 'pending', @due)",
            "@id", "@project", "@job", "@due");
        using var scheduled = Prepare("UPDATE jobs SET state = 'running', next_sync_at = @next, version = version + 1 WHERE id = @job", "@next", "@job");
        using var claim = Prepare("UPDATE runs SET status = 'running', attempt = attempt + 1, lease_owner = 'floor', lease_expires_at = @lease, started_at = @due WHERE id = @id AND status = 'pending'",
            "@lease", "@due", "@id");
        using var end = Prepare("UPDATE runs SET status = 'completed', completed_at = @due, duration_ms = 1, record_count = 0, total_results = 0, result_key = @key, lease_owner = NULL, lease_expires_at = NULL WHERE id = @id AND attempt = 1 AND status = 'running'",
            "@due", "@key", "@id");
        using var finished = Prepare("UPDATE jobs SET state = 'active', last_sync_at = @due, version = version + 1 WHERE id = @job", "@due", "@job");
        using var indexed = Prepare("INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, created_at, object_key) VALUES (@key, @project, 1200, '\"0123456789abcdef\"', @job, @id, @due, @key)",
            "@key", "@project", "@job", "@id", "@due");
        using var outbox = Prepare("INSERT INTO deliveries (id, project_id, job_id, run_id, kind, target, payload, status, next_attempt_at, created_at) VALUES (@delivery, @project, @job, @id, 'webhook_url', 'https://hooks.example.com/bench', '{}', 'pending', @due, @due)",
            "@delivery", "@project", "@job", "@id", "@due");

        for (var start = 0; start < jobs.Count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var command in new[] { occurrence, scheduled, claim, end, finished, indexed, outbox }) command.Transaction = transaction;
            for (var i = start; i < Math.Min(start + Batch, jobs.Count); i++)
            {
                var (job, run) = (jobs[i], $"run_floor{i:D18}");
                Execute(occurrence, run, project, job, due);
                Execute(scheduled, due + 3_600_000, job);
                Execute(claim, due + 60_000, due, run);
                Execute(end, due, $"{job}/qry_floor.json", run);
                Execute(finished, due, job);
                Execute(indexed, $"{job}/qry_floor.json", project, job, run, due);
                Execute(indexed, $"logs/{job}/{run}/hackernews-page-0.json", project, job, run, due);
                Execute(outbox, $"dlv_floor{i:D18}", project, job, run, due);
            }
            transaction.Commit();
        }
    }

    private static void Execute(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i];
        if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"{command.CommandText} wrote no row");
    }
}
