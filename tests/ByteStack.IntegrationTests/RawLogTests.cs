using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>Each run keeps the raw source answers under logs/{job}/{run}/, readable per run, purged after the retention period.</summary>
public sealed class RawLogTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset T0800 = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    private async Task<(RunningServer Server, HttpClient Client, string Job, string Run)> RunOneAsync(DatabaseProvider provider, string prompt)
    {
        var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        var client = await server.NewProjectClientAsync();
        var created = await client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":{{JsonSerializer.Serialize(prompt)}},"sources":["hackernews"],"schedule":"every_hour"}""");
        var job = (await created.ReadJsonAsync()).Str("id");
        server.Clock.Now = T0800;
        await server.App.Services.GetRequiredService<Scheduler>().RunOnceAsync(CancellationToken.None);
        await server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None);
        var run = (await (await client.GetAsync($"/v1/jobs/{job}/runs")).ReadJsonAsync()).GetProperty("data")[0].Str("id");
        return (server, client, job, run);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Run_KeepsTheRawAnswers_ReadableThroughItsLogs(DatabaseProvider provider)
    {
        var (server, client, job, run) = await RunOneAsync(provider, "How many times was Acme mentioned today?");
        await using var owned = server;

        var logs = await (await client.GetAsync($"/v1/runs/{run}/logs")).ReadJsonAsync();

        var entries = logs.GetProperty("data").EnumerateArray().ToList();
        Assert.NotEmpty(entries);
        var first = entries[0];
        Assert.Equal($"logs/{job}/{run}/1-001-hackernews.json", first.Str("key"));
        Assert.Equal(("GET", 200), (first.Str("method"), first.GetProperty("status").GetInt32()));
        Assert.Contains("/hn/api/v1/search_by_date", first.Str("url"));
        using (var body = JsonDocument.Parse(first.Str("body"))) Assert.True(body.RootElement.TryGetProperty("hits", out _)); // the API's own JSON
        // The file is in storage too, but the plain listing shows results only.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/storage/{first.Str("key")}")).StatusCode);
        var listed = (await (await client.GetAsync("/v1/storage")).ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(f => f.Str("key")).ToList();
        Assert.Equal([$"{job}/2026-04-30T08:00:00Z.json"], listed);
        var onlyLogs = (await (await client.GetAsync($"/v1/storage?prefix=logs/{job}/")).ReadJsonAsync()).GetProperty("data").GetArrayLength();
        Assert.Equal(entries.Count, onlyLogs);
    }

    [Fact]
    public async Task FailedRun_KeepsItsRawAnswers_Too()
    {
        var (server, client, _, run) = await RunOneAsync(DatabaseProvider.Sqlite, "\"boom\" today");
        await using var owned = server;

        var entries = (await (await client.GetAsync($"/v1/runs/{run}/logs")).ReadJsonAsync()).GetProperty("data").EnumerateArray().ToList();

        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal(500, e.GetProperty("status").GetInt32()));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task RetentionSweep_PurgesLogsAfterTheirDays_AndNeverResultFiles(DatabaseProvider provider)
    {
        var (server, client, job, run) = await RunOneAsync(provider, "How many times was Acme mentioned today?");
        await using var owned = server;
        var sweeper = server.App.Services.GetRequiredService<RetentionSweeper>();
        var logKey = (await (await client.GetAsync($"/v1/runs/{run}/logs")).ReadJsonAsync()).GetProperty("data")[0].Str("key");

        server.Clock.Now = T0800.AddDays(89);
        Assert.Equal(0, await sweeper.RunOnceAsync(CancellationToken.None));
        server.Clock.Now = T0800.AddDays(90).AddMinutes(1);
        Assert.True(await sweeper.RunOnceAsync(CancellationToken.None) > 0);

        Assert.Empty((await (await client.GetAsync($"/v1/runs/{run}/logs")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/v1/storage/{logKey}")).StatusCode);
        Assert.False(Directory.Exists(Path.Combine(server.Database.Directory, "storage", "logs", job)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/storage/{job}/2026-04-30T08:00:00Z.json")).StatusCode);
        Assert.Equal(0, await sweeper.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Logs_OfAnUnknownRun_AreNotFound()
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        var client = await server.NewProjectClientAsync();

        var response = await client.GetAsync("/v1/runs/run_01hx9jk2p4n5m6r7s8t9u0v1wq/logs");

        Assert.Equal((HttpStatusCode.NotFound, "run_not_found"), (response.StatusCode, (await response.ReadJsonAsync()).Str("code")));
    }
}
