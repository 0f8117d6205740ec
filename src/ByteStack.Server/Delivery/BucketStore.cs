using ByteStack.Server.Persistence;
using ByteStack.Server.Storage;
using Dapper;

namespace ByteStack.Server.Delivery;

/// <summary>A project's connected bucket, with its secret decrypted (in memory only).</summary>
public sealed record BucketConnection(string ProjectId, S3Target Target, DateTimeOffset VerifiedAt, DateTimeOffset CreatedAt);

/// <summary>Bucket connections: one per project, the secret key encrypted at rest.</summary>
public sealed class BucketStore(Database database, Secrets secrets)
{
    /// <summary>The project's connection; the secret is decrypted only when <paramref name="withSecret"/> (to talk to the bucket), else empty.</summary>
    public async Task<BucketConnection?> GetAsync(string projectId, CancellationToken ct, bool withSecret = false)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM bucket_connections WHERE project_id = @projectId", new { projectId }, cancellationToken: ct));
        return row is null ? null : new BucketConnection(row.ProjectId,
            new S3Target(row.Endpoint, row.Bucket, row.AccessKey, withSecret ? secrets.Unprotect(row.SecretProtected) : "", row.Region, row.ForcePathStyle != 0, row.Prefix),
            UnixTime.FromMillis(row.VerifiedAt), UnixTime.FromMillis(row.CreatedAt));
    }

    /// <summary>Which of these projects have a bucket connected.</summary>
    public async Task<IReadOnlySet<string>> ConnectedAsync(IReadOnlyCollection<string> projectIds, CancellationToken ct)
    {
        if (projectIds.Count == 0) return new HashSet<string>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT project_id FROM bucket_connections WHERE {database.In("project_id", "projectIds")}", new { projectIds = projectIds.ToList() },
            cancellationToken: ct))).ToHashSet();
    }

    /// <summary>Saves (or replaces) the project's connection; called only after a successful test write.</summary>
    public async Task SaveAsync(BucketConnection bucket, CancellationToken ct)
    {
        var t = bucket.Target;
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO bucket_connections (project_id, endpoint, bucket, access_key, secret_protected, region, force_path_style, prefix, verified_at, created_at)
            VALUES (@ProjectId, @Endpoint, @Bucket, @AccessKey, @Secret, @Region, @PathStyle, @Prefix, @VerifiedAt, @CreatedAt)
            ON CONFLICT (project_id) DO UPDATE SET endpoint = excluded.endpoint, bucket = excluded.bucket, access_key = excluded.access_key,
                secret_protected = excluded.secret_protected, region = excluded.region, force_path_style = excluded.force_path_style,
                prefix = excluded.prefix, verified_at = excluded.verified_at
            """,
            new
            {
                bucket.ProjectId, t.Endpoint, t.Bucket, t.AccessKey, Secret = secrets.Protect(t.SecretKey), t.Region, PathStyle = t.ForcePathStyle ? 1 : 0,
                t.Prefix, VerifiedAt = bucket.VerifiedAt.ToUnixTimeMilliseconds(), CreatedAt = bucket.CreatedAt.ToUnixTimeMilliseconds(),
            }, cancellationToken: ct));
    }

    public async Task MarkVerifiedAsync(string projectId, DateTimeOffset at, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE bucket_connections SET verified_at = @at WHERE project_id = @projectId",
            new { projectId, at = at.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    public async Task<bool> DeleteAsync(string projectId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM bucket_connections WHERE project_id = @projectId", new { projectId }, cancellationToken: ct)) > 0;
    }

    private sealed record Row
    {
        public string ProjectId { get; init; } = "";
        public string Endpoint { get; init; } = "";
        public string Bucket { get; init; } = "";
        public string AccessKey { get; init; } = "";
        public string SecretProtected { get; init; } = "";
        public string? Region { get; init; }
        public long ForcePathStyle { get; init; }
        public string? Prefix { get; init; }
        public long VerifiedAt { get; init; }
        public long CreatedAt { get; init; }
    }
}
