using System.Data.Common;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Persistence;
using ByteStack.Server.Scheduling;
using Dapper;

namespace ByteStack.Server.Runs;

/// <summary>
/// The run ledger. Scheduling and claiming are each one transaction; every later write about a
/// run is fenced by its attempt number, so a node that lost its lease can change nothing.
/// Only two statements differ between the dialects: PostgreSQL skips rows another node holds
/// (<c>FOR UPDATE SKIP LOCKED</c>); SQLite has one writer at a time and needs no such clause.
/// </summary>
public sealed class RunStore(Database database)
{
    private bool Postgres => database.Provider == DatabaseProvider.Postgres;

    private string DueJobsSql => $"""
        SELECT id, project_id, schedule_type, schedule_value, state, next_sync_at FROM jobs
        WHERE state IN ('active', 'running') AND next_sync_at <= @now
        ORDER BY next_sync_at LIMIT @batch {(Postgres ? "FOR UPDATE SKIP LOCKED" : "")}
        """;

    /// <summary>
    /// One claim statement over the runs <paramref name="candidates"/> selects (pending ones in
    /// schedule order, or running ones whose lease expired), each served by its partial index.
    /// </summary>
    private string ClaimSql(string candidates) => Postgres
        ? $"""
          WITH picked AS ({candidates} LIMIT @take FOR UPDATE SKIP LOCKED)
          UPDATE runs r SET status = 'running', attempt = r.attempt + 1, lease_owner = @node,
              lease_expires_at = @expires, started_at = COALESCE(r.started_at, @now)
          FROM picked WHERE r.id = picked.id
          RETURNING r.*
          """
        : $"""
          UPDATE runs SET status = 'running', attempt = attempt + 1, lease_owner = @node,
              lease_expires_at = @expires, started_at = COALESCE(started_at, @now)
          WHERE id IN ({candidates} LIMIT @take)
          RETURNING *
          """;

    private const string ExpiredLeases = "SELECT id FROM runs WHERE status = 'running' AND lease_expires_at < @now ORDER BY lease_expires_at";
    private const string PendingRuns = "SELECT id FROM runs WHERE status = 'pending' ORDER BY scheduled_for, id";

    /// <summary>
    /// Writes the rows of up to <paramref name="batch"/> due jobs and advances their next sync, in
    /// one transaction. Returns how many jobs were handled (0: nothing was due).
    /// </summary>
    public async Task<int> MaterializeAsync(DateTimeOffset now, int batch, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var due = (await connection.QueryAsync<DueJob>(new CommandDefinition(DueJobsSql,
            new { now = now.ToUnixTimeMilliseconds(), batch }, transaction, cancellationToken: ct))).ToList();
        if (due.Count == 0) return 0;

        var busy = (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT job_id FROM runs WHERE {database.In("job_id", "ids")} AND status IN ('pending', 'running')",
            new { ids = due.Select(d => d.Id).ToList() }, transaction, cancellationToken: ct))).ToHashSet();

        var advances = new List<Advance>(due.Count);
        var rows = new List<NewRun>(due.Count);
        foreach (var job in due)
        {
            var schedule = Schedule.FromStored(job.ScheduleType == "interval" ? ScheduleType.Interval : ScheduleType.Cron, job.ScheduleValue);
            var plan = Occurrences.Plan(schedule, UnixTime.FromMillis(job.NextSyncAt), job.State == "running" || busy.Contains(job.Id), now);
            advances.Add(new Advance(job.Id, plan.NextSyncAt?.ToUnixTimeMilliseconds(), job.NextSyncAt));
            rows.AddRange(plan.Rows.Select(r => new NewRun(
                Ids.New("run", now), job.ProjectId, job.Id, Name(r.Trigger), r.ScheduledFor.ToUnixTimeMilliseconds(), Name(r.Status), r.MissedCount)));
        }

        // Two statements for the whole batch, not two per job: on PostgreSQL every statement is a
        // round trip, and row-by-row writes made a burst of 100k due jobs take minutes.
        var createdAt = now.ToUnixTimeMilliseconds();
        if (Postgres)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET next_sync_at = a.next, version = jobs.version + 1
                FROM unnest(@ids::text[], @next::bigint[], @due::bigint[]) AS a (id, next, due)
                WHERE jobs.id = a.id AND jobs.next_sync_at = a.due
                """,
                new { ids = advances.Select(a => a.Id).ToArray(), next = advances.Select(a => a.Next).ToArray(), due = advances.Select(a => a.Due).ToArray() },
                transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO runs (id, project_id, job_id, trigger_kind, scheduled_for, status, missed_count, created_at)
                SELECT r.*, @createdAt FROM unnest(@ids::text[], @projects::text[], @jobs::text[], @triggers::text[],
                    @scheduledFor::bigint[], @statuses::text[], @missed::bigint[]) AS r
                ON CONFLICT (job_id, scheduled_for) DO NOTHING
                """,
                new
                {
                    ids = rows.Select(r => r.Id).ToArray(), projects = rows.Select(r => r.ProjectId).ToArray(), jobs = rows.Select(r => r.JobId).ToArray(),
                    triggers = rows.Select(r => r.Trigger).ToArray(), scheduledFor = rows.Select(r => r.ScheduledFor).ToArray(),
                    statuses = rows.Select(r => r.Status).ToArray(), missed = rows.Select(r => (long?)r.MissedCount).ToArray(), createdAt,
                },
                transaction, cancellationToken: ct));
        }
        else
        {
            // SQLite has no arrays; the batch travels as one JSON parameter, which json_each turns
            // into rows (no limit on the number of parameters, one statement to prepare).
            await connection.ExecuteAsync(new CommandDefinition(
                """
                WITH a AS (SELECT value ->> 'Id' AS id, value ->> 'Next' AS next, value ->> 'Due' AS due FROM json_each(@advances))
                UPDATE jobs SET next_sync_at = a.next, version = jobs.version + 1
                FROM a WHERE jobs.id = a.id AND jobs.next_sync_at = a.due
                """,
                new { advances = JsonSerializer.Serialize(advances) }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO runs (id, project_id, job_id, trigger_kind, scheduled_for, status, missed_count, created_at)
                SELECT value ->> 'Id', value ->> 'ProjectId', value ->> 'JobId', value ->> 'Trigger', value ->> 'ScheduledFor',
                    value ->> 'Status', value ->> 'MissedCount', @createdAt
                FROM json_each(@rows) WHERE true
                ON CONFLICT (job_id, scheduled_for) DO NOTHING
                """,
                new { rows = JsonSerializer.Serialize(rows), createdAt }, transaction, cancellationToken: ct));
        }
        await transaction.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>
    /// Claims up to <paramref name="take"/> runs — pending ones, and running ones whose lease
    /// expired (their node died) — in one statement, and marks their jobs running. Runs that
    /// already had <paramref name="maxAttempts"/> attempts are failed instead of retried forever;
    /// that sweep happens even when this node has no free slot, so a full node still ends them.
    /// </summary>
    /// <param name="onAbandoned">Called inside the same transaction with the runs failed for too many attempts (their deliveries go out from there).</param>
    public async Task<IReadOnlyList<Run>> ClaimAsync(string node, int take, DateTimeOffset now, TimeSpan lease, int maxAttempts, CancellationToken ct,
        Func<DbTransaction, IReadOnlyList<Run>, CancellationToken, Task>? onAbandoned = null)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var abandoned = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            """
            UPDATE runs SET status = 'failed', completed_at = @now, lease_owner = NULL, lease_expires_at = NULL,
                error = 'The run was interrupted ' || attempt || ' times (its node stopped); it is not retried again.'
            WHERE status = 'running' AND lease_expires_at < @now AND attempt >= @maxAttempts
            RETURNING *
            """, new { now = now.ToUnixTimeMilliseconds(), maxAttempts }, transaction, cancellationToken: ct))).Select(r => r.ToRun()).ToList();
        if (abandoned.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE jobs SET state = 'failed', next_sync_at = NULL, failure = 'A run was interrupted too often.', version = version + 1 WHERE {database.In("id", "ids")} AND state = 'running'",
                new { ids = abandoned.Select(r => r.JobId).Distinct().ToList() }, transaction, cancellationToken: ct));
            if (onAbandoned is not null) await onAbandoned(transaction, abandoned, ct);
        }

        // A claim must walk its partial index in order, stop after @take rows and find each picked
        // row again by its key. In a burst the runs arrived after the table's last ANALYZE, so the
        // planner may believe it nearly empty and sort every pending run, or join the picked ids to
        // a sequential scan of runs: auto_explain showed 45-260 ms per claim at 10,000 pending runs,
        // growing with the backlog, where the index plan takes about 1 ms (docs/benchmarks.md).
        if (Postgres)
            await connection.ExecuteAsync(new CommandDefinition(
                "SET LOCAL enable_sort = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_seqscan = off",
                transaction: transaction, cancellationToken: ct));

        // Runs of dead nodes first (they are late already), then pending runs in schedule order.
        var claimed = new List<Run>();
        foreach (var candidates in new[] { ExpiredLeases, PendingRuns })
        {
            if (claimed.Count >= Math.Max(0, take)) break;
            claimed.AddRange((await connection.QueryAsync<RunRow>(new CommandDefinition(ClaimSql(candidates),
                new { node, take = take - claimed.Count, now = now.ToUnixTimeMilliseconds(), expires = (now + lease).ToUnixTimeMilliseconds() },
                transaction, cancellationToken: ct))).Select(r => r.ToRun()));
        }
        if (claimed.Count > 0)
            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE jobs SET state = 'running', version = version + 1 WHERE {database.In("id", "ids")} AND state = 'active'",
                new { ids = claimed.Select(r => r.JobId).Distinct().ToList() }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>Extends the lease; false when the run is no longer this attempt's (the lease was lost).</summary>
    public async Task<bool> RenewAsync(string runId, int attempt, DateTimeOffset expires, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE runs SET lease_expires_at = @expires WHERE id = @runId AND attempt = @attempt AND status = 'running'",
            new { runId, attempt, expires = expires.ToUnixTimeMilliseconds() }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Extends the leases of every run this node holds, in one statement; returns the ids still
    /// held (a run missing from the answer was taken over: its lease was lost).
    /// </summary>
    public async Task<IReadOnlySet<string>> RenewManyAsync(IReadOnlyCollection<(string RunId, int Attempt)> held, DateTimeOffset expires, CancellationToken ct)
    {
        if (held.Count == 0) return new HashSet<string>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(Postgres
                ? """
                  UPDATE runs SET lease_expires_at = @expires FROM unnest(@ids::text[], @attempts::bigint[]) AS h (id, attempt)
                  WHERE runs.id = h.id AND runs.attempt = h.attempt AND runs.status = 'running'
                  RETURNING runs.id
                  """
                : """
                  WITH h AS (SELECT value ->> 'RunId' AS id, value ->> 'Attempt' AS attempt FROM json_each(@held))
                  UPDATE runs SET lease_expires_at = @expires FROM h
                  WHERE runs.id = h.id AND runs.attempt = h.attempt AND runs.status = 'running'
                  RETURNING runs.id
                  """,
            new
            {
                expires = expires.ToUnixTimeMilliseconds(), ids = held.Select(h => h.RunId).ToArray(), attempts = held.Select(h => (long)h.Attempt).ToArray(),
                held = JsonSerializer.Serialize(held.Select(h => new { h.RunId, h.Attempt })),
            }, cancellationToken: ct))).ToHashSet();
    }

    public sealed record Completion(bool Succeeded, DateTimeOffset CompletedAt, long? RecordCount, long? TotalResults, string? Error, string? ResultKey);

    /// <summary>
    /// What completing runs write beside their end, inside the same transaction and only for the
    /// winners of their fence (index entries, outbox rows): if the transaction fails, the runs stay
    /// running and their next attempt completes them again.
    /// </summary>
    public delegate Task PublishMany(DbTransaction transaction, IReadOnlyList<Completing> winners, CancellationToken ct);

    public delegate Task Publish(DbConnection connection, DbTransaction transaction, CancellationToken ct);

    /// <summary>A run's attempt and how it ended.</summary>
    public sealed record Completing(Run Run, Completion Done);

    /// <summary>One run's end, fenced by its attempt: false (and nothing written) when another node has taken the run over.</summary>
    public async Task<bool> CompleteAsync(Run run, Completion done, CancellationToken ct, Publish? publish = null) =>
        (await CompleteManyAsync([new Completing(run, done)], ct,
            publish is null ? null : (transaction, _, token) => publish(transaction.Connection!, transaction, token))).Count == 1;

    /// <summary>
    /// Records the ends of a batch of runs and moves their jobs on, in one transaction (group
    /// commit). Every run keeps its own fence: one statement updates the rows whose attempt is still
    /// the latest and returns them; the others (taken over by another node) are left out, and the
    /// job updates and <paramref name="publish"/> see only these winners. Returns the winners.
    /// </summary>
    public async Task<IReadOnlyList<Completing>> CompleteManyAsync(IReadOnlyList<Completing> batch, CancellationToken ct, PublishMany? publish = null)
    {
        if (batch.Count == 0) return [];
        var rows = batch.Select(c => new
        {
            c.Run.Id, c.Run.Attempt, Status = c.Done.Succeeded ? "completed" : "failed", CompletedAt = c.Done.CompletedAt.ToUnixTimeMilliseconds(),
            c.Done.RecordCount, c.Done.TotalResults, c.Done.Error, c.Done.ResultKey, c.Run.JobId, Ok = c.Done.Succeeded ? 1 : 0,
        }).ToList();

        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        const string set = """
            status = c.status, completed_at = c.completed_at, duration_ms = c.completed_at - started_at,
            record_count = c.record_count, total_results = c.total_results, error = c.error, result_key = c.result_key,
            lease_owner = NULL, lease_expires_at = NULL
            """;
        var won = (Postgres
            ? await connection.QueryAsync<string>(new CommandDefinition(
                $"""
                UPDATE runs SET {set}
                FROM unnest(@ids::text[], @attempts::bigint[], @statuses::text[], @completed::bigint[], @records::bigint[], @totals::bigint[],
                    @errors::text[], @keys::text[]) AS c (id, attempt, status, completed_at, record_count, total_results, error, result_key)
                WHERE runs.id = c.id AND runs.attempt = c.attempt AND runs.status = 'running'
                RETURNING runs.id
                """,
                new
                {
                    ids = rows.Select(r => r.Id).ToArray(), attempts = rows.Select(r => (long)r.Attempt).ToArray(), statuses = rows.Select(r => r.Status).ToArray(),
                    completed = rows.Select(r => r.CompletedAt).ToArray(), records = rows.Select(r => r.RecordCount).ToArray(),
                    totals = rows.Select(r => r.TotalResults).ToArray(), errors = rows.Select(r => r.Error).ToArray(), keys = rows.Select(r => r.ResultKey).ToArray(),
                }, transaction, cancellationToken: ct))
            : await connection.QueryAsync<string>(new CommandDefinition(
                $"""
                WITH c AS (SELECT value ->> 'Id' AS id, value ->> 'Attempt' AS attempt, value ->> 'Status' AS status, value ->> 'CompletedAt' AS completed_at,
                    value ->> 'RecordCount' AS record_count, value ->> 'TotalResults' AS total_results, value ->> 'Error' AS error,
                    value ->> 'ResultKey' AS result_key FROM json_each(@rows))
                UPDATE runs SET {set}
                FROM c WHERE runs.id = c.id AND runs.attempt = c.attempt AND runs.status = 'running'
                RETURNING runs.id
                """, new { rows = JsonSerializer.Serialize(rows) }, transaction, cancellationToken: ct))).ToHashSet();
        var winners = batch.Where(c => won.Contains(c.Run.Id)).ToList();
        if (winners.Count == 0) return [];

        // Each job moves on exactly as Occurrences.AfterRun says, written out as one CASE per state and outcome.
        string After(bool succeeded) => $"CASE state {string.Join(" ", Enum.GetValues<JobState>().Select(s =>
            $"WHEN '{JobStore.StateName(s)}' THEN '{JobStore.StateName(Occurrences.AfterRun(s, succeeded))}'"))} END";
        var after = $"CASE WHEN c.ok = 1 THEN {After(true)} ELSE {After(false)} END";
        var jobSet = $"""
            state = {after},
            next_sync_at = CASE WHEN state <> 'failed' AND {after} = 'failed' THEN NULL ELSE next_sync_at END,
            failure = CASE WHEN state IN ('running', 'active') THEN c.error ELSE failure END,
            last_sync_at = CASE WHEN c.ok = 1 THEN c.completed_at ELSE last_sync_at END,
            version = version + 1
            """;
        var jobRows = rows.Where(r => won.Contains(r.Id)).ToList();
        if (Postgres)
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                UPDATE jobs SET {jobSet}
                FROM unnest(@jobs::text[], @oks::int[], @errors::text[], @completed::bigint[]) AS c (job_id, ok, error, completed_at)
                WHERE jobs.id = c.job_id
                """,
                new
                {
                    jobs = jobRows.Select(r => r.JobId).ToArray(), oks = jobRows.Select(r => r.Ok).ToArray(), errors = jobRows.Select(r => r.Error).ToArray(),
                    completed = jobRows.Select(r => r.CompletedAt).ToArray(),
                }, transaction, cancellationToken: ct));
        else
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                WITH c AS (SELECT value ->> 'JobId' AS job_id, value ->> 'Ok' AS ok, value ->> 'Error' AS error, value ->> 'CompletedAt' AS completed_at
                    FROM json_each(@rows))
                UPDATE jobs SET {jobSet}
                FROM c WHERE jobs.id = c.job_id
                """, new { rows = JsonSerializer.Serialize(jobRows) }, transaction, cancellationToken: ct));

        if (publish is not null) await publish(transaction, winners, ct);
        await transaction.CommitAsync(ct);
        return winners;
    }

    /// <summary>
    /// Hands a run back (graceful shutdown): pending again, for any node to claim at once, and its
    /// job back to active until then. The attempt it used still counts toward MaxAttempts.
    /// </summary>
    public async Task<bool> ReleaseAsync(Run run, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE runs SET status = 'pending', lease_owner = NULL, lease_expires_at = NULL WHERE id = @Id AND attempt = @Attempt AND status = 'running'",
                new { run.Id, run.Attempt }, transaction, cancellationToken: ct)) != 1) return false;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE jobs SET state = 'active', version = version + 1 WHERE id = @JobId AND state = 'running'", new { run.JobId }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Inside the transaction that pauses a job (the runs table is written here only): its pending
    /// scheduled runs become skipped. A run already claimed goes on; a manual run was asked for explicitly and stays.
    /// </summary>
    public static Task SkipPendingScheduledAsync(DbTransaction transaction, string jobId, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE runs SET status = 'skipped', error = 'The job was paused before this run started.'
            WHERE job_id = @jobId AND status = 'pending' AND trigger_kind <> 'manual'
            """, new { jobId }, transaction, cancellationToken: ct));

    /// <summary>A manual run now; null while the job has a run pending or running (the caller answers 409).</summary>
    public async Task<Run?> CreateManualAsync(Job job, DateTimeOffset at, CancellationToken ct)
    {
        // Whole seconds, like result keys: two runs of one job in one second would share a result file.
        var now = DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Touching the job row first serialises concurrent "run now" requests for one job (a row lock on PostgreSQL).
        await connection.ExecuteAsync(new CommandDefinition("UPDATE jobs SET version = version + 1 WHERE id = @id", new { id = job.Id }, transaction, cancellationToken: ct));
        var busy = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM runs WHERE job_id = @id AND status IN ('pending', 'running')", new { id = job.Id }, transaction, cancellationToken: ct));
        if (busy > 0) return null;
        var run = new Run(Ids.New("run", now), job.ProjectId, job.Id, RunTrigger.Manual, now, RunStatus.Pending, null, 0, null, null,
            null, null, null, null, null, null, null, now);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO runs (id, project_id, job_id, trigger_kind, scheduled_for, status, created_at)
            VALUES (@Id, @ProjectId, @JobId, 'manual', @At, 'pending', @At)
            ON CONFLICT (job_id, scheduled_for) DO NOTHING
            """, new { run.Id, run.ProjectId, run.JobId, At = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return inserted == 1 ? run : null;
    }

    /// <summary>Each of these runs' status and latest attempt (what the staging sweeper decides by).</summary>
    public async Task<IReadOnlyDictionary<string, (RunStatus Status, int Attempt)>> AttemptsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<string, (RunStatus, int)>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string Id, string Status, long Attempt)>(new CommandDefinition(
                $"SELECT id, status, attempt FROM runs WHERE {database.In("id", "ids")}", new { ids = ids.ToList() }, cancellationToken: ct)))
            .ToDictionary(r => r.Id, r => (Enum.Parse<RunStatus>(r.Status, ignoreCase: true), (int)r.Attempt));
    }

    /// <summary>The first occurrence a catch-up run stands for (its <c>missed</c> row), if it has one.</summary>
    public async Task<DateTimeOffset?> FirstMissedAsync(Run catchUp, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var first = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT MAX(scheduled_for) FROM runs
            WHERE job_id = @JobId AND status = 'missed' AND trigger_kind = 'catch_up' AND scheduled_for < @ScheduledFor
            """, new { catchUp.JobId, ScheduledFor = catchUp.ScheduledFor.ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return UnixTime.FromMillis(first);
    }

    public async Task<Run?> GetAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            "SELECT * FROM runs WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct)))?.ToRun();
    }

    public async Task<IReadOnlyList<Run>> ListForJobAsync(string projectId, string jobId, PageRequest page, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<RunRow>(new CommandDefinition(
            """
            SELECT * FROM runs WHERE project_id = @projectId AND job_id = @jobId AND (@afterId IS NULL OR id < @afterId)
            ORDER BY id DESC LIMIT @take
            """, new { projectId, jobId, afterId = page.AfterId, take = page.Limit + 1 }, cancellationToken: ct))).Select(r => r.ToRun()).ToList();
    }

    /// <summary>The latest run of each job that actually ran or is running (history rows aside).</summary>
    public async Task<IReadOnlyDictionary<string, Run>> LastRunsAsync(IReadOnlyCollection<string> jobIds, CancellationToken ct)
    {
        if (jobIds.Count == 0) return new Dictionary<string, Run>();
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"""
            SELECT * FROM runs WHERE id IN (
                SELECT MAX(id) FROM runs WHERE {database.In("job_id", "jobIds")} AND status NOT IN ('skipped', 'missed') GROUP BY job_id)
            """, new { jobIds = jobIds.ToList() }, cancellationToken: ct));
        return rows.Select(r => r.ToRun()).ToDictionary(r => r.JobId);
    }

    /// <summary>Runs of a project (or one job) that started in <c>[from, to)</c>, in start order.</summary>
    public async Task<IReadOnlyList<Run>> StartedBetweenAsync(string projectId, string? jobId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<RunRow>(new CommandDefinition(
            """
            SELECT * FROM runs WHERE project_id = @projectId AND (@jobId IS NULL OR job_id = @jobId)
              AND started_at >= @from AND started_at < @to
            ORDER BY started_at, id
            """, new { projectId, jobId, from = from.ToUnixTimeMilliseconds(), to = to.ToUnixTimeMilliseconds() }, cancellationToken: ct)))
            .Select(r => r.ToRun()).ToList();
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStatusAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM runs GROUP BY status", cancellationToken: ct))).ToDictionary(r => r.Status, r => r.Count);
    }

    /// <summary>Runs due and not yet claimed: how far behind the workers are.</summary>
    public async Task<long> BacklogAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM runs WHERE status = 'pending' AND scheduled_for <= @now", new { now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    public static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>A due job's next sync, moved only if it is still the one the batch read (<c>Due</c>).</summary>
    private sealed record Advance(string Id, long? Next, long Due);

    private sealed record NewRun(string Id, string ProjectId, string JobId, string Trigger, long ScheduledFor, string Status, int? MissedCount);

    private sealed record DueJob
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string ScheduleType { get; init; } = "";
        public string ScheduleValue { get; init; } = "";
        public string State { get; init; } = "";
        public long NextSyncAt { get; init; }
    }

    private sealed record RunRow
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string JobId { get; init; } = "";
        public string TriggerKind { get; init; } = "";
        public long ScheduledFor { get; init; }
        public string Status { get; init; } = "";
        public long? MissedCount { get; init; }
        public long Attempt { get; init; }
        public string? LeaseOwner { get; init; }
        public long? LeaseExpiresAt { get; init; }
        public long? StartedAt { get; init; }
        public long? CompletedAt { get; init; }
        public long? DurationMs { get; init; }
        public long? RecordCount { get; init; }
        public long? TotalResults { get; init; }
        public string? Error { get; init; }
        public string? ResultKey { get; init; }
        public long CreatedAt { get; init; }

        public Run ToRun() => new(
            Id, ProjectId, JobId, Enum.Parse<RunTrigger>(TriggerKind.Replace("_", ""), ignoreCase: true), UnixTime.FromMillis(ScheduledFor),
            Enum.Parse<RunStatus>(Status, ignoreCase: true), (int?)MissedCount, (int)Attempt, LeaseOwner, UnixTime.FromMillis(LeaseExpiresAt),
            UnixTime.FromMillis(StartedAt), UnixTime.FromMillis(CompletedAt), DurationMs, RecordCount, TotalResults, Error, ResultKey,
            UnixTime.FromMillis(CreatedAt));
    }
}
