using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;

namespace ByteStack.IntegrationTests;

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StartupTests
{
    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Migrate_AppliesEachMigrationOnce_WhenSeveralNodesStartAtOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var nodes = Enumerable.Range(0, 6).Select(_ => test.Open()).ToList();

        await Task.WhenAll(nodes.Select(db => Task.Run(() => new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None))));
        await new Migrator(nodes[0], TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);

        await using var connection = await nodes[0].OpenAsync(CancellationToken.None);
        var versions = (await connection.QueryAsync<long>("SELECT version FROM schema_migrations ORDER BY version")).ToList();
        Assert.Equal(Migrator.Embedded().Select(m => m.Version), versions);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM jobs"));
        foreach (var db in nodes) await db.DisposeAsync();
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task DefaultProject_IsCreatedOnce_WhenSeveralNodesStartAtOnce(DatabaseProvider provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var db = test.Open()) await new Migrator(db, TimeProvider.System, NullLogger<Migrator>.Instance).MigrateAsync(CancellationToken.None);
        var nodes = Enumerable.Range(0, 5).Select(_ => test.Open()).ToList();

        var results = await Task.WhenAll(nodes.Select(db => Task.Run(() =>
            new ProjectStore(db, TimeProvider.System).CreateWithAdminKeyAsync(ProjectStore.DefaultSlug, "Default", CancellationToken.None))));

        Assert.Single(results, r => r is not null);
        await using var connection = await nodes[0].OpenAsync(CancellationToken.None);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM projects"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM api_keys"));
        foreach (var db in nodes) await db.DisposeAsync();
    }

    /// <summary>
    /// The real executable, as a user runs it: no configuration, a fresh directory. It creates
    /// ./data, prints the admin key once, writes it 0600, serves, and stops cleanly on SIGTERM.
    /// </summary>
    [Fact]
    public async Task Serve_RunsOnEmbeddedDefaults_AndStopsCleanly()
    {
        var directory = Directory.CreateTempSubdirectory("bytestack-serve-").FullName;
        try
        {
            var (first, firstOutput) = await StartServeAsync(directory);
            var key = (await File.ReadAllTextAsync(Path.Combine(directory, "data", "admin.key"))).Trim();

            Assert.Contains(key, firstOutput());
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "data", "admin.key")));
            Assert.True(File.Exists(Path.Combine(directory, "data", "bytestack.db")));
            using (var client = new HttpClient { BaseAddress = first.Address })
            {
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);
                Assert.Contains("\"/v1/jobs\"", await client.GetStringAsync("/openapi/v1.json"));
                client.DefaultRequestHeaders.Authorization = new("Bearer", key);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);
            }
            Assert.Equal(0, await StopAsync(first.Process));

            // A second start reuses the project: no new key is printed, the old one still works.
            var (second, secondOutput) = await StartServeAsync(directory);
            using (var client = new HttpClient { BaseAddress = second.Address })
            {
                client.DefaultRequestHeaders.Authorization = new("Bearer", key);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/jobs")).StatusCode);
            }
            Assert.Equal(0, await StopAsync(second.Process));
            Assert.DoesNotContain("bsk_", secondOutput());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public async Task Start_RefusesAnAnalysisCapOutOfRange_WithTheSettingNamed(string cap)
    {
        var refused = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(
            () => RunningServer.StartAsync(DatabaseProvider.Sqlite, [$"--ByteStack:Sources:AnalysisCap={cap}"]));

        Assert.Contains("ByteStack:Sources:AnalysisCap must be a whole number from 1 to 100,000.", refused.Message);
    }

    private static async Task<((Process Process, Uri Address) Server, Func<string> Output)> StartServeAsync(string workingDirectory)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "bytestack.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "serve", "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var address = new Uri($"http://127.0.0.1:{port}");
        using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited, $"bytestack serve exited early:\n{output}");
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode) break;
            }
            // Not listening yet, or a probe that times out on a busy machine: the process is still starting.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            await Task.Delay(100);
        }
        return ((process, address), () => { lock (output) return output.ToString(); });
    }

    private static async Task<int> StopAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
