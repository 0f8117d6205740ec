using System.Data.Common;
using System.Diagnostics;
using ByteStack.Server.Persistence;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

/// <summary>
/// What this machine's disk and SQLite need for the work every published run must leave, with no
/// engine at all: the floor under the burst numbers (issue 14). A run of a burst leaves two files at
/// their keys — its result (<see cref="ResultKeys.For"/>) and its raw log (<see cref="RawLog.Key"/>)
/// — and nine row writes: its occurrence and its job's next time (scheduler), its claim and its
/// job's state (claim), its end, its job's state again, two storage index rows and an outbox row
/// (group commit). Here they are written the cheapest way there is: files straight to their paths
/// (no staging, no rename, no fsync) from two threads; rows with prepared statements, 500 runs a
/// transaction instead of the engine's three, on the migrated schema with its indexes, from one
/// thread (SQLite has one writer). Whatever the engine does on top costs more.
/// PostgreSQL's rows have no floor here: row by row, each statement is a round trip (about 160 µs
/// on this machine's loopback), and the cheapest way, set-based statements per batch, is what the
/// engine already does.
/// </summary>
public static class FloorBench
{
    private const int Batch = 500;
    private static readonly DateTimeOffset Due = new(2026, 12, 2, 14, 0, 0, TimeSpan.Zero);

    /// <param name="sqlite">A fresh migrated SQLite database with <c>n</c> jobs registered, its project id, and its cleanup; null for no rows floor.</param>
    public static async Task RunAsync(int n, Func<int, Task<(Database Database, string ProjectId, Func<Task> Cleanup)>>? sqlite)
    {
        Console.WriteLine($"| floor: {n:N0} runs, no engine | wall | CPU per run: user + kernel |");
        Console.WriteLine("|---|---:|---:|");
        // The ids the bench's seeding gives its jobs (a row write that finds no job fails the floor).
        var jobs = Enumerable.Range(0, n).Select(i => (Job: $"job_bench{i:D18}", Run: $"run_{i:D26}")).ToList();
        var dir = Directory.CreateTempSubdirectory("bytestack-floor-").FullName;
        try
        {
            Report("files of new jobs (as in the bursts): three folders and two files a run, 2 threads",
                Measure(() => WriteFiles(Path.Combine(dir, "new"), jobs)), n);
            var again = Path.Combine(dir, "again");
            foreach (var (job, _) in jobs)
            {
                Directory.CreateDirectory(Path.Combine(again, job));
                Directory.CreateDirectory(Path.Combine(again, "logs", job));
            }
            Report("files of jobs that ran before (their folders exist): one folder and two files a run, 2 threads",
                Measure(() => WriteFiles(again, jobs)), n);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
        if (sqlite is not null)
        {
            var (db, project, cleanup) = await sqlite(n);
            try
            {
                await using var connection = await db.OpenAsync(CancellationToken.None);
                Report("SQLite: the runs' nine row writes, prepared, 500 runs a transaction, 1 thread", Measure(() => WriteRows(connection, project, jobs)), n);
            }
            finally
            {
                await cleanup();
            }
        }
        Console.WriteLine();
    }

    private static (TimeSpan Wall, TimeSpan User, TimeSpan Kernel) Measure(Action work)
    {
        var process = Process.GetCurrentProcess();
        var (user, kernel) = (process.UserProcessorTime, process.PrivilegedProcessorTime);
        var clock = Stopwatch.StartNew();
        work();
        var wall = clock.Elapsed;
        process.Refresh();
        return (wall, process.UserProcessorTime - user, process.PrivilegedProcessorTime - kernel);
    }

    private static void Report(string what, (TimeSpan Wall, TimeSpan User, TimeSpan Kernel) m, int n) =>
        Console.WriteLine($"| {what} | {m.Wall.TotalSeconds:0.00} s | {m.User.TotalMicroseconds / n:0} + {m.Kernel.TotalMicroseconds / n:0} µs |");

    /// <summary>The sizes of a bench run's files: its result (no records) and its raw log (an empty Hacker News answer).</summary>
    private static readonly byte[] Result = new byte[1200], Log = new byte[400];

    private static void WriteFiles(string root, IReadOnlyList<(string Job, string Run)> runs) =>
        Parallel.ForEach(runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, r =>
        {
            foreach (var (key, bytes) in new[] { (ResultKeys.For(r.Job, Due), Result), (RawLog.Key(r.Job, r.Run, 1, 1, "hackernews"), Log) })
            {
                var path = Path.Combine(root, key);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, bytes);
            }
        });

    private static void WriteRows(DbConnection connection, string project, IReadOnlyList<(string Job, string Run)> runs)
    {
        var due = Due.ToUnixTimeMilliseconds();
        const string etag = "\"0123456789abcdef0123456789abcdef\"";
        // The size of the engine's job.completed event.
        var payload = $$"""{"event":"job.completed","job_id":"{{runs[0].Job}}","run_id":"{{runs[0].Run}}","status":"completed","result_url":"http://127.0.0.1:8080/v1/storage/{{ResultKeys.For(runs[0].Job, Due)}}","completed_at":"2026-12-02T14:00:00Z"}""";
        DbCommand Prepare(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
        using var occurrence = Prepare("INSERT INTO runs (id, project_id, job_id, trigger_kind, scheduled_for, status, created_at) VALUES (@run, @project, @job, 'schedule', @due, 'pending', @due)");
        using var scheduled = Prepare("UPDATE jobs SET next_sync_at = @next, version = version + 1 WHERE id = @job");
        using var claim = Prepare("UPDATE runs SET status = 'running', attempt = attempt + 1, lease_owner = 'floor', lease_expires_at = @lease, started_at = @due WHERE id = @run AND status = 'pending'");
        using var claimed = Prepare("UPDATE jobs SET state = 'running', version = version + 1 WHERE id = @job AND state = 'active'");
        using var end = Prepare("UPDATE runs SET status = 'completed', completed_at = @due, duration_ms = 1, record_count = 0, total_results = 0, result_key = @key, lease_owner = NULL, lease_expires_at = NULL WHERE id = @run AND attempt = 1 AND status = 'running'");
        using var finished = Prepare("UPDATE jobs SET state = 'active', last_sync_at = @due, version = version + 1 WHERE id = @job");
        using var indexed = Prepare("INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, created_at, object_key) VALUES (@key, @project, @size, @etag, @job, @run, @due, @staged)");
        using var outbox = Prepare("INSERT INTO deliveries (id, project_id, job_id, run_id, kind, target, payload, status, attempts, next_attempt_at, created_at) VALUES (@delivery, @project, @job, @run, 'webhook', 'https://hooks.example.com/bench', @payload, 'pending', 0, @due, @due)");

        for (var start = 0; start < runs.Count; start += Batch)
        {
            using var transaction = connection.BeginTransaction();
            foreach (var (job, run) in runs.Skip(start).Take(Batch))
            {
                var (result, log) = (ResultKeys.For(job, Due), RawLog.Key(job, run, 1, 1, "hackernews"));
                Execute(occurrence, transaction, ("run", run), ("project", project), ("job", job), ("due", due));
                Execute(scheduled, transaction, ("next", due + 3_600_000), ("job", job));
                Execute(claim, transaction, ("lease", due + 60_000), ("due", due), ("run", run));
                Execute(claimed, transaction, ("job", job));
                Execute(end, transaction, ("due", due), ("key", result), ("run", run));
                Execute(finished, transaction, ("due", due), ("job", job));
                foreach (var (key, size) in new[] { (result, Result.Length), (log, Log.Length) })
                    Execute(indexed, transaction, ("key", key), ("project", project), ("size", (long)size), ("etag", etag), ("job", job), ("run", run), ("due", due),
                        ("staged", StorageKeys.Staged(run, 1, key)));
                Execute(outbox, transaction, ("delivery", "dlv_" + run[4..]), ("project", project), ("job", job), ("run", run), ("payload", payload), ("due", due));
            }
            transaction.Commit();
        }
    }

    /// <summary>
    /// Binds the values and checks one row was written. The parameters, named as in the SQL, are
    /// made on the command's first use; each command is always given its values in the same order,
    /// so later uses only set them by position (no name lookups in the measured loop).
    /// </summary>
    private static void Execute(DbCommand command, DbTransaction transaction, params (string Name, object Value)[] values)
    {
        command.Transaction = transaction;
        if (command.Parameters.Count == 0)
            foreach (var (name, _) in values)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
            }
        for (var i = 0; i < values.Length; i++) command.Parameters[i].Value = values[i].Value;
        if (command.ExecuteNonQuery() != 1) throw new InvalidOperationException($"{command.CommandText} wrote no row");
    }
}
