using System.Text.Json;
using ByteStack.Server.Jobs;
using ByteStack.Server.Persistence;
using Dapper;

namespace ByteStack.Server.Queries;

/// <summary>
/// Queries in the database. The queue is the table itself: a worker claims the oldest queued
/// query with one conditional UPDATE, so a query runs once even with several workers or nodes.
/// </summary>
public sealed class QueryStore(Database database)
{
    public async Task InsertAsync(Query query, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO queries (id, project_id, prompt, sources, range_start, range_end, result_limit, status, created_at)
            VALUES (@Id, @ProjectId, @Prompt, @Sources, @RangeStart, @RangeEnd, @Limit, 'queued', @CreatedAt)
            """,
            new
            {
                query.Id, query.ProjectId, query.Prompt, Sources = JsonSerializer.Serialize(query.Sources),
                RangeStart = query.DateRange?.From.ToUnixTimeMilliseconds(), RangeEnd = query.DateRange?.To.ToUnixTimeMilliseconds(),
                query.Limit, CreatedAt = query.CreatedAt.ToUnixTimeMilliseconds(),
            }, cancellationToken: ct));
    }

    public async Task<Query?> GetAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
            "SELECT * FROM queries WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct));
        return row?.ToQuery();
    }

    /// <summary>
    /// Takes the oldest queued query, or one left <c>running</c> longer than <paramref name="staleAfter"/>
    /// by a node that stopped. Null when there is nothing to do.
    /// </summary>
    public async Task<Query?> ClaimNextAsync(DateTimeOffset now, TimeSpan staleAfter, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        while (true)
        {
            var candidate = await connection.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
                """
                SELECT id FROM queries
                WHERE status = 'queued' OR (status = 'running' AND started_at < @stale)
                ORDER BY id LIMIT 1
                """, new { stale = (now - staleAfter).ToUnixTimeMilliseconds() }, cancellationToken: ct));
            if (candidate is null) return null;

            var claimed = await connection.QuerySingleOrDefaultAsync<QueryRow>(new CommandDefinition(
                """
                UPDATE queries SET status = 'running', started_at = @now
                WHERE id = @id AND (status = 'queued' OR (status = 'running' AND started_at < @stale))
                RETURNING *
                """, new { id = candidate, now = now.ToUnixTimeMilliseconds(), stale = (now - staleAfter).ToUnixTimeMilliseconds() },
                cancellationToken: ct));
            // Another worker took it between the two statements: look again.
            if (claimed is not null) return claimed.ToQuery();
        }
    }

    /// <summary>
    /// Records the outcome of the claim that started at <paramref name="claimedAt"/>; false when the
    /// query was reclaimed since (this worker was presumed dead), so only one outcome is recorded.
    /// </summary>
    public async Task<bool> FinishAsync(string id, DateTimeOffset claimedAt, QueryStatus status, string? resultKey, string? error, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE queries SET status = @status, result_key = @resultKey, error = @error, completed_at = @now
            WHERE id = @id AND status = 'running' AND started_at = @claimedAt
            """,
            new { id, claimedAt = claimedAt.ToUnixTimeMilliseconds(), status = status.ToString().ToLowerInvariant(), resultKey, error, now = now.ToUnixTimeMilliseconds() },
            cancellationToken: ct)) == 1;
    }

    /// <summary>Queries by status over every project, for <c>/metrics</c>.</summary>
    public async Task<IReadOnlyList<(string Status, long Count)>> CountByStatusAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string, long)>(new CommandDefinition(
            "SELECT status, COUNT(*) FROM queries GROUP BY status", cancellationToken: ct))).ToList();
    }

    private sealed record QueryRow
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string Prompt { get; init; } = "";
        public string Sources { get; init; } = "[]";
        public long? RangeStart { get; init; }
        public long? RangeEnd { get; init; }
        public long ResultLimit { get; init; }
        public string Status { get; init; } = "";
        public string? Error { get; init; }
        public string? ResultKey { get; init; }
        public long CreatedAt { get; init; }
        public long? StartedAt { get; init; }
        public long? CompletedAt { get; init; }

        public Query ToQuery() => new(
            Id, ProjectId, Prompt, JsonSerializer.Deserialize<List<string>>(Sources)!,
            RangeStart is { } s && RangeEnd is { } e ? new DateRange(UnixTime.FromMillis(s), UnixTime.FromMillis(e)) : null,
            (int)ResultLimit, Enum.Parse<QueryStatus>(Status, ignoreCase: true), Error, ResultKey,
            UnixTime.FromMillis(CreatedAt), UnixTime.FromMillis(StartedAt), UnixTime.FromMillis(CompletedAt));
    }
}
