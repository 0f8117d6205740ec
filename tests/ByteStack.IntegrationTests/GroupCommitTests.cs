using System.Net;
using System.Text;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Delivery;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using ByteStack.Server.Storage;
using ByteStack.Contracts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ByteStack.IntegrationTests;

/// <summary>
/// The completion path on both databases: group commit with a fence per run, the per-run fallback
/// when a batch fails, and the staging sweeper that finishes what crashes and lost fences leave.
/// </summary>
public sealed class GroupCommitTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset T0800 = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private sealed record Setup(RunningServer Server, RunStore Runs, ResultFiles Files, StorageIndex Index) : IAsyncDisposable
    {
        public T Get<T>() where T : notnull => Server.App.Services.GetRequiredService<T>();

        public string OnDisk(string key) => Path.Combine(Server.Database.Directory, "storage", key);

        public ValueTask DisposeAsync() => Server.DisposeAsync();
    }

    /// <summary>A server with <paramref name="jobs"/> hourly jobs whose 08:00 runs are pending.</summary>
    private async Task<Setup> StartAsync(DatabaseProvider provider, int jobs)
    {
        var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        var client = await server.NewProjectClientAsync();
        for (var i = 0; i < jobs; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/v1/jobs",
                """{"name":"n","prompt":"How many times was Acme mentioned today?","sources":["hackernews"],"schedule":"every_hour"}""")).StatusCode);
        server.Clock.Now = T0800;
        await server.App.Services.GetRequiredService<Scheduler>().RunOnceAsync(CancellationToken.None);
        var services = server.App.Services;
        return new Setup(server, services.GetRequiredService<RunStore>(), services.GetRequiredService<ResultFiles>(), services.GetRequiredService<StorageIndex>());
    }

    private static RunStore.Completion Success(Run run) =>
        new(true, T0800.AddSeconds(50), 1, 1, null, RunExecutor.ResultKey(run.JobId, run.ScheduledFor));

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task CompleteManyAsync_RecordsOnlyTheWinners_WhenTheBatchHoldsAFencedOutAttempt(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider, 2);
        var held = await setup.Runs.ClaimAsync("node-a", 10, T0800, Lease, 3, CancellationToken.None);
        Assert.Equal(2, held.Count);
        // Node A goes quiet; node B takes one of its runs over.
        var takenOver = Assert.Single(await setup.Runs.ClaimAsync("node-b", 1, T0800.AddSeconds(31), Lease, 3, CancellationToken.None));
        var stale = held.Single(r => r.Id == takenOver.Id);
        var fresh = held.Single(r => r.Id != takenOver.Id);

        var published = new List<string>();
        var winners = await setup.Runs.CompleteManyAsync([new(stale, Success(stale)), new(fresh, Success(fresh))], CancellationToken.None,
            (_, won, _) => { published.AddRange(won.Select(c => c.Run.Id)); return Task.CompletedTask; });

        Assert.Equal([fresh.Id], winners.Select(c => c.Run.Id));
        Assert.Equal([fresh.Id], published);
        var byId = await setup.Runs.AttemptsAsync([stale.Id, fresh.Id], CancellationToken.None);
        Assert.Equal((RunStatus.Completed, 1), byId[fresh.Id]);
        Assert.Equal((RunStatus.Running, 2), byId[stale.Id]); // node B's attempt still owns it
        var jobs = setup.Get<ByteStack.Server.Jobs.JobStore>();
        Assert.Equal(JobState.Active, (await jobs.FindAsync(fresh.JobId, CancellationToken.None))!.State);
        Assert.Equal(JobState.Running, (await jobs.FindAsync(stale.JobId, CancellationToken.None))!.State);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task CommitAsync_WritesTheOtherRuns_WhenOneRunsRowsFailTheBatch(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider, 3);
        var held = (await setup.Runs.ClaimAsync("node-a", 10, T0800, Lease, 3, CancellationToken.None)).OrderBy(r => r.Id).ToList();
        var files = new List<StoredObject>();
        foreach (var run in held)
            files.Add(await setup.Files.StageAsync(run.ProjectId, RunExecutor.ResultKey(run.JobId, run.ScheduledFor), Encoding.UTF8.GetBytes("{}"),
                run.JobId, run.Id, run.Attempt, CancellationToken.None));
        // The middle run's index entry breaks a NOT NULL constraint: its batch fails as a whole.
        files[1] = files[1] with { ETag = null! };
        // All three are in flight, so the batch is written as soon as the three are queued.
        var commits = new GroupCommit(setup.Runs, setup.Files, setup.Index, setup.Get<Outbox>(), setup.Get<ByteStack.Server.Analytics.MentionStore>(), new ByteStack.Server.Hosting.EngineMetrics(), TimeProvider.System, new EngineOptions(), () => held.Count,
            NullLogger.Instance);

        var results = held.Select((run, i) => commits.CommitAsync(new GroupCommit.Entry(run, Success(run), [files[i]], []))).ToList();

        Assert.True(await results[0]);
        await Assert.ThrowsAnyAsync<Exception>(() => results[1]);
        Assert.True(await results[2]);
        var states = await setup.Runs.AttemptsAsync(held.Select(r => r.Id).ToList(), CancellationToken.None);
        Assert.Equal([RunStatus.Completed, RunStatus.Running, RunStatus.Completed], held.Select(r => states[r.Id].Status));
        Assert.NotNull(await setup.Index.GetAsync(held[0].ProjectId, files[0].Key, CancellationToken.None));
        Assert.Null(await setup.Index.GetAsync(held[1].ProjectId, files[1].Key, CancellationToken.None));
        Assert.NotNull(await setup.Index.GetAsync(held[2].ProjectId, files[2].Key, CancellationToken.None));
    }

    /// <summary>A fake clock that says when someone starts waiting on it (the batch's commit delay).</summary>
    private sealed class WatchedClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            TimerCreated.TrySetResult();
            return timer;
        }
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task CommitAsync_WaitsForTheCommitDelay_WhenAnotherHeldRunMayStillJoinTheBatch(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider, 1);
        var run = Assert.Single(await setup.Runs.ClaimAsync("node-a", 10, T0800, Lease, 3, CancellationToken.None));
        var file = await setup.Files.StageAsync(run.ProjectId, RunExecutor.ResultKey(run.JobId, run.ScheduledFor), Encoding.UTF8.GetBytes("{}"),
            run.JobId, run.Id, run.Attempt, CancellationToken.None);
        var clock = new WatchedClock(T0800.AddSeconds(50));
        var options = new EngineOptions { CommitDelay = TimeSpan.FromMilliseconds(5) };
        // The node holds two runs, so the batch may still grow: it waits for the delay, not for the second run.
        var commits = new GroupCommit(setup.Runs, setup.Files, setup.Index, setup.Get<Outbox>(), setup.Get<ByteStack.Server.Analytics.MentionStore>(),
            new ByteStack.Server.Hosting.EngineMetrics(), clock, options, () => 2, NullLogger.Instance);

        var won = commits.CommitAsync(new GroupCommit.Entry(run, Success(run), [file], []));
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30)); // no timer: the batch did not wait
        clock.Advance(TimeSpan.FromMilliseconds(4));
        Assert.False(won.IsCompleted);
        Assert.Equal(RunStatus.Running, (await setup.Runs.AttemptsAsync([run.Id], CancellationToken.None))[run.Id].Status);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(await won);
        Assert.Equal(RunStatus.Completed, (await setup.Runs.AttemptsAsync([run.Id], CancellationToken.None))[run.Id].Status);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task StagingSweeper_PublishesCommittedFiles_RemovesFencedOutOnes_AndKeepsRunningOnes(DatabaseProvider provider)
    {
        await using var setup = await StartAsync(provider, 3);
        var held = (await setup.Runs.ClaimAsync("node-a", 10, T0800, Lease, 3, CancellationToken.None)).OrderBy(r => r.Id).ToList();
        var (crashed, fencedOut, running) = (held[0], held[1], held[2]);
        async Task<StoredObject> StageAsync(Run run, string content) => await setup.Files.StageAsync(run.ProjectId,
            RunExecutor.ResultKey(run.JobId, run.ScheduledFor), Encoding.UTF8.GetBytes(content), run.JobId, run.Id, run.Attempt, CancellationToken.None);

        // Committed, then the node died before moving the file to its key.
        var committed = await StageAsync(crashed, "{\"run\":\"crashed\"}");
        await setup.Runs.CompleteManyAsync([new(crashed, Success(crashed))], CancellationToken.None,
            (transaction, _, ct) => setup.Index.InsertManyAsync(transaction, [committed], ct));
        // Staged, then frozen past its lease: another attempt owns the run now.
        var orphan = await StageAsync(fencedOut, "{\"run\":\"stale\"}");
        await setup.Runs.ReleaseAsync(fencedOut, CancellationToken.None);
        var inFlight = await StageAsync(running, "{\"run\":\"running\"}");

        // Meanwhile a reader already finds the committed file where it was staged.
        Assert.Equal("{\"run\":\"crashed\"}", Encoding.UTF8.GetString((await setup.Files.ReadAsync(committed.ProjectId, committed.Key, CancellationToken.None))!));
        Assert.Equal(2, await setup.Get<StagingSweeper>().RunOnceAsync(CancellationToken.None)); // the running attempt's file stays

        Assert.Equal("{\"run\":\"crashed\"}", await File.ReadAllTextAsync(setup.OnDisk(committed.Key)));
        Assert.False(File.Exists(setup.OnDisk(committed.StagedKey!)));
        Assert.False(File.Exists(setup.OnDisk(orphan.StagedKey!)));
        Assert.False(File.Exists(setup.OnDisk(orphan.Key)));
        Assert.True(File.Exists(setup.OnDisk(inFlight.StagedKey!)));
        Assert.Null(await setup.Index.GetAsync(fencedOut.ProjectId, orphan.Key, CancellationToken.None));
    }
}
