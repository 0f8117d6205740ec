using System.Data.Common;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using Dapper;

namespace ByteStack.Server.Projects;

public sealed record Project(string Id, string Slug, string Name, DateTimeOffset CreatedAt);

/// <summary>Projects and their API keys. Every key query is scoped by project id.</summary>
public sealed class ProjectStore(Database database, TimeProvider clock)
{
    public const string DefaultSlug = "default";

    /// <summary>
    /// Creates the project and its first admin key in one transaction, or returns null when a
    /// project with that slug exists. The unique slug makes this safe when several nodes
    /// start at once: exactly one of them creates the default project and prints its key.
    /// </summary>
    public async Task<(Project Project, IssuedApiKey AdminKey)?> CreateWithAdminKeyAsync(string slug, string name, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var project = new Project(Ids.New("prj", now), slug, name, now);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var inserted = await connection.ExecuteAsync(
            """
            INSERT INTO projects (id, slug, name, created_at) VALUES (@Id, @Slug, @Name, @CreatedAt)
            ON CONFLICT (slug) DO NOTHING
            """,
            new { project.Id, project.Slug, project.Name, CreatedAt = now.ToUnixTimeMilliseconds() }, transaction);
        if (inserted == 0) return null;

        var issued = ApiKeySecret.Issue(project.Id, "admin", [Scopes.Admin], now);
        await InsertKeyAsync(connection, transaction, issued);
        await transaction.CommitAsync(ct);
        return (project, issued);
    }

    public async Task<IssuedApiKey> CreateKeyAsync(string projectId, string name, IReadOnlyList<string> scopes, CancellationToken ct)
    {
        var issued = ApiKeySecret.Issue(projectId, name, scopes, clock.GetUtcNow());
        await using var connection = await database.OpenAsync(ct);
        await InsertKeyAsync(connection, null, issued);
        return issued;
    }

    /// <summary>The live (not revoked) key with this secret value, or null.</summary>
    public async Task<ApiKey?> FindActiveKeyAsync(string secret, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT * FROM api_keys WHERE hash = @hash AND revoked_at IS NULL",
            new { hash = ApiKeySecret.Hash(secret) }, cancellationToken: ct));
        return row?.ToKey();
    }

    /// <summary>The live key with this id, or null once revoked: a dashboard session is checked with it on every request.</summary>
    public async Task<ApiKey?> FindActiveKeyByIdAsync(string keyId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            "SELECT * FROM api_keys WHERE id = @keyId AND revoked_at IS NULL", new { keyId }, cancellationToken: ct));
        return row?.ToKey();
    }

    public async Task<IReadOnlyList<ApiKey>> ListKeysAsync(string projectId, PageRequest page, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            """
            SELECT * FROM api_keys
            WHERE project_id = @projectId AND (@afterId IS NULL OR id < @afterId)
            ORDER BY id DESC LIMIT @take
            """,
            new { projectId, afterId = page.AfterId, take = page.Limit + 1 }, cancellationToken: ct));
        return rows.Select(r => r.ToKey()).ToList();
    }

    /// <summary>Revokes the key; false when the project has no such key. Revoking twice is harmless.</summary>
    public async Task<bool> RevokeKeyAsync(string projectId, string keyId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var found = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, @now)
            WHERE id = @keyId AND project_id = @projectId
            """,
            new { keyId, projectId, now = clock.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: ct));
        return found > 0;
    }

    private static Task InsertKeyAsync(DbConnection connection, DbTransaction? transaction, IssuedApiKey issued) =>
        connection.ExecuteAsync(
            """
            INSERT INTO api_keys (id, project_id, name, prefix, hash, scopes, created_at)
            VALUES (@Id, @ProjectId, @Name, @Prefix, @Hash, @Scopes, @CreatedAt)
            """,
            new
            {
                issued.Key.Id, issued.Key.ProjectId, issued.Key.Name, issued.Key.Prefix,
                Hash = ApiKeySecret.Hash(issued.Secret),
                Scopes = string.Join(',', issued.Key.Scopes),
                CreatedAt = issued.Key.CreatedAt.ToUnixTimeMilliseconds(),
            }, transaction);

    private sealed record KeyRow
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Prefix { get; init; } = "";
        public string Scopes { get; init; } = "";
        public long CreatedAt { get; init; }
        public long? RevokedAt { get; init; }

        public ApiKey ToKey() => new(Id, ProjectId, Name, Prefix, Scopes.Split(','),
            UnixTime.FromMillis(CreatedAt), UnixTime.FromMillis(RevokedAt));
    }
}
