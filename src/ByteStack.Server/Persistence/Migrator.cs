using System.Data.Common;
using System.Reflection;
using Dapper;

namespace ByteStack.Server.Persistence;

/// <summary>
/// Applies the embedded <c>Migrations/NNNN_name.sql</c> files in order, once each. The whole
/// check-and-apply runs under one lock (PostgreSQL advisory lock, SQLite write transaction),
/// so several nodes starting at once apply each migration exactly once.
/// </summary>
public sealed class Migrator(Database database, TimeProvider clock, ILogger<Migrator> logger)
{
    // Any fixed number: every ByteStack node takes the same advisory lock.
    private const long PostgresLockKey = 0x42_79_74_65_53_74_61_6B;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers proceed while one writer commits; it cannot change inside a transaction.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;");
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (database.Provider == DatabaseProvider.Postgres)
            await connection.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = PostgresLockKey }, transaction);

        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
            transaction: transaction);
        var applied = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations", transaction: transaction)).ToHashSet();

        foreach (var migration in Embedded().Where(m => !applied.Contains(m.Version)))
        {
            await connection.ExecuteAsync(migration.Sql, transaction: transaction);
            await connection.ExecuteAsync(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@Version, @Name, @AppliedAt)",
                new { migration.Version, migration.Name, AppliedAt = clock.GetUtcNow().ToUnixTimeMilliseconds() },
                transaction);
            logger.LogInformation("Applied migration {Version} {Name}", migration.Version, migration.Name);
        }
        await transaction.CommitAsync(ct);
    }

    internal sealed record Migration(long Version, string Name, string Sql);

    internal static IReadOnlyList<Migration> Embedded()
    {
        var assembly = typeof(Migrator).Assembly;
        const string marker = ".Persistence.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.Contains(marker, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[(n.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..^".sql".Length];
                var underscore = file.IndexOf('_');
                var version = long.Parse(file.AsSpan(0, underscore > 0 ? underscore : file.Length).TrimStart('_'));
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(version, file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}
