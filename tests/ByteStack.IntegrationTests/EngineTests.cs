using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>
/// The scheduler and run engine in one process, on both databases, one loop iteration at a time
/// under a clock the test moves: every transition of SPEC §3 through the real stores and API.
/// </summary>
public sealed class EngineTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset T0800 = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    private sealed class Engine(RunningServer server, HttpClient client) : IAsyncDisposable
    {
        public RunningServer Server { get; } = server;
        public HttpClient Client { get; } = client;
        public Scheduler Scheduler => Server.App.Services.GetRequiredService<Scheduler>();
        public RunExecutor Executor => Server.App.Services.GetRequiredService<RunExecutor>();
        public RunStore Runs => Server.App.Services.GetRequiredService<RunStore>();

        public DateTimeOffset Now { set => Server.Clock.Now = value; }

        public async Task<string> CreateJobAsync(string schedule, string prompt = "How many times was Acme mentioned today?", string sources = "[\"hackernews\"]")
        {
            var response = await Client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":{{JsonSerializer.Serialize(prompt)}},"sources":{{sources}},"schedule":"{{schedule}}"}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadJsonAsync()).Str("id");
        }

        public async Task<JsonElement> JobAsync(string id) => await (await Client.GetAsync($"/v1/jobs/{id}")).ReadJsonAsync();

        public async Task<List<JsonElement>> RunsAsync(string jobId) =>
            (await (await Client.GetAsync($"/v1/jobs/{jobId}/runs")).ReadJsonAsync()).GetProperty("data").EnumerateArray().OrderBy(r => r.Str("scheduled_for")).ToList();

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    private async Task<Engine> StartAsync(DatabaseProvider provider)
    {
        var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        return new Engine(server, await server.NewProjectClientAsync());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task DueOccurrence_RunsOnce_WritesItsResult_AndMovesTheJobOn(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");

        Assert.False(await engine.Scheduler.RunOnceAsync(CancellationToken.None)); // 07:59:30: nothing due yet
        engine.Now = T0800.AddSeconds(5);
        Assert.True(await engine.Scheduler.RunOnceAsync(CancellationToken.None));
        Assert.False(await engine.Scheduler.RunOnceAsync(CancellationToken.None)); // written once
        var pending = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal("pending", pending.Str("status"));
        Assert.Equal("schedule", pending.Str("trigger"));
        Assert.Equal("2026-04-30T08:00:00Z", pending.Str("scheduled_for"));
        Assert.Equal("2026-04-30T09:00:00Z", (await engine.JobAsync(job)).Str("next_sync_at"));

        engine.Now = T0800.AddSeconds(7);
        Assert.Equal(1, await engine.Executor.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await engine.Executor.RunOnceAsync(CancellationToken.None));

        var run = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal("completed", run.Str("status"));
        Assert.Equal(5, run.GetProperty("record_count").GetInt64());
        Assert.Equal(5, run.GetProperty("total_results").GetInt64());
        Assert.Equal("2026-04-30T08:00:07Z", run.Str("started_at"));
        Assert.Equal(1, run.GetProperty("attempt").GetInt32());
        Assert.Equal($"{job}/2026-04-30T08:00:00Z.json", run.Str("result_key"));
        var state = await engine.JobAsync(job);
        Assert.Equal("active", state.Str("state"));
        Assert.Equal("2026-04-30T08:00:07Z", state.Str("last_sync_at"));
        Assert.Equal(run.Str("id"), state.GetProperty("last_run").Str("id"));
        Assert.Equal("completed", state.GetProperty("last_run").Str("status"));

        // The seed's payload, in built-in storage under the seed's key.
        var file = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(engine.Server.Database.Directory, "storage", job, "2026-04-30T08:00:00Z.json"))).RootElement;
        Assert.Equal(job, file.Str("job_id"));
        Assert.Equal(run.Str("id"), file.Str("run_id"));
        Assert.Equal("How many times was Acme mentioned today?", file.Str("prompt"));
        Assert.Equal(5, file.GetProperty("result").GetProperty("total_results").GetInt64());
        Assert.Equal("Acme was mentioned 5 times on Hacker News today, with 40% positive sentiment.", file.GetProperty("result").Str("summary"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Downtime_IsCoalescedIntoOneCatchUpRun_AndAMissedRow(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");

        engine.Now = new DateTimeOffset(2026, 4, 30, 12, 30, 0, TimeSpan.Zero);
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);

        var rows = await engine.RunsAsync(job);
        Assert.Equal(2, rows.Count);
        Assert.Equal(("missed", "catch_up", "2026-04-30T08:00:00Z", 4), (rows[0].Str("status"), rows[0].Str("trigger"), rows[0].Str("scheduled_for"), rows[0].GetProperty("missed_count").GetInt32()));
        Assert.Equal(("pending", "catch_up", "2026-04-30T12:00:00Z"), (rows[1].Str("status"), rows[1].Str("trigger"), rows[1].Str("scheduled_for")));
        Assert.Equal("2026-04-30T13:00:00Z", (await engine.JobAsync(job)).Str("next_sync_at"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task OccurrenceWhileRunning_LeavesASkippedRow(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        // Another node holds the 08:00 run and has not finished it.
        Assert.Single(await engine.Runs.ClaimAsync("other-node", 10, T0800, TimeSpan.FromHours(2), 3, CancellationToken.None));
        Assert.Equal("running", (await engine.JobAsync(job)).Str("state"));

        engine.Now = T0800.AddHours(1).AddMinutes(1);
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);

        var rows = await engine.RunsAsync(job);
        Assert.Equal(["running", "skipped"], rows.Select(r => r.Str("status")));
        Assert.Equal("2026-04-30T09:00:00Z", rows[1].Str("scheduled_for"));
        Assert.Equal("2026-04-30T10:00:00Z", (await engine.JobAsync(job)).Str("next_sync_at"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task PausedJob_NeverRunsOnSchedule_AndResumesFromNow(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None); // the 08:00 run is written, not yet claimed
        await engine.Client.PostAsync($"/v1/jobs/{job}/pause", null);

        Assert.Equal(0, await engine.Executor.RunOnceAsync(CancellationToken.None));
        var skipped = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal(("skipped", "2026-04-30T08:00:00Z"), (skipped.Str("status"), skipped.Str("scheduled_for")));
        engine.Now = T0800.AddHours(5);
        Assert.False(await engine.Scheduler.RunOnceAsync(CancellationToken.None));
        Assert.Single(await engine.RunsAsync(job));

        var resumed = await (await engine.Client.PostAsync($"/v1/jobs/{job}/resume", null)).ReadJsonAsync();
        Assert.Equal("2026-04-30T14:00:00Z", resumed.Str("next_sync_at"));
        Assert.False(await engine.Scheduler.RunOnceAsync(CancellationToken.None)); // no burst of the slots missed while paused
        Assert.Single(await engine.RunsAsync(job));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task RunFailingAfterPauseAndResume_StillFailsTheJob(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        var held = Assert.Single(await engine.Runs.ClaimAsync("other-node", 10, T0800, TimeSpan.FromMinutes(5), 3, CancellationToken.None));

        await engine.Client.PostAsync($"/v1/jobs/{job}/pause", null);
        await engine.Client.PostAsync($"/v1/jobs/{job}/resume", null);
        Assert.True(await engine.Runs.CompleteAsync(held, new RunStore.Completion(false, T0800.AddMinutes(1), null, null, "x: HTTP 500", null), CancellationToken.None));

        var after = await engine.JobAsync(job);
        Assert.Equal(("failed", "x: HTTP 500", JsonValueKind.Null), (after.Str("state"), after.Str("failure"), after.GetProperty("next_sync_at").ValueKind));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task FailedRun_StopsTheJob_UntilResumed(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        // Both sources answer "boom" with HTTP 500: the run cannot produce an answer.
        var job = await engine.CreateJobAsync("every_hour", "\"boom\" today", "[\"hackernews\",\"x\"]");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        await engine.Executor.RunOnceAsync(CancellationToken.None);

        var run = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal("failed", run.Str("status"));
        Assert.Contains("HTTP 500", run.Str("error"));
        var failed = await engine.JobAsync(job);
        Assert.Equal("failed", failed.Str("state"));
        Assert.Contains("HTTP 500", failed.Str("failure"));
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("next_sync_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, failed.GetProperty("last_sync_at").ValueKind);

        engine.Now = T0800.AddHours(3);
        Assert.False(await engine.Scheduler.RunOnceAsync(CancellationToken.None));
        var resumed = await (await engine.Client.PostAsync($"/v1/jobs/{job}/resume", null)).ReadJsonAsync();
        Assert.Equal("active", resumed.Str("state"));
        Assert.False(resumed.TryGetProperty("failure", out _));
        Assert.Equal("2026-04-30T12:00:00Z", resumed.Str("next_sync_at"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task ManualRun_RunsNow_AndIsRefusedWhileOneIsPending(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("daily");

        var first = await engine.Client.PostAsync($"/v1/jobs/{job}/run", null);
        engine.Now = RunningServer.DefaultNow.AddSeconds(2); // a different second: only the pending run can refuse it
        var second = await engine.Client.PostAsync($"/v1/jobs/{job}/run", null);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var run = await first.ReadJsonAsync();
        Assert.Equal(("manual", "pending", "2026-04-30T07:59:30Z"), (run.Str("trigger"), run.Str("status"), run.Str("scheduled_for")));
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("run_in_progress", (await second.ReadJsonAsync()).Str("code"));

        await engine.Executor.RunOnceAsync(CancellationToken.None);
        var done = await (await engine.Client.GetAsync($"/v1/runs/{run.Str("id")}")).ReadJsonAsync();
        Assert.Equal("completed", done.Str("status"));
        // A daily job's manual run looks at the day since its previous occurrence (00:00 today) → the five hits.
        Assert.Equal(5, done.GetProperty("total_results").GetInt64());

        engine.Now = RunningServer.DefaultNow.AddSeconds(10);
        Assert.Equal(HttpStatusCode.Accepted, (await engine.Client.PostAsync($"/v1/jobs/{job}/run", null)).StatusCode);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task LostLease_FencesTheOldAttempt_OutOfEveryWrite(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        var lease = TimeSpan.FromSeconds(30);

        var a = Assert.Single(await engine.Runs.ClaimAsync("node-a", 10, T0800, lease, 3, CancellationToken.None));
        Assert.Empty(await engine.Runs.ClaimAsync("node-b", 10, T0800.AddSeconds(29), lease, 3, CancellationToken.None)); // lease still held
        var b = Assert.Single(await engine.Runs.ClaimAsync("node-b", 10, T0800.AddSeconds(31), lease, 3, CancellationToken.None)); // node A went quiet

        Assert.Equal((a.Id, 1, 2), (b.Id, a.Attempt, b.Attempt));
        Assert.False(await engine.Runs.RenewAsync(a.Id, a.Attempt, T0800.AddMinutes(5), CancellationToken.None));
        var published = new List<string>();
        RunStore.Publish Publishing(string who) => (_, _, _) => { published.Add(who); return Task.CompletedTask; };
        Assert.False(await engine.Runs.CompleteAsync(a, new RunStore.Completion(true, T0800.AddSeconds(40), 1, 1, null, "stale"), CancellationToken.None, Publishing("a")));
        Assert.False(await engine.Runs.ReleaseAsync(a, CancellationToken.None));
        Assert.True(await engine.Runs.CompleteAsync(b, new RunStore.Completion(true, T0800.AddSeconds(45), 5, 5, null, "fresh"), CancellationToken.None, Publishing("b")));
        Assert.Equal(["b"], published); // only the owning attempt writes its result file

        var run = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal(("completed", "fresh", 2), (run.Str("status"), run.Str("result_key"), run.GetProperty("attempt").GetInt32()));
        Assert.Equal("active", (await engine.JobAsync(job)).Str("state"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task RunInterruptedTooOften_FailsInsteadOfLoopingForever(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var job = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        var lease = TimeSpan.FromSeconds(30);
        for (var i = 0; i < 3; i++)
            Assert.Single(await engine.Runs.ClaimAsync($"dying-{i}", 10, T0800.AddMinutes(i), lease, 3, CancellationToken.None));

        // Even a node with no free slot ends a run its dead owners left behind.
        Assert.Empty(await engine.Runs.ClaimAsync("busy-survivor", 0, T0800.AddMinutes(5), lease, 3, CancellationToken.None));

        var run = Assert.Single(await engine.RunsAsync(job));
        Assert.Equal("failed", run.Str("status"));
        Assert.Contains("interrupted 3 times", run.Str("error"));
        Assert.Equal("failed", (await engine.JobAsync(job)).Str("state"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task GracefulRelease_HandsTheRunBack_ForAnotherNode(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        var held = Assert.Single(await engine.Runs.ClaimAsync("stopping-node", 10, T0800, TimeSpan.FromMinutes(5), 3, CancellationToken.None));

        Assert.True(await engine.Runs.ReleaseAsync(held, CancellationToken.None));
        Assert.Equal("active", (await engine.JobAsync(held.JobId)).Str("state"));

        // Claimable at once — no waiting for the lease to expire.
        var taken = Assert.Single(await engine.Runs.ClaimAsync("other-node", 10, T0800.AddSeconds(1), TimeSpan.FromMinutes(5), 3, CancellationToken.None));
        Assert.Equal(held.Id, taken.Id);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Timeline_ShowsDoneTodayAndUpcoming_InTheRequestedZone(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        engine.Now = T0800.AddHours(-3);
        var job = await engine.CreateJobAsync("every_6_hours");
        engine.Now = T0800.AddHours(-2).AddSeconds(1); // 06:00:01
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        await engine.Executor.RunOnceAsync(CancellationToken.None);
        engine.Now = T0800;

        var utc = await (await engine.Client.GetAsync("/v1/timeline?date=2026-04-30&tz=UTC")).ReadJsonAsync();
        var berlin = await (await engine.Client.GetAsync($"/v1/jobs/{job}/timeline?date=2026-04-30&tz=Europe/Berlin")).ReadJsonAsync();
        var yesterday = await (await engine.Client.GetAsync("/v1/timeline?date=2026-04-29")).ReadJsonAsync();

        Assert.Equal("2026-04-30", utc.Str("date"));
        Assert.Equal(["2026-04-30T06:00:00Z"], utc.GetProperty("done").EnumerateArray().Select(r => r.Str("scheduled_for")));
        Assert.Equal(["2026-04-30T12:00:00Z", "2026-04-30T18:00:00Z"], utc.GetProperty("upcoming").EnumerateArray().Select(u => u.Str("at")));
        Assert.All(utc.GetProperty("upcoming").EnumerateArray(), u => Assert.Equal(job, u.Str("job_id")));
        // Berlin's 30 April is 22:00Z on the 29th to 22:00Z on the 30th.
        Assert.Equal(["2026-04-30T12:00:00Z", "2026-04-30T18:00:00Z"], berlin.GetProperty("upcoming").EnumerateArray().Select(u => u.Str("at")));
        Assert.Single(berlin.GetProperty("done").EnumerateArray());
        Assert.Empty(yesterday.GetProperty("done").EnumerateArray());
        Assert.Empty(yesterday.GetProperty("upcoming").EnumerateArray());
    }

    [Fact]
    public async Task Timeline_KeepsTheEarliestUpcomingRuns_AcrossJobs_WhenCapped()
    {
        await using var engine = await StartAsync(DatabaseProvider.Sqlite);
        engine.Now = new DateTimeOffset(2026, 4, 30, 0, 0, 30, TimeSpan.Zero);
        var first = await engine.CreateJobAsync("* * * * *");
        var second = await engine.CreateJobAsync("* * * * *");

        var upcoming = (await (await engine.Client.GetAsync("/v1/timeline?date=2026-04-30")).ReadJsonAsync())
            .GetProperty("upcoming").EnumerateArray().ToList();

        // 2 × 1,439 minutes left in the day, capped at 2,000: the first 1,000 minutes of both jobs, in order.
        Assert.Equal(RunsService.MaxUpcoming, upcoming.Count);
        Assert.Equal(1000, upcoming.Count(u => u.Str("job_id") == first));
        Assert.Equal(1000, upcoming.Count(u => u.Str("job_id") == second));
        Assert.Equal(("2026-04-30T00:01:00Z", "2026-04-30T16:40:00Z"), (upcoming[0].Str("at"), upcoming[^1].Str("at")));
    }

    [Fact]
    public async Task Timeline_RejectsBadDateAndZone()
    {
        await using var engine = await StartAsync(DatabaseProvider.Sqlite);

        var zone = await engine.Client.GetAsync("/v1/timeline?tz=Mars/Olympus");
        var date = await engine.Client.GetAsync("/v1/timeline?date=30-04-2026");

        Assert.Equal((400, "invalid_tz"), ((int)zone.StatusCode, (await zone.ReadJsonAsync()).Str("code")));
        Assert.Equal((400, "invalid_date"), ((int)date.StatusCode, (await date.ReadJsonAsync()).Str("code")));
    }

    [Fact]
    public async Task Metrics_ExposeRunsLatenessAndBacklog()
    {
        await using var engine = await StartAsync(DatabaseProvider.Sqlite);
        await engine.CreateJobAsync("every_hour");
        await engine.CreateJobAsync("every_hour");
        engine.Now = T0800.AddSeconds(3);
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        var backlog = await engine.Server.Client().GetStringAsync("/metrics");
        await engine.Executor.RunOnceAsync(CancellationToken.None);

        var metrics = await engine.Server.Client().GetStringAsync("/metrics");

        Assert.Contains("bytestack_claim_backlog 2", backlog);
        Assert.Contains("bytestack_runs{status=\"completed\"} 2", metrics);
        Assert.Contains("bytestack_claim_backlog 0", metrics);
        Assert.Contains("bytestack_run_lateness_seconds_bucket{le=\"5\"} 2", metrics);
        Assert.Contains("bytestack_run_lateness_seconds_bucket{le=\"2.5\"} 0", metrics);
        Assert.Contains("bytestack_runs_finished_total{status=\"completed\"} 2", metrics);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task DeleteJob_KeepsResultFiles_UnlessAskedToDeleteThem(DatabaseProvider provider)
    {
        await using var engine = await StartAsync(provider);
        var kept = await engine.CreateJobAsync("every_hour");
        var removed = await engine.CreateJobAsync("every_hour");
        engine.Now = T0800;
        await engine.Scheduler.RunOnceAsync(CancellationToken.None);
        await engine.Executor.RunOnceAsync(CancellationToken.None);
        var storage = Path.Combine(engine.Server.Database.Directory, "storage");

        await engine.Client.DeleteAsync($"/v1/jobs/{kept}");
        await engine.Client.DeleteAsync($"/v1/jobs/{removed}?delete_results=true");

        Assert.True(File.Exists(Path.Combine(storage, kept, "2026-04-30T08:00:00Z.json")));
        Assert.False(Directory.Exists(Path.Combine(storage, removed)));
    }
}
