using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>The storage API over files that real runs and queries wrote.</summary>
public sealed class StorageApiTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset T0800 = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    /// <summary>A server whose project has two hourly runs (08:00, 09:00) of one job and one query result.</summary>
    private async Task<(RunningServer Server, HttpClient Client, string Job, string Query)> SeedAsync(DatabaseProvider provider)
    {
        var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        var client = await server.NewProjectClientAsync();
        var job = (await (await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"Acme today","sources":["hackernews"],"schedule":"every_hour"}""")).ReadJsonAsync()).Str("id");
        foreach (var at in new[] { T0800, T0800.AddHours(1) })
        {
            server.Clock.Now = at.AddSeconds(5);
            await server.App.Services.GetRequiredService<Scheduler>().RunOnceAsync(CancellationToken.None);
            await server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None);
        }
        server.Clock.Now = T0800.AddHours(2);
        var query = (await (await client.PostJsonAsync("/v1/queries?wait=30", """{"prompt":"Acme today","sources":["hackernews"]}""")).ReadJsonAsync()).Str("id");
        return (server, client, job, query);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task List_ShowsEveryResultFile_NewestFirst_WithCursorAndFilters(DatabaseProvider provider)
    {
        var (server, client, job, query) = await SeedAsync(provider);
        await using var _ = server;

        var all = await (await client.GetAsync("/v1/storage")).ReadJsonAsync();
        var keys = all.GetProperty("data").EnumerateArray().Select(f => f.Str("key")).ToList();
        Assert.Equal([$"{query}/2026-04-30T10:00:00Z.json", $"{job}/2026-04-30T09:00:00Z.json", $"{job}/2026-04-30T08:00:00Z.json"], keys);
        var first = all.GetProperty("data")[1];
        Assert.Equal(job, first.Str("job_id"));
        Assert.StartsWith("run_", first.Str("run_id"));
        Assert.Equal(["builtin"], first.GetProperty("locations").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(new FileInfo(Path.Combine(server.Database.Directory, "storage", keys[1])).Length, first.GetProperty("size_bytes").GetInt64());
        Assert.Equal("2026-04-30T09:00:05Z", first.Str("created_at"));

        var page1 = await (await client.GetAsync("/v1/storage?limit=2")).ReadJsonAsync();
        var page2 = await (await client.GetAsync($"/v1/storage?limit=2&cursor={page1.Str("next_cursor")}")).ReadJsonAsync();
        Assert.Equal(keys[..2], page1.GetProperty("data").EnumerateArray().Select(f => f.Str("key")));
        Assert.Equal(keys[2..], page2.GetProperty("data").EnumerateArray().Select(f => f.Str("key")));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next_cursor").ValueKind);

        Assert.Equal(2, (await (await client.GetAsync($"/v1/storage?job_id={job}")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal(1, (await (await client.GetAsync("/v1/storage?prefix=qry_")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Get_ServesTheBytes_WithETagRangeAndHead(DatabaseProvider provider)
    {
        var (server, client, job, query) = await SeedAsync(provider);
        await using var _ = server;
        var key = $"{job}/2026-04-30T08:00:00Z.json";
        var onDisk = await File.ReadAllBytesAsync(Path.Combine(server.Database.Directory, "storage", key));

        var full = await client.GetAsync($"/v1/storage/{key}");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("application/json", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal(onDisk, await full.Content.ReadAsByteArrayAsync());
        var etag = full.Headers.ETag!;
        Assert.Equal(job, JsonDocument.Parse(onDisk).RootElement.Str("job_id"));

        var again = new HttpRequestMessage(HttpMethod.Get, $"/v1/storage/{key}");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode);

        var range = new HttpRequestMessage(HttpMethod.Get, $"/v1/storage/{key}");
        range.Headers.Range = new RangeHeaderValue(0, 9);
        var partial = await client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(onDisk[..10], await partial.Content.ReadAsByteArrayAsync());

        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v1/storage/{key}"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(onDisk.Length, head.Content.Headers.ContentLength);
        Assert.Equal(etag, head.Headers.ETag);

        // A query's result is reachable by the query id alone.
        var byQuery = await client.GetAsync($"/v1/storage/{query}");
        Assert.Equal(HttpStatusCode.OK, byQuery.StatusCode);
        Assert.Equal(query, (await byQuery.ReadJsonAsync()).Str("query_id"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Files_AreInvisibleToOtherProjects_AndDeletable(DatabaseProvider provider)
    {
        var (server, client, job, _) = await SeedAsync(provider);
        await using var __ = server;
        var other = await server.NewProjectClientAsync();
        var key = $"{job}/2026-04-30T08:00:00Z.json";

        Assert.Equal(0, (await (await other.GetAsync("/v1/storage")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/v1/storage/{key}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/v1/storage/{key}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/storage/{key}")).StatusCode);
        var gone = await client.GetAsync($"/v1/storage/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("storage_not_found", (await gone.ReadJsonAsync()).Str("code"));
        Assert.False(File.Exists(Path.Combine(server.Database.Directory, "storage", key)));
        Assert.Equal(1, (await (await client.GetAsync("/v1/storage?job_id=" + job)).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Theory]
    // Encoded slashes are slashes (the key then holds '..', refused); HttpClient collapses dot
    // segments before sending; Kestrel refuses a NUL in the path itself. None reaches a file.
    [InlineData("/v1/storage/..%2F..%2Fetc%2Fpasswd", HttpStatusCode.BadRequest)]
    [InlineData("/v1/storage/a/%2E%2E/%2E%2E/admin.key", HttpStatusCode.NotFound)]
    [InlineData("/v1/storage/a//b", HttpStatusCode.BadRequest)]
    [InlineData("/v1/storage/a%5C..%5Cb", HttpStatusCode.BadRequest)]
    [InlineData("/v1/storage/a%00b", HttpStatusCode.BadRequest)]
    [InlineData("/v1/storage/.tmp/x", HttpStatusCode.BadRequest)]
    [InlineData("/v1/storage/admin.key", HttpStatusCode.NotFound)]
    [InlineData("/v1/storage/bytestack.db", HttpStatusCode.NotFound)]
    public async Task HostileKeys_AreRefused_AndNothingOutsideStorageIsServed(string path, HttpStatusCode status)
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var client = await server.NewProjectClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        if (response.Content.Headers.ContentType is { } type) Assert.Equal("application/problem+json", type.MediaType);
        Assert.DoesNotContain("bsk_", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task LongKeys_AreRefused()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var client = await server.NewProjectClientAsync();

        var response = await client.GetAsync("/v1/storage/" + new string('k', 1025));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_key", (await response.ReadJsonAsync()).Str("code"));
    }
}
