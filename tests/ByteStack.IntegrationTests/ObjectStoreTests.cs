using System.Text;
using System.Net;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>Built-in storage behaves the same on the file system and on S3 (a real s3rver).</summary>
public sealed class ObjectStoreTests(Fixtures.SourceFixtures sources) : IClassFixture<Fixtures.SourceFixtures>
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

    [Theory, MemberData(nameof(Backends))]
    public async Task PublishAsync_MovesTheStagedObjectToItsKey_AndListsOnlyWhatIsStaged(string backend)
    {
        var (store, owner) = await OpenAsync(backend);
        await using var _ = owner;
        const string key = "job_01hx9jk2p4n5m6r7s8t9u0v1wq/2026-04-30T08:00:00Z.json";
        var staged = StorageKeys.Staged("run_01hx9jk2p4n5m6r7s8t9u0v1wq", 2, key);
        // The first file ever staged: the staging folder does not exist yet.
        await store.StageAsync(staged, Encoding.UTF8.GetBytes("{\"v\":1}"), CancellationToken.None);
        await store.SyncAsync([staged], CancellationToken.None);
        await store.WriteAsync("job_01hx9jk2p4n5m6r7s8t9u0v1wq/other.json", Encoding.UTF8.GetBytes("{}"), CancellationToken.None);

        Assert.Equal([staged], (await store.ListAsync(StorageKeys.StagingFolder + "/", 10, CancellationToken.None)).Where(k => StorageKeys.ParseStaged(k) is not null));
        Assert.Equal(("run_01hx9jk2p4n5m6r7s8t9u0v1wq", 2, key), StorageKeys.ParseStaged(staged));
        await store.PublishAsync(staged, key, CancellationToken.None);
        await store.PublishAsync(staged, key, CancellationToken.None); // published already: not an error

        Assert.Equal("{\"v\":1}", Encoding.UTF8.GetString((await store.ReadAsync(key, CancellationToken.None))!));
        Assert.Null(await store.ReadAsync(staged, CancellationToken.None));
        Assert.DoesNotContain(await store.ListAsync(StorageKeys.StagingFolder + "/", 10, CancellationToken.None), k => StorageKeys.ParseStaged(k) is not null);
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

    [Fact]
    public async Task S3Backend_HoldsRunResultsAndLogs_AndTheApiServesThem()
    {
        await using var s3 = await S3Server.StartAsync(["builtin"]);
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, sources.Server.ConnectorArgs().Concat(
        [
            "--ByteStack:Storage:Backend=s3", $"--ByteStack:Storage:S3:Endpoint={s3.Endpoint}", "--ByteStack:Storage:S3:Bucket=builtin",
            $"--ByteStack:Storage:S3:AccessKey={S3Server.AccessKey}", $"--ByteStack:Storage:S3:SecretKey={S3Server.SecretKey}",
        ]));
        var client = await server.NewProjectClientAsync();
        var job = (await (await client.PostJsonAsync("/v1/jobs",
            """{"name":"n","prompt":"How many times was Acme mentioned today?","sources":["hackernews"],"schedule":"every_hour"}""")).ReadJsonAsync()).Str("id");
        server.Clock.Now = new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);
        await server.App.Services.GetRequiredService<Scheduler>().RunOnceAsync(CancellationToken.None);
        await server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None);
        var key = $"{job}/2026-04-30T08:00:00Z.json";

        var served = await client.GetAsync($"/v1/storage/{key}");
        var ready = await server.Client().GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        using var s3Client = s3.Client("builtin");
        using (var response = await s3Client.GetObjectAsync("builtin", key))
        using (var read = new MemoryStream())
        {
            await response.ResponseStream.CopyToAsync(read);
            Assert.Equal(await served.Content.ReadAsByteArrayAsync(), read.ToArray());
        }
        Assert.False(Directory.Exists(Path.Combine(server.Database.Directory, "storage", job))); // nothing on local disk
        var run = (await (await client.GetAsync($"/v1/jobs/{job}/runs")).ReadJsonAsync()).GetProperty("data")[0].Str("id");
        Assert.NotEmpty((await (await client.GetAsync($"/v1/runs/{run}/logs")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/storage/{key}")).StatusCode);
        await Assert.ThrowsAsync<Amazon.S3.Model.NoSuchKeyException>(() => s3Client.GetObjectAsync("builtin", key));
    }
}
