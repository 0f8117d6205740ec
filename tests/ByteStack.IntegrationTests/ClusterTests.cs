using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Jobs;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Scheduling;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ByteStack.IntegrationTests;

/// <summary>
/// Several real <c>bytestack serve</c> processes sharing one PostgreSQL database and one storage
/// folder, against the fixture APIs: each occurrence runs exactly once whatever the nodes do.
/// </summary>
[Collection(nameof(ClusterTests))]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClusterTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private sealed class Cluster(TestDatabase database, Database db) : IAsyncDisposable
    {
        public TestDatabase Test { get; } = database;
        public Database Db { get; } = db;
        public List<NodeProcess> Nodes { get; } = [];

        public async Task<long> CountAsync(string sql)
        {
            await using var connection = await Db.OpenAsync(CancellationToken.None);
            return await connection.ExecuteScalarAsync<long>(sql);
        }

        public async Task WaitUntilAsync(string sql, long expected, TimeSpan timeout)
        {
            var waited = Stopwatch.StartNew();
            long last = -1;
            while (true)
            {
                try
                {
                    if ((last = await CountAsync(sql)) == expected) return;
                }
                catch (Npgsql.NpgsqlException)
                {
                    // The database is restarting (one test does that on purpose): ask again.
                }
                Assert.True(waited.Elapsed < timeout, $"'{sql}' was {last}, not {expected}, after {timeout}.\n{string.Join("\n---\n", Nodes.Select(n => n.Output))}");
                await Task.Delay(100);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var node in Nodes) await node.DisposeAsync();
            await Db.DisposeAsync();
            await Test.DisposeAsync();
        }
    }

    private async Task<Cluster> CreateAsync(int jobs, string term, string? adminConnectionString = null)
    {
        var test = await TestDatabase.CreateAsync(DatabaseProvider.Postgres, adminConnectionString);
        var db = test.Open();
        await new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        var project = (await new ProjectStore(db, TimeProvider.System).CreateWithAdminKeyAsync("cluster", "cluster", CancellationToken.None))!.Value.Project;
        var store = new JobStore(db);
        var now = TimeProvider.System.GetUtcNow(); // real `bytestack serve` processes judge due-ness on the real clock
        // Daily, twelve hours away: no second occurrence can fall due while a test runs.
        Assert.True(Schedule.TryParseString($"0 {(now.Hour + 12) % 24} * * *", out var daily, out _));
        for (var i = 0; i < jobs; i++)
            await store.InsertAsync(JobRules.Create(project.Id, new JobDraft($"job {i}", $"\"{term}\" mentions", ["hackernews"], daily, 100, null, null), now), CancellationToken.None);
        // Every job falls due at the same instant, a moment ago.
        await using (var connection = await db.OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync("UPDATE jobs SET next_sync_at = @due", new { due = now.AddSeconds(-1).ToUnixTimeMilliseconds() });
        return new Cluster(test, db);
    }

    private async Task<NodeProcess> StartNodeAsync(Cluster cluster, params string[] extra)
    {
        var node = await NodeProcess.StartAsync(cluster.Test.Directory, cluster.Test.HostArgs().Concat(sources.Server.ConnectorArgs()).Concat(
        [
            "--ByteStack:Engine:PollInterval=00:00:00.100", "--ByteStack:Engine:Workers=16", "--ByteStack:Queries:Workers=1",
            "--Logging:LogLevel:Default=Warning", .. extra,
        ]));
        cluster.Nodes.Add(node);
        return node;
    }

    private int Requests(string term) => sources.Server.Requests.Count(r => r.Path == "/hn/api/v1/search_by_date" && r.Query.Contains($"query={term}&"));

    private static long Finished(string metrics) =>
        long.Parse(Regex.Match(metrics, "bytestack_runs_finished_total\\{status=\"completed\"\\} (\\d+)").Groups[1].Value);

    [Fact]
    public async Task ThreeNodes_RaceForAThousandDueJobs_AndEachOccurrenceRunsExactlyOnce()
    {
        await using var cluster = await CreateAsync(1000, "nothing");

        var nodes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => StartNodeAsync(cluster)));
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'completed'", 1000, TimeSpan.FromMinutes(3));

        Assert.Equal(1000, await cluster.CountAsync("SELECT COUNT(*) FROM runs"));
        Assert.Equal(1000, await cluster.CountAsync("SELECT COUNT(DISTINCT job_id) FROM runs"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM runs WHERE attempt <> 1"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM jobs WHERE state <> 'active'"));
        // Seen from outside: the source API was asked once per occurrence, not once more.
        Assert.Equal(1000, Requests("nothing"));
        var finishedPerNode = await Task.WhenAll(nodes.Select(async n => Finished(await n.MetricsAsync())));
        Assert.Equal(1000, finishedPerNode.Sum());
        Assert.True(finishedPerNode.Count(f => f > 0) >= 2, $"the work was not shared: {string.Join(", ", finishedPerNode)}");
        Assert.Equal(1000, ResultFiles(cluster).Length);
        foreach (var node in nodes) Assert.Equal(0, await node.StopAsync());
    }

    [Fact]
    public async Task KilledNode_ItsRunsAreRecoveredAndCompletedOnce()
    {
        await using var cluster = await CreateAsync(24, "slowish");
        var lease = "--ByteStack:Engine:Lease=00:00:02";
        var doomed = await StartNodeAsync(cluster, lease, "--ByteStack:Engine:Workers=8");
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'running'", 8, TimeSpan.FromSeconds(30));

        await doomed.Signal("KILL");
        await StartNodeAsync(cluster, lease);
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'completed'", 24, TimeSpan.FromMinutes(2));

        Assert.Equal(24, await cluster.CountAsync("SELECT COUNT(*) FROM runs"));
        Assert.Equal(8, await cluster.CountAsync("SELECT COUNT(*) FROM runs WHERE attempt = 2"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM jobs WHERE state <> 'active'"));
        var files = ResultFiles(cluster);
        Assert.Equal(24, files.Length);
        Assert.Equal(24, files.Select(Path.GetDirectoryName).Distinct().Count());
    }

    [Fact]
    public async Task FrozenNode_PastItsLease_CannotWriteItsLateResult()
    {
        await using var cluster = await CreateAsync(1, "slowish");
        var lease = "--ByteStack:Engine:Lease=00:00:01";
        var frozen = await StartNodeAsync(cluster, lease);
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'running'", 1, TimeSpan.FromSeconds(30));
        await frozen.Signal("STOP");

        var survivor = await StartNodeAsync(cluster, lease);
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'completed' AND attempt = 2", 1, TimeSpan.FromSeconds(60));
        var completedAt = await cluster.CountAsync("SELECT completed_at FROM runs");
        await frozen.Signal("CONT");

        // The thawed node finds out it lost the run (at its next renewal, or when it tries to complete), and writes nothing.
        var lost = new Regex("lost the lease|taken over", RegexOptions.IgnoreCase);
        var waited = Stopwatch.StartNew();
        while (!lost.IsMatch(frozen.Output) && waited.Elapsed < TimeSpan.FromSeconds(20)) await Task.Delay(100);
        Assert.Matches(lost, frozen.Output);
        Assert.Equal(completedAt, await cluster.CountAsync("SELECT completed_at FROM runs"));
        // The one published result file is the survivor's: its completed_at is the one the ledger recorded,
        // and it is the only one indexed. (What the thawed attempt may have staged is never indexed or
        // published; it discards it itself, or the staging sweeper does.)
        var file = Assert.Single(ResultFiles(cluster), f => !f.Contains($"{Path.DirectorySeparatorChar}.staged{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Equal(1, await cluster.CountAsync("SELECT COUNT(*) FROM storage_objects WHERE substr(storage_key, 1, 5) <> 'logs/'"));
        using (var written = JsonDocument.Parse(await File.ReadAllBytesAsync(file)))
            Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(completedAt).ToUnixTimeSeconds(),
                written.RootElement.GetProperty("completed_at").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Equal(2, await cluster.CountAsync("SELECT attempt FROM runs"));
        Assert.Equal(1, Finished(await survivor.MetricsAsync()));
        Assert.Equal(0, Finished(await frozen.MetricsAsync()));
        Assert.Equal("active", await ScalarAsync(cluster, "SELECT state FROM jobs"));
    }

    [Fact]
    public async Task StoppedNode_HandsItsRunsBack_ForAnotherNodeToFinishAtOnce()
    {
        await using var cluster = await CreateAsync(4, "slowish");
        // A lease far longer than the test: only a hand-back lets the other node take the runs in time.
        var lease = "--ByteStack:Engine:Lease=00:05:00";
        var stopping = await StartNodeAsync(cluster, lease);
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'running'", 4, TimeSpan.FromSeconds(30));

        Assert.Equal(0, await stopping.StopAsync());
        Assert.Equal(4, await cluster.CountAsync("SELECT COUNT(*) FROM runs WHERE status = 'pending'"));
        await StartNodeAsync(cluster, lease);
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'completed'", 4, TimeSpan.FromSeconds(60));

        Assert.Equal(4, await cluster.CountAsync("SELECT COUNT(*) FROM runs WHERE attempt = 2"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM jobs WHERE state <> 'active'"));
    }

    [Fact]
    public async Task DatabaseRestartedUnderLoad_LeavesNoJobStuckRunning()
    {
        await using var own = await PostgresCluster.StartAsync();
        await using var cluster = await CreateAsync(30, "slowish", own.ConnectionString);
        await StartNodeAsync(cluster, "--ByteStack:Engine:Lease=00:00:03", "--ByteStack:Engine:Workers=8");
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'running'", 8, TimeSpan.FromSeconds(30));

        await own.RestartAsync();
        await cluster.WaitUntilAsync("SELECT COUNT(*) FROM runs WHERE status = 'completed'", 30, TimeSpan.FromMinutes(2));

        Assert.Equal(30, await cluster.CountAsync("SELECT COUNT(*) FROM runs"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM jobs WHERE state <> 'active'"));
        Assert.Equal(0, await cluster.CountAsync("SELECT COUNT(*) FROM runs WHERE status IN ('pending', 'running')"));
    }

    /// <summary>The result files in the shared storage folder (raw scrape logs under logs/ aside).</summary>
    private static string[] ResultFiles(Cluster cluster)
    {
        var storage = Path.Combine(cluster.Test.Directory, "storage");
        var logs = Path.Combine(storage, "logs") + Path.DirectorySeparatorChar;
        return Directory.GetFiles(storage, "*.json", SearchOption.AllDirectories).Where(f => !f.StartsWith(logs, StringComparison.Ordinal)).ToArray();
    }

    private static async Task<string> ScalarAsync(Cluster cluster, string sql)
    {
        await using var connection = await cluster.Db.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<string>(sql) ?? "";
    }
}

/// <summary>Cluster tests run one at a time: each starts several processes, and two at once would crowd two cores.</summary>
[CollectionDefinition(nameof(ClusterTests), DisableParallelization = true)]
public sealed class ClusterCollection;
