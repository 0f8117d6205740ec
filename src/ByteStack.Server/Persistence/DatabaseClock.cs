using Dapper;

namespace ByteStack.Server.Persistence;

/// <summary>
/// The one clock of a deployment: this machine's clock corrected by the offset measured
/// against the database, so every node judges due-ness and lease expiry alike even when their
/// clocks drift. SQLite lives on this machine, so its offset is zero.
/// </summary>
public sealed class DatabaseClock(Database database, ILogger<DatabaseClock> logger) : TimeProvider
{
    private static readonly TimeSpan SyncInterval = TimeSpan.FromMinutes(1);
    private long offsetTicks;
    private long lastSyncTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>Measures the offset again when the last measurement is over a minute old (every engine loop calls this).</summary>
    public Task SyncIfStaleAsync(CancellationToken ct) =>
        System.GetUtcNow().UtcTicks - Interlocked.Read(ref lastSyncTicks) > SyncInterval.Ticks ? SyncAsync(ct) : Task.CompletedTask;

    /// <summary>Measures the offset once; the midpoint of the round trip stands for "when the database read its clock".</summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        Interlocked.Exchange(ref lastSyncTicks, System.GetUtcNow().UtcTicks);
        if (database.Provider != DatabaseProvider.Postgres) return;
        await using var connection = await database.OpenAsync(ct);
        var before = System.GetUtcNow();
        var databaseMillis = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000)::bigint", cancellationToken: ct));
        var after = System.GetUtcNow();
        var offset = DateTimeOffset.FromUnixTimeMilliseconds(databaseMillis) - (before + (after - before) / 2);
        Interlocked.Exchange(ref offsetTicks, offset.Ticks);
        if (offset.Duration() > TimeSpan.FromSeconds(1))
            logger.LogWarning("This node's clock is {Offset} off the database's; using the database's.", offset);
    }
}
