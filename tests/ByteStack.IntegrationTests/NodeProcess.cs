using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ByteStack.IntegrationTests;

/// <summary>A real <c>bytestack serve</c> process, as a node of a cluster: started, signalled and read like one.</summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private NodeProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Pid => process.Id;

    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static async Task<NodeProcess> StartAsync(string workingDirectory, IEnumerable<string> args)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "bytestack.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var node = new NodeProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        node.process.OutputDataReceived += (_, e) => { lock (node.output) node.output.AppendLine(e.Data); };
        node.process.ErrorDataReceived += (_, e) => { lock (node.output) node.output.AppendLine(e.Data); };
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (node.process.HasExited) throw new InvalidOperationException($"bytestack serve exited early:\n{node.Output}");
            try
            {
                if ((await probe.GetAsync("/healthz")).IsSuccessStatusCode) return node;
            }
            // Still starting; a probe that times out (a busy machine) is not an answer either.
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && waited.Elapsed < TimeSpan.FromSeconds(60))
            {
            }
            catch
            {
                // Never answered: leave no orphan node behind to load the machine for the next tests.
                node.process.Kill(entireProcessTree: true);
                throw;
            }
            await Task.Delay(100);
        }
    }

    public async Task Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", process.Id.ToString()])!;
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGTERM, and the exit code once it has stopped.</summary>
    public async Task<int> StopAsync()
    {
        await Signal("TERM");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async Task<string> MetricsAsync()
    {
        using var client = new HttpClient { BaseAddress = Address };
        return await client.GetStringAsync("/metrics");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
