using System.Text;
using ByteStack.Server.Hosting;
using ByteStack.Server.Storage;

namespace ByteStack.IntegrationTests;

/// <summary>Built-in storage behaves the same on the file system and on S3 (a real s3rver).</summary>
public sealed class ObjectStoreTests
{
    public static TheoryData<string> Backends() => new() { "file", "s3" };

    private static async Task<(IObjectStore Store, IAsyncDisposable Owner)> OpenAsync(string backend)
    {
        if (backend == "file")
        {
            var folder = Directory.CreateTempSubdirectory("bytestack-files-").FullName;
            return (new FileStorage(new DataDirectory(folder)), new Cleanup(() => Directory.Delete(folder, recursive: true)));
        }
        var server = await S3Server.StartAsync(["builtin"]);
        return (new S3Storage(server.Target("builtin", prefix: "node-shared")), server);
    }

    private sealed class Cleanup(Action action) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            action();
            return ValueTask.CompletedTask;
        }
    }

    [Theory, MemberData(nameof(Backends))]
    public async Task WriteReadOverwriteDelete_BehaveAlike(string backend)
    {
        var (store, owner) = await OpenAsync(backend);
        await using var _ = owner;
        const string key = "job_01hx9jk2p4n5m6r7s8t9u0v1wq/2026-04-30T08:00:00Z.json";

        Assert.Null(await store.ReadAsync(key, CancellationToken.None));
        await store.WriteAsync(key, Encoding.UTF8.GetBytes("{\"v\":1}"), CancellationToken.None);
        await store.WriteAsync(key, Encoding.UTF8.GetBytes("{\"v\":2}"), CancellationToken.None);
        Assert.Equal("{\"v\":2}", Encoding.UTF8.GetString((await store.ReadAsync(key, CancellationToken.None))!));

        await store.DeleteAsync(key, CancellationToken.None);
        await store.DeleteAsync(key, CancellationToken.None); // deleting what is gone is not an error
        Assert.Null(await store.ReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task S3Storage_WritesUnderItsPrefix_ByteForByte()
    {
        await using var server = await S3Server.StartAsync(["builtin"]);
        var store = new S3Storage(server.Target("builtin", prefix: "nodes"));
        var content = Encoding.UTF8.GetBytes("{\"summary\":\"Acme — 5 mentions\"}");

        await store.WriteAsync("job_x/2026-04-30T08:00:00Z.json", content, CancellationToken.None);

        using var client = server.Client("builtin");
        using var response = await client.GetObjectAsync("builtin", "nodes/job_x/2026-04-30T08:00:00Z.json");
        using var read = new MemoryStream();
        await response.ResponseStream.CopyToAsync(read);
        Assert.Equal(content, read.ToArray());
    }
}
