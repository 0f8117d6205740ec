using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Amazon.S3;
using ByteStack.Server.Storage;

namespace ByteStack.IntegrationTests;

/// <summary>
/// A real S3-compatible server (npm <c>s3rver</c>, installed by scripts/test.sh) on a loopback port,
/// with the buckets a test names. It can be stopped and started again on the same port and
/// folder, as a bucket provider that goes down and comes back.
/// </summary>
public sealed class S3Server : IAsyncDisposable
{
    /// <summary>s3rver's one account.</summary>
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly string directory = Directory.CreateTempSubdirectory("bytestack-s3-").FullName;
    private readonly string[] buckets;
    private readonly string? tlsFolder;
    private Process? process;

    private S3Server(int port, string[] buckets, string? tlsFolder)
    {
        Port = port;
        this.buckets = buckets;
        this.tlsFolder = tlsFolder;
    }

    public int Port { get; }

    public string Endpoint => $"{(tlsFolder is null ? "http" : "https")}://127.0.0.1:{Port}";

    public static async Task<S3Server> StartAsync(string[] buckets, string? tlsFolder = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new S3Server(port, buckets, tlsFolder);
        await server.StartAsync();
        return server;
    }

    public S3Target Target(string bucket, string? prefix = null, string accessKey = AccessKey, string secretKey = SecretKey) =>
        new(Endpoint, bucket, accessKey, secretKey, null, ForcePathStyle: true, prefix);

    /// <summary>A client of the test's own, to read back what the service wrote (as the seed's boto3 example does).</summary>
    public IAmazonS3 Client(string bucket = "results") => Target(bucket).CreateClient(allowPrivate: true, TimeSpan.FromSeconds(10));

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "-d", directory, "-a", "127.0.0.1", "-p", Port.ToString(), "--silent", "--no-vhost-buckets" }) start.ArgumentList.Add(arg);
        if (tlsFolder is not null)
            foreach (var arg in new[] { "--key", Path.Combine(tlsFolder, "key.pem"), "--cert", Path.Combine(tlsFolder, "cert.pem") }) start.ArgumentList.Add(arg);
        foreach (var bucket in buckets) { start.ArgumentList.Add("--configure-bucket"); start.ArgumentList.Add(bucket); }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var probe = new TcpClient();
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Stops the server (its files stay): the bucket is unreachable until <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (process is null) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    private static string Executable()
    {
        if (Environment.GetEnvironmentVariable("BYTESTACK_TEST_S3RVER") is { Length: > 0 } configured) return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "s3rver", "node_modules", ".bin", "s3rver");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("s3rver is not installed. Run the tests with ./scripts/test.sh, which installs it.");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(directory, recursive: true);
    }
}
