using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ByteStack.Server.Persistence;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public const string Section = "ByteStack:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty means the embedded SQLite file under the data directory.</summary>
    public string? ConnectionString { get; set; }
}

/// <summary>
/// The one way into the database. Most SQL in ByteStack is portable between SQLite and
/// PostgreSQL (Dapper parameters, <c>ON CONFLICT</c>, <c>RETURNING</c>, BIGINT times);
/// <see cref="Provider"/> is consulted only where the dialects really differ.
/// </summary>
public sealed class Database(DbDataSource dataSource, DatabaseProvider provider) : IAsyncDisposable
{
    // Columns are snake_case, row records PascalCase.
    static Database() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

    public DatabaseProvider Provider { get; } = provider;

    public async ValueTask<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        // Per connection: in WAL mode NORMAL syncs at checkpoints, not at every commit. A power cut
        // can lose the last commits (never corrupt the file); a lost run completion is retried.
        // busy_timeout lets SQLite itself wait for the write lock, polling every few milliseconds;
        // without it Microsoft.Data.Sqlite retries a busy statement only every 150 ms, which made
        // writers queueing behind each other (the engine's loops under load) wait far too long.
        // Both settings live on the native handle, which the pool keeps open: set them once per
        // handle, not at every open (the engine opens a connection per statement batch).
        if (connection is SqliteConnection { Handle: { } handle } && !configured.TryGetValue(handle, out _))
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000";
            await pragma.ExecuteNonQueryAsync(ct);
            configured.AddOrUpdate(handle, Configured);
        }
        return connection;
    }

    /// <summary>
    /// On SQLite, the right to write. SQLite has one writer at a time, and a writer that finds the
    /// lock taken sleeps in its busy handler (1, 2, 5, 10 … ms between tries), so writers queueing
    /// there wait far longer than the transaction ahead of them. The engine's writers (scheduler,
    /// claims, group commits, lease renewals, deliveries, job updates) queue here instead, and each
    /// starts as soon as the one before it ends. PostgreSQL locks rows, not the database: nothing to wait for.
    /// </summary>
    public async ValueTask<IAsyncDisposable> WriteLockAsync(CancellationToken ct)
    {
        if (Provider != DatabaseProvider.Sqlite) return WriteLock.None;
        await writer.WaitAsync(ct);
        return new WriteLock(writer);
    }

    private readonly SemaphoreSlim writer = new(1, 1);

    private sealed class WriteLock(SemaphoreSlim? held) : IAsyncDisposable
    {
        public static readonly WriteLock None = new(null);

        public ValueTask DisposeAsync()
        {
            held?.Release();
            return ValueTask.CompletedTask;
        }
    }

    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

    /// <summary>
    /// "column is one of the list parameter": Dapper expands <c>IN @list</c> for SQLite, but hands
    /// Npgsql the list as one array, which PostgreSQL matches with <c>= ANY(@list)</c>.
    /// </summary>
    public string In(string column, string listParameter) =>
        Provider == DatabaseProvider.Postgres ? $"{column} = ANY(@{listParameter})" : $"{column} IN @{listParameter}";

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    public static Database Create(DatabaseOptions options, string dataDirectory)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new InvalidOperationException(
                    "ByteStack:Database:ConnectionString is required when the provider is postgres.");
            return new Database(NpgsqlDataSource.Create(options.ConnectionString), DatabaseProvider.Postgres);
        }

        var connectionString = options.ConnectionString;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Directory.CreateDirectory(dataDirectory);
            connectionString = EmbeddedConnectionString(dataDirectory);
        }
        RestrictToOwner(new SqliteConnectionStringBuilder(connectionString));
        return new Database(SqliteFactory.Instance.CreateDataSource(connectionString), DatabaseProvider.Sqlite);
    }

    /// <summary>The embedded database of a data folder (its connection string also names its connection pool).</summary>
    public static string EmbeddedConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, "bytestack.db"),
        ForeignKeys = true,
        Pooling = true,
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until this timeout: writers from
        // several threads queue instead of failing.
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// The database file holds API key hashes and encrypted secrets: readable by its owner only
    /// (0600, like <c>admin.key</c>). It is created empty with that mode before SQLite opens it, and
    /// SQLite gives the -wal and -shm files the database file's mode; files left by an older
    /// version are narrowed too.
    /// </summary>
    private static void RestrictToOwner(SqliteConnectionStringBuilder connection)
    {
        var path = connection.DataSource;
        if (OperatingSystem.IsWindows() || connection.Mode == SqliteOpenMode.Memory || path is "" or ":memory:" || path.StartsWith("file:", StringComparison.Ordinal))
            return;
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
        }
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~ownerOnly) != 0) File.SetUnixFileMode(file, ownerOnly);
    }
}
