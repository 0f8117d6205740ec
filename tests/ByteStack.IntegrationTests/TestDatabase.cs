using ByteStack.Server.Persistence;
using Npgsql;

namespace ByteStack.IntegrationTests;

/// <summary>
/// A database that belongs to one test: a fresh SQLite file in a temp directory, or a fresh
/// database in the throw-away PostgreSQL cluster that <c>scripts/test.sh</c> starts.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? postgresName;
    private string admin = "";

    private TestDatabase(DatabaseProvider provider, string directory, string? connectionString, string? postgresName)
    {
        Provider = provider;
        Directory = directory;
        ConnectionString = connectionString;
        this.postgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The data directory (SQLite file, file storage, admin.key); unique to the test.</summary>
    public string Directory { get; }

    /// <summary>Null for SQLite: the server then uses its embedded default under <see cref="Directory"/>.</summary>
    public string? ConnectionString { get; }

    /// <param name="adminConnectionString">Another PostgreSQL cluster than the shared one (a test's own).</param>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? adminConnectionString = null)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bytestack-test-").FullName;
        if (provider == DatabaseProvider.Sqlite) return new TestDatabase(provider, directory, null, null);

        var adminCs = adminConnectionString ?? AdminConnectionString;
        var name = "bs_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(adminCs))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(adminCs) { Database = name }.ToString();
        return new TestDatabase(provider, directory, connectionString, name) { admin = adminCs };
    }

    public Database Open() => Database.Create(
        new DatabaseOptions { Provider = Provider, ConnectionString = ConnectionString }, Directory);

    /// <summary>The host arguments that point a server at this database and directory.</summary>
    public List<string> HostArgs()
    {
        var args = new List<string> { $"--ByteStack:DataDir={Directory}", $"--ByteStack:Database:Provider={Provider}" };
        if (ConnectionString is not null) args.Add($"--ByteStack:Database:ConnectionString={ConnectionString}");
        return args;
    }

    /// <summary>Set by scripts/test.sh. Its absence is a setup error, reported loudly rather than skipped.</summary>
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("BYTESTACK_TEST_POSTGRES")
        ?? throw new InvalidOperationException(
            "BYTESTACK_TEST_POSTGRES is not set. Run the tests with ./scripts/test.sh, which starts a throw-away PostgreSQL.");

    public async ValueTask DisposeAsync()
    {
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        // Only this database's pool: clearing every pool would close other tests' idle connections,
        // and SQLite removes a database's -wal file when its last connection closes.
        using (var pooled = new Microsoft.Data.Sqlite.SqliteConnection(ByteStack.Server.Persistence.Database.EmbeddedConnectionString(Directory)))
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(pooled);
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a file still held open by a pool on its way out; the temp dir is reclaimed by the OS */ }
    }
}
