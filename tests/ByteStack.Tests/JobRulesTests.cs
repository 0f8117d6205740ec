using ByteStack.Server.Jobs;
using ByteStack.Server.Scheduling;

namespace ByteStack.Tests;

public sealed class JobRulesTests
{
    private static readonly DateTimeOffset Created = new(2026, 4, 30, 7, 59, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = new(2026, 5, 3, 14, 20, 0, TimeSpan.Zero);

    private static Job NewJob(string schedule = "every_hour") =>
        JobRules.Create("prj_x", new JobDraft("n", "p", ["x"], Schedule.Interval(schedule), 100, null, null), Created);

    [Fact]
    public void Create_StartsActive_WithNextSyncAfterNow()
    {
        var job = NewJob();

        Assert.Equal(JobState.Active, job.State);
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero), job.NextSyncAt);
        Assert.Null(job.LastSyncAt);
        Assert.StartsWith("job_", job.Id);
    }

    [Theory]
    [InlineData(JobState.Active, JobState.Paused, false)]
    [InlineData(JobState.Running, JobState.Paused, false)]
    [InlineData(JobState.Failed, JobState.Paused, false)]
    [InlineData(JobState.Paused, JobState.Paused, false)]
    public void Pause_StopsScheduling(JobState from, JobState to, bool hasNext)
    {
        var job = from == JobState.Paused ? JobRules.Pause(NewJob(), Created) : NewJob() with { State = from };

        var paused = JobRules.Pause(job, Later);

        Assert.Equal(to, paused.State);
        Assert.Equal(hasNext, paused.NextSyncAt is not null);
    }

    [Theory]
    [InlineData(JobState.Paused, JobState.Active, "2026-05-03T15:00:00Z")]
    [InlineData(JobState.Failed, JobState.Active, "2026-05-03T15:00:00Z")]
    [InlineData(JobState.Active, JobState.Active, "2026-04-30T08:00:00Z")]
    [InlineData(JobState.Running, JobState.Running, "2026-04-30T08:00:00Z")]
    public void Resume_ComputesNextFromNow_WithoutBurst(JobState from, JobState to, string next)
    {
        var job = NewJob() with { State = from, Failure = from == JobState.Failed ? "every source unavailable" : null };

        var resumed = JobRules.Resume(job, Later);

        Assert.Equal(to, resumed.State);
        Assert.Equal(DateTimeOffset.Parse(next), resumed.NextSyncAt);
        if (from == JobState.Failed) Assert.Null(resumed.Failure);
    }

    [Fact]
    public void Apply_NewSchedule_CountsFromNow_NeverRetroactively()
    {
        var edited = JobRules.Apply(NewJob(), new JobPatch(Schedule: Schedule.Interval("daily")), Later);

        Assert.Equal(new DateTimeOffset(2026, 5, 4, 0, 0, 0, TimeSpan.Zero), edited.NextSyncAt);
        Assert.Equal(Later, edited.UpdatedAt);
        Assert.Equal(Created, edited.CreatedAt);
    }

    [Fact]
    public void Apply_NewScheduleOnPausedJob_KeepsItPaused()
    {
        var paused = JobRules.Pause(NewJob(), Created);

        var edited = JobRules.Apply(paused, new JobPatch(Schedule: Schedule.Interval("daily")), Later);

        Assert.Equal(JobState.Paused, edited.State);
        Assert.Null(edited.NextSyncAt);
    }

    [Fact]
    public void Apply_ChangesOnlyWhatWasSent_AndClearsWithNull()
    {
        var job = NewJob() with { WebhookUrl = "https://h.example.com", DateRange = new DateRange(Created, Later) };

        var edited = JobRules.Apply(job, new JobPatch(Name: "renamed", WebhookUrl: new(true, null)), Later);

        Assert.Equal("renamed", edited.Name);
        Assert.Equal(job.Prompt, edited.Prompt);
        Assert.Equal(job.Sources, edited.Sources);
        Assert.Equal(job.Limit, edited.Limit);
        Assert.Null(edited.WebhookUrl);
        Assert.Equal(job.DateRange, edited.DateRange);
        Assert.Equal(job.NextSyncAt, edited.NextSyncAt);
    }

    [Theory]
    [InlineData(JobState.Paused, JobState.Paused)]
    [InlineData(JobState.Active, JobState.Active)]
    public void Apply_StateField_PausesOrResumes(JobState requested, JobState expected)
    {
        var start = requested == JobState.Active ? JobRules.Pause(NewJob(), Created) : NewJob();

        var edited = JobRules.Apply(start, new JobPatch(State: requested), Later);

        Assert.Equal(expected, edited.State);
        Assert.Equal(expected == JobState.Active ? new DateTimeOffset(2026, 5, 3, 15, 0, 0, TimeSpan.Zero) : null, edited.NextSyncAt);
    }
}
