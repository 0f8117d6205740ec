using System.Buffers.Text;
using System.Data.Common;
using System.Text;
using ByteStack.Server.Persistence;
using Dapper;

namespace ByteStack.Server.Storage;

/// <summary>The database index of stored files: ownership, size, ETag and the ids a file belongs to.</summary>
public sealed class StorageIndex(Database database)
{
    /// <summary>Records (or, for a rewritten occurrence, replaces) a file's entry, inside <paramref name="transaction"/> if given.</summary>
    public async Task UpsertAsync(StoredObject o, CancellationToken ct, DbTransaction? transaction = null)
    {
        await using var owned = transaction is null ? await database.OpenAsync(ct) : null;
        await (owned ?? transaction!.Connection!).ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, query_id, created_at)
            VALUES (@Key, @ProjectId, @SizeBytes, @ETag, @JobId, @RunId, @QueryId, @CreatedAt)
            ON CONFLICT (storage_key) DO UPDATE SET size_bytes = excluded.size_bytes, etag = excluded.etag,
                run_id = excluded.run_id, created_at = excluded.created_at
            """,
            new { o.Key, o.ProjectId, o.SizeBytes, o.ETag, o.JobId, o.RunId, o.QueryId, CreatedAt = o.CreatedAt.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: ct));
    }

    /// <summary>
    /// The entries of a batch of completed runs' files, in their completing transaction: one
    /// statement for the whole batch (PostgreSQL arrays, SQLite one JSON parameter).
    /// </summary>
    public async Task InsertManyAsync(DbTransaction transaction, IReadOnlyList<StoredObject> files, CancellationToken ct)
    {
        if (files.Count == 0) return;
        const string upsert = """
            ON CONFLICT (storage_key) DO UPDATE SET size_bytes = excluded.size_bytes, etag = excluded.etag,
                run_id = excluded.run_id, created_at = excluded.created_at, object_key = excluded.object_key
            """;
        var rows = files.Select(f => new
        {
            f.Key, f.ProjectId, f.SizeBytes, f.ETag, f.JobId, f.RunId, f.QueryId, CreatedAt = f.CreatedAt.ToUnixTimeMilliseconds(), f.StagedKey,
        }).ToList();
        var postgres = database.Provider == DatabaseProvider.Postgres;
        var sql = postgres
            ? $"""
              INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, query_id, created_at, object_key)
              SELECT * FROM unnest(@keys::text[], @projects::text[], @sizes::bigint[], @etags::text[], @jobs::text[], @runs::text[],
                  @queries::text[], @created::bigint[], @staged::text[])
              {upsert}
              """
            : $"""
              INSERT INTO storage_objects (storage_key, project_id, size_bytes, etag, job_id, run_id, query_id, created_at, object_key)
              SELECT value ->> 'Key', value ->> 'ProjectId', value ->> 'SizeBytes', value ->> 'ETag', value ->> 'JobId', value ->> 'RunId',
                  value ->> 'QueryId', value ->> 'CreatedAt', value ->> 'StagedKey'
              FROM json_each(@rows) WHERE true
              {upsert}
              """;
        object parameters = postgres
            ? new
            {
                keys = rows.Select(r => r.Key).ToArray(), projects = rows.Select(r => r.ProjectId).ToArray(), sizes = rows.Select(r => r.SizeBytes).ToArray(),
                etags = rows.Select(r => r.ETag).ToArray(), jobs = rows.Select(r => r.JobId).ToArray(), runs = rows.Select(r => r.RunId).ToArray(),
                queries = rows.Select(r => r.QueryId).ToArray(), created = rows.Select(r => r.CreatedAt).ToArray(), staged = rows.Select(r => r.StagedKey).ToArray(),
            }
            : new { rows = System.Text.Json.JsonSerializer.Serialize(rows) };
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));
    }

    /// <summary>Which of these staged objects a completion indexed (they are to be published; the others were fenced out).</summary>
    public async Task<IReadOnlySet<string>> IndexedStagedAsync(IReadOnlyList<string> stagedKeys, CancellationToken ct)
    {
        var keys = stagedKeys.Select(k => StorageKeys.ParseStaged(k)?.Key).OfType<string>().Distinct().ToList();
        if (keys.Count == 0) return new HashSet<string>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT object_key FROM storage_objects WHERE {database.In("storage_key", "keys")} AND object_key IS NOT NULL",
            new { keys }, cancellationToken: ct))).ToHashSet();
    }

    public async Task<StoredObject?> GetAsync(string projectId, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM storage_objects WHERE project_id = @projectId AND storage_key = @key", new { projectId, key }, cancellationToken: ct)))?.ToObject();
    }

    /// <summary>A query's result file, for <c>GET /v1/storage/qry_&lt;id&gt;</c>.</summary>
    public async Task<StoredObject?> ForQueryAsync(string projectId, string queryId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryFirstOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM storage_objects WHERE project_id = @projectId AND query_id = @queryId ORDER BY created_at DESC",
            new { projectId, queryId }, cancellationToken: ct)))?.ToObject();
    }

    public async Task<bool> DeleteAsync(string projectId, string key, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM storage_objects WHERE project_id = @projectId AND storage_key = @key", new { projectId, key }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<string>> DeleteForJobAsync(string projectId, string jobId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "DELETE FROM storage_objects WHERE project_id = @projectId AND job_id = @jobId RETURNING storage_key",
            new { projectId, jobId }, cancellationToken: ct))).ToList();
    }

    public const string LogsPrefix = "logs/";

    /// <summary>A run's raw scrape logs, in the order they were received.</summary>
    public async Task<IReadOnlyList<StoredObject>> LogsForRunAsync(string projectId, string runId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT * FROM storage_objects WHERE project_id = @projectId AND run_id = @runId AND substr(storage_key, 1, 5) = 'logs/' ORDER BY storage_key",
            new { projectId, runId }, cancellationToken: ct))).Select(r => r.ToObject()).ToList();
    }

    /// <summary>Raw scrape logs written before <paramref name="cutoff"/>, oldest first (result files are never returned).</summary>
    public async Task<IReadOnlyList<string>> LogsOlderThanAsync(DateTimeOffset cutoff, int take, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT storage_key FROM storage_objects WHERE substr(storage_key, 1, 5) = 'logs/' AND created_at < @cutoff ORDER BY created_at LIMIT @take",
            new { cutoff = cutoff.ToUnixTimeMilliseconds(), take }, cancellationToken: ct))).ToList();
    }

    public async Task ForgetAsync(IReadOnlyList<string> keys, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM storage_objects WHERE {database.In("storage_key", "keys")}", new { keys = keys.ToList() }, cancellationToken: ct));
    }

    /// <summary>
    /// Newest first; the cursor is the last row's (created_at, key), opaque to clients. Raw scrape
    /// logs are listed only when the prefix asks for them (<c>logs/…</c>): the listing is of results.
    /// Whether a file also reached the project's bucket is the outbox's to say (<c>Outbox.DeliveredToBucketAsync</c>).
    /// </summary>
    public async Task<IReadOnlyList<StoredObject>> ListAsync(string projectId, string? prefix, string? jobId, (long CreatedAt, string Key)? after, int take, CancellationToken ct)
    {
        // The job's condition is in the statement only when asked for: "(@jobId IS NULL OR …)" kept the
        // planners on the project's index, reading a thousand files for each of one job's (49 ms at 1M files).
        var ofJob = jobId is null ? "" : "AND job_id = @jobId";
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT * FROM storage_objects
            WHERE project_id = @projectId
              {ofJob}
              AND (@prefix IS NULL OR substr(storage_key, 1, @prefixLength) = @prefix)
              AND (@withLogs = 1 OR substr(storage_key, 1, 5) <> 'logs/')
              AND (@afterAt IS NULL OR created_at < @afterAt OR (created_at = @afterAt AND storage_key < @afterKey))
            ORDER BY created_at DESC, storage_key DESC LIMIT @take
            """,
            new
            {
                projectId, jobId, prefix, prefixLength = prefix?.Length ?? 0, afterAt = after?.CreatedAt, afterKey = after?.Key, take,
                withLogs = prefix is not null && prefix.StartsWith(LogsPrefix, StringComparison.Ordinal) ? 1 : 0,
            },
            cancellationToken: ct))).Select(r => r.ToObject()).ToList();
    }

    public static string Cursor(StoredObject o) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{o.CreatedAt.ToUnixTimeMilliseconds()}|{o.Key}"));

    public static (long, string)? ReadCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var bar = text.IndexOf('|');
            return bar > 0 && long.TryParse(text[..bar], out var at) ? (at, text[(bar + 1)..]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed record Row
    {
        public string StorageKey { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public long SizeBytes { get; init; }
        public string Etag { get; init; } = "";
        public string? JobId { get; init; }
        public string? RunId { get; init; }
        public string? QueryId { get; init; }
        public long CreatedAt { get; init; }
        public bool InBucket { get; init; }
        public string? ObjectKey { get; init; }

        public StoredObject ToObject() => new(StorageKey, ProjectId, SizeBytes, Etag, JobId, RunId, QueryId, UnixTime.FromMillis(CreatedAt), InBucket, ObjectKey);
    }
}
