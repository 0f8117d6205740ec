using ByteStack.Server.Jobs;
using ByteStack.Server.Queries;
using ByteStack.Server.Runs;

namespace ByteStack.Server.Scheduling;

/// <summary>A row the scheduler writes for one job: a run to execute, or a history row.</summary>
public sealed record PlannedRow(DateTimeOffset ScheduledFor, RunTrigger Trigger, RunStatus Status, int? MissedCount = null);

/// <summary>What the scheduler does for one due job: the rows to write and the job's new next sync.</summary>
public sealed record Materialization(IReadOnlyList<PlannedRow> Rows, DateTimeOffset? NextSyncAt);

/// <summary>
/// The scheduling rules of SPEC §3 as pure functions of a job, its schedule and <c>now</c>:
/// every occurrence leaves a row; occurrences that passed while no node was up collapse into
/// one <c>catch_up</c> run plus one <c>missed</c> row saying how many; an occurrence that comes
/// while the job is still running leaves a <c>skipped</c> row.
/// </summary>
public static class Occurrences
{
    /// <summary>Counting missed slots stops here (a per-minute job down for months).</summary>
    public const int MaxCounted = 100_000;

    public static Materialization Plan(Schedule schedule, DateTimeOffset nextSyncAt, bool jobIsRunning, DateTimeOffset now)
    {
        if (nextSyncAt > now) return new Materialization([], nextSyncAt);

        var first = nextSyncAt;
        var last = nextSyncAt;
        var count = 1;
        while (count < MaxCounted && schedule.NextAfter(last) is { } slot && slot <= now)
        {
            last = slot;
            count++;
        }
        // Past the counting cap the catch-up run still stands for the latest slot, not an old one.
        if (count == MaxCounted && Previous(schedule, now.AddTicks(1)) is { } latest && latest > last) last = latest;

        var rows = new List<PlannedRow>();
        if (count > 1) rows.Add(new PlannedRow(first, RunTrigger.CatchUp, RunStatus.Missed, count - 1));
        rows.Add(jobIsRunning
            ? new PlannedRow(last, count > 1 ? RunTrigger.CatchUp : RunTrigger.Schedule, RunStatus.Skipped)
            : new PlannedRow(last, count > 1 ? RunTrigger.CatchUp : RunTrigger.Schedule, RunStatus.Pending));
        return new Materialization(rows, schedule.NextAfter(now));
    }

    /// <summary>The latest occurrence strictly before <paramref name="at"/>, looking back at most one calendar cycle.</summary>
    public static DateTimeOffset? Previous(Schedule schedule, DateTimeOffset at)
    {
        TimeSpan[] lookBacks = [TimeSpan.FromHours(2), TimeSpan.FromDays(2), TimeSpan.FromDays(35), TimeSpan.FromDays(400), TimeSpan.FromDays(366 * 8),
            TimeSpan.FromDays(146_097)]; // 400 Gregorian years: the rarest schedule fires once in that span
        foreach (var lookBack in lookBacks)
        {
            if (at - DateTimeOffset.MinValue <= lookBack) break;
            DateTimeOffset? previous = null;
            for (var t = schedule.NextAfter(at - lookBack); t is { } slot && slot < at; t = schedule.NextAfter(slot)) previous = slot;
            if (previous is not null) return previous;
        }
        return null;
    }

    /// <summary>
    /// The window a run looks at (SPEC §3): the job's explicit date range; else the prompt's phrase
    /// ("today", "last 7 days", …) resolved at the occurrence; else the time since the previous occurrence.
    /// </summary>
    /// <remarks>
    /// A catch-up run passes the first slot it stands for as <paramref name="firstMissed"/>: its window
    /// then starts at the slot before that one, so the posts of the missed slots are not lost.
    /// </remarks>
    public static TimeWindow Window(Job job, DateTimeOffset scheduledFor, DateTimeOffset? firstMissed = null)
    {
        if (job.DateRange is { } range) return QueryFields.ToWindow(range);
        if (RulePlanner.ResolveWindow(job.Prompt, scheduledFor) is { } phrase) return phrase;
        var first = firstMissed ?? scheduledFor;
        return RulePlanner.SincePreviousRun(Previous(job.Schedule, first), first.AddDays(-1), scheduledFor);
    }

    /// <summary>
    /// The job's state once a run ends. A job the run moved to <c>running</c> moves on: to
    /// <c>active</c>, or to <c>failed</c>, which stops it until resumed. A job resumed while the run
    /// went on (<c>active</c>) still learns of the run's failure. A job paused or failed in the
    /// meantime keeps the state its user gave it.
    /// </summary>
    public static JobState AfterRun(JobState current, bool succeeded) => current switch
    {
        JobState.Running => succeeded ? JobState.Active : JobState.Failed,
        JobState.Active when !succeeded => JobState.Failed,
        _ => current,
    };
}
