using System.Data.Common;
using System.Text.Json;
using ByteStack.Server.Analysis;
using ByteStack.Server.Persistence;
using Dapper;

namespace ByteStack.Server.Analytics;

/// <summary>
/// The posts each job's runs kept, one row per (job, source, record id), and the aggregates the
/// analytics read from them. A post seen again by a later run is ignored, so it counts once, at
/// the time it was posted.
/// </summary>
public sealed class MentionStore(Database database)
{
    /// <summary>
    /// Inside the run's completing transaction: one set-based insert-or-ignore of the run's records
    /// (PostgreSQL unnest arrays, SQLite json_each), whatever their number.
    /// </summary>
    public async Task RecordAsync(DbTransaction transaction, string projectId, string jobId, string runId, IReadOnlyList<ResultRecord> records, CancellationToken ct)
    {
        if (records.Count == 0) return;
        var rows = records.Select(r => new Row(r.Source, r.Id, r.Author, SentimentName(r.Sentiment), r.CreatedAt.ToUnixTimeMilliseconds())).ToList();
        var connection = transaction.Connection!;
        if (database.Provider == DatabaseProvider.Postgres)
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO mentions (job_id, source, record_id, project_id, author, sentiment, posted_at, first_run_id)
                SELECT @jobId, m.source, m.record_id, @projectId, m.author, m.sentiment, m.posted_at, @runId
                FROM unnest(@sources::text[], @ids::text[], @authors::text[], @sentiments::text[], @posted::bigint[])
                    AS m (source, record_id, author, sentiment, posted_at)
                ON CONFLICT (job_id, source, record_id) DO NOTHING
                """,
                new
                {
                    jobId, projectId, runId, sources = rows.Select(r => r.Source).ToArray(), ids = rows.Select(r => r.Id).ToArray(),
                    authors = rows.Select(r => r.Author).ToArray(), sentiments = rows.Select(r => r.Sentiment).ToArray(), posted = rows.Select(r => r.PostedAt).ToArray(),
                }, transaction, cancellationToken: ct));
        else
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO mentions (job_id, source, record_id, project_id, author, sentiment, posted_at, first_run_id)
                SELECT @jobId, value ->> 'Source', value ->> 'Id', @projectId, value ->> 'Author', value ->> 'Sentiment', value ->> 'PostedAt', @runId
                FROM json_each(@rows) WHERE true
                ON CONFLICT (job_id, source, record_id) DO NOTHING
                """,
                new { jobId, projectId, runId, rows = JsonSerializer.Serialize(rows) }, transaction, cancellationToken: ct));
    }

    // Rows are mapped by property, not by constructor: SQLite reports an empty result's computed
    // columns as blobs, which no constructor matches.
    public sealed record Totals
    {
        public long Mentions { get; init; }
        public long UniqueUsers { get; init; }
        public long Positive { get; init; }
        public long Negative { get; init; }
        public long Neutral { get; init; }
    }

    public sealed record Cell
    {
        public long Bucket { get; init; }
        public string Source { get; init; } = "";
        public string Sentiment { get; init; } = "";
        public long Mentions { get; init; }
    }

    public sealed record BucketUsers
    {
        public long Bucket { get; init; }
        public long UniqueUsers { get; init; }
    }

    public sealed record SourceTotals
    {
        public string Source { get; init; } = "";
        public long Mentions { get; init; }
        public long UniqueUsers { get; init; }
    }

    public sealed record Author
    {
        public string Source { get; init; } = "";
        public string Name { get; init; } = "";
        public long Mentions { get; init; }
    }

    public sealed record Aggregates(Totals Current, Totals Previous, IReadOnlyList<Cell> Cells, IReadOnlyList<BucketUsers> Users,
        IReadOnlyList<SourceTotals> BySource, IReadOnlyList<Author> TopAuthors);

    /// <summary>Everything one analytics answer needs, over [from, to) and the period of the same length before it.</summary>
    public async Task<Aggregates> AggregateAsync(string projectId, string? jobId, DateTimeOffset from, DateTimeOffset to, long bucketMillis, int topAuthors, CancellationToken ct)
    {
        const string Where = "project_id = @projectId AND (@jobId IS NULL OR job_id = @jobId) AND posted_at >= @from AND posted_at < @to";
        const string TotalsSql = $"""
            SELECT COUNT(*) AS mentions, COUNT(DISTINCT source || ':' || author) AS unique_users,
                   COALESCE(SUM(CASE WHEN sentiment = 'positive' THEN 1 ELSE 0 END), 0) AS positive,
                   COALESCE(SUM(CASE WHEN sentiment = 'negative' THEN 1 ELSE 0 END), 0) AS negative,
                   COALESCE(SUM(CASE WHEN sentiment = 'neutral' THEN 1 ELSE 0 END), 0) AS neutral
            FROM mentions WHERE {Where}
            """;
        var f = from.ToUnixTimeMilliseconds();
        var t = to.ToUnixTimeMilliseconds();
        var current = new { projectId, jobId, from = f, to = t, size = bucketMillis, take = topAuthors };
        await using var connection = await database.OpenAsync(ct);
        var totals = await connection.QuerySingleAsync<Totals>(new CommandDefinition(TotalsSql, current, cancellationToken: ct));
        var previous = await connection.QuerySingleAsync<Totals>(new CommandDefinition(TotalsSql,
            current with { from = f - (t - f), to = f }, cancellationToken: ct));
        // Buckets are aligned to the Unix epoch, i.e. to UTC hours and days.
        var cells = await connection.QueryAsync<Cell>(new CommandDefinition($"""
            SELECT posted_at - (posted_at % @size) AS bucket, source, sentiment, COUNT(*) AS mentions
            FROM mentions WHERE {Where} GROUP BY posted_at - (posted_at % @size), source, sentiment
            """, current, cancellationToken: ct));
        var users = await connection.QueryAsync<BucketUsers>(new CommandDefinition($"""
            SELECT posted_at - (posted_at % @size) AS bucket, COUNT(DISTINCT source || ':' || author) AS unique_users
            FROM mentions WHERE {Where} GROUP BY posted_at - (posted_at % @size)
            """, current, cancellationToken: ct));
        var bySource = await connection.QueryAsync<SourceTotals>(new CommandDefinition($"""
            SELECT source, COUNT(*) AS mentions, COUNT(DISTINCT author) AS unique_users
            FROM mentions WHERE {Where} GROUP BY source ORDER BY COUNT(*) DESC, source
            """, current, cancellationToken: ct));
        var authors = await connection.QueryAsync<Author>(new CommandDefinition($"""
            SELECT source, author AS name, COUNT(*) AS mentions
            FROM mentions WHERE {Where} GROUP BY source, author ORDER BY COUNT(*) DESC, source, author LIMIT @take
            """, current, cancellationToken: ct));
        return new Aggregates(totals, previous, cells.ToList(), users.ToList(), bySource.ToList(), authors.ToList());
    }

    private static string SentimentName(Sentiment sentiment) => sentiment switch
    {
        Sentiment.Positive => "positive",
        Sentiment.Negative => "negative",
        _ => "neutral",
    };

    private sealed record Row(string Source, string Id, string Author, string Sentiment, long PostedAt);
}
