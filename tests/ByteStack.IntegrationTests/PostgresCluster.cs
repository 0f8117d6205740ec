using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ByteStack.IntegrationTests;

/// <summary>
/// A PostgreSQL cluster of the test's own (initdb in a temp folder, a free loopback port), for
/// tests that restart the database — the shared one must stay up for everyone else.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string directory;
    private readonly string bin;

    private PostgresCluster(string directory, string bin, int port)
    {
        this.directory = directory;
        this.bin = bin;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=bytestack;Database=postgres";

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("BYTESTACK_TEST_PG_BIN")
                  ?? throw new InvalidOperationException("BYTESTACK_TEST_PG_BIN is not set. Run the tests with ./scripts/test.sh.");
        var directory = Directory.CreateTempSubdirectory("bytestack-pg-own-").FullName;
        File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var cluster = new PostgresCluster(directory, bin, port);
        if (Environment.UserName == "root") await RunAsync("chown", "postgres", directory);
        await cluster.PgAsync("initdb", "-D", $"{directory}/data", "-U", "bytestack", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8");
        await cluster.CtlAsync("start");
        return cluster;
    }

    /// <summary>A fast restart: every connection is cut, as when a database server is restarted under load.</summary>
    public Task RestartAsync() => CtlAsync("restart");

    private Task CtlAsync(string action) => PgAsync("pg_ctl", "-D", $"{directory}/data", "-l", $"{directory}/log", "-w", "-m", "fast",
        "-o", $"-h 127.0.0.1 -p {Port} -k {directory} -c fsync=off -c max_connections=200", action);

    private Task PgAsync(string tool, params string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args])
            : RunAsync(Path.Combine(bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        try { await PgAsync("pg_ctl", "-D", $"{directory}/data", "-m", "immediate", "stop"); }
        catch (InvalidOperationException) { /* already stopped */ }
        Directory.Delete(directory, recursive: true);
    }
}
