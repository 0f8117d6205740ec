using ByteStack.Server.Jobs;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;

namespace ByteStack.Tests;

/// <summary>The scheduling state machine of SPEC §3, as tables over a fixed clock.</summary>
public sealed class OccurrencesTests
{
    private static DateTimeOffset At(string hhmm, int day = 30) =>
        new(2026, 4, day, int.Parse(hhmm[..2]), int.Parse(hhmm[3..]), 0, TimeSpan.Zero);

    public static TheoryData<string, string, string, bool, string, string?> Plans() => new()
    {
        // schedule, next_sync_at, now, job running, expected rows ("status/trigger@HH:MM[xN]"), next sync
        { "every_hour", "08:00", "07:59", false, "", "08:00" },
        { "every_hour", "08:00", "08:00", false, "pending/schedule@08:00", "09:00" },
        { "every_hour", "08:00", "08:59", false, "pending/schedule@08:00", "09:00" },
        { "every_hour", "08:00", "09:00", false, "missed/catch_up@08:00x1 pending/catch_up@09:00", "10:00" },
        { "every_hour", "08:00", "12:30", false, "missed/catch_up@08:00x4 pending/catch_up@12:00", "13:00" },
        { "every_hour", "08:00", "08:10", true, "skipped/schedule@08:00", "09:00" },
        { "every_hour", "08:00", "10:10", true, "missed/catch_up@08:00x2 skipped/catch_up@10:00", "11:00" },
        { "every_6_hours", "12:00", "23:59", false, "missed/catch_up@12:00x1 pending/catch_up@18:00", "00:00+1" },
        { "daily", "00:00", "00:00", false, "pending/schedule@00:00", "00:00+1" },
        { "*/15 * * * *", "08:00", "08:44", false, "missed/catch_up@08:00x2 pending/catch_up@08:30", "08:45" },
        { "30 9 * * 1-5", "09:30", "09:31", false, "pending/schedule@09:30", "09:30+1" },
    };

    [Theory, MemberData(nameof(Plans))]
    public void Plan_WritesOneRowPerOccurrence_CoalescingDowntime(string schedule, string next, string now, bool running, string rows, string? expectedNext)
    {
        Assert.True(Schedule.TryParseString(schedule, out var s, out _));

        var plan = Occurrences.Plan(s, At(next), running, At(now));

        var written = string.Join(' ', plan.Rows.Select(r =>
            $"{RunStore.Name(r.Status)}/{RunStore.Name(r.Trigger)}@{r.ScheduledFor:HH:mm}{(r.MissedCount is { } n ? $"x{n}" : "")}"));
        Assert.Equal(rows, written);
        var expected = expectedNext is null ? (DateTimeOffset?)null
            : expectedNext.EndsWith("+1") ? At(expectedNext[..5]).AddDays(1) : At(expectedNext);
        Assert.Equal(expected, plan.NextSyncAt);
    }

    [Fact]
    public void Plan_AfterMonthsOfDowntime_StillWritesTwoRows()
    {
        Assert.True(Schedule.TryParseString("* * * * *", out var everyMinute, out _));

        var plan = Occurrences.Plan(everyMinute, At("00:00", 1), false, At("00:00", 1).AddDays(90));

        Assert.Equal(2, plan.Rows.Count);
        Assert.Equal(Occurrences.MaxCounted - 1, plan.Rows[0].MissedCount);
        // Counting stops at the cap, but the catch-up run still stands for the latest slot.
        Assert.Equal((RunStatus.Pending, At("00:00", 1).AddDays(90)), (plan.Rows[1].Status, plan.Rows[1].ScheduledFor));
        Assert.Equal(At("00:01", 1).AddDays(90), plan.NextSyncAt);
    }

    [Fact]
    public void CatchUpWindow_StartsAtTheSlotBeforeTheFirstMissedOne()
    {
        var job = JobRules.Create("prj_x", new JobDraft("n", "Acme mentions", ["x"], Schedule.Interval("every_hour"), 100, null, null), At("07:00"));

        // The node was down from 08:00 to 12:30: the catch-up run at 12:00 stands for 08:00–12:00.
        var window = Occurrences.Window(job, At("12:00"), firstMissed: At("08:00"));

        Assert.Equal((At("07:00"), At("12:00")), (window.From, window.To));
    }

    [Theory]
    [InlineData("every_hour", "08:00", "07:00")]
    [InlineData("every_hour", "08:30", "08:00")]
    [InlineData("daily", "00:00", "00:00")] // previous day
    [InlineData("0 9 * * 1-5", "09:00", "09:00")] // Thursday → Wednesday
    public void Previous_IsTheOccurrenceBefore(string schedule, string at, string previous)
    {
        Assert.True(Schedule.TryParseString(schedule, out var s, out _));
        var expected = At(previous, at == previous ? 29 : 30);

        Assert.Equal(expected, Occurrences.Previous(s, At(at)));
    }

    [Theory]
    [InlineData(JobState.Running, true, JobState.Active)]
    [InlineData(JobState.Running, false, JobState.Failed)]
    [InlineData(JobState.Paused, true, JobState.Paused)]
    [InlineData(JobState.Paused, false, JobState.Paused)]
    [InlineData(JobState.Active, true, JobState.Active)]
    [InlineData(JobState.Active, false, JobState.Failed)]
    [InlineData(JobState.Failed, true, JobState.Failed)]
    [InlineData(JobState.Failed, false, JobState.Failed)]
    public void AfterRun_MovesARunningOrResumedJobAndLeavesTheUsersStates(JobState before, bool succeeded, JobState after) =>
        Assert.Equal(after, Occurrences.AfterRun(before, succeeded));

    [Theory]
    [InlineData("How many times was Acme mentioned today?", null, "2026-04-30T00:00:00Z", "2026-04-30T08:00:00Z")]
    [InlineData("Acme in the last 24 hours", null, "2026-04-29T08:00:00Z", "2026-04-30T08:00:00Z")]
    [InlineData("Acme mentions", null, "2026-04-30T07:00:00Z", "2026-04-30T08:00:00Z")]
    [InlineData("Acme today", "2026-04-01", "2026-04-01T00:00:00Z", "2026-04-02T00:00:00Z")]
    public void Window_IsTheRangeThenThePhraseThenSincePreviousOccurrence(string prompt, string? rangeDay, string from, string to)
    {
        var range = rangeDay is null ? null
            : new DateRange(DateTimeOffset.Parse(rangeDay + "T00:00:00Z"), DateTimeOffset.Parse(rangeDay + "T23:59:59Z"));
        var job = JobRules.Create("prj_x", new JobDraft("n", prompt, ["x"], Schedule.Interval("every_hour"), 100, range, null), At("07:00"));

        var window = Occurrences.Window(job, At("08:00"));

        Assert.Equal(DateTimeOffset.Parse(from), window.From);
        Assert.Equal(DateTimeOffset.Parse(to), window.To);
    }

    public static TheoryData<string, string, string> RareSchedules() => new()
    {
        // schedule, the occurrence just run, the job's next sync after it
        { "0 0 29 2 */7", "2032-02-29T00:00:00Z", "2060-02-29T00:00:00Z" },
        { "0 0 29 2 */7", "2088-02-29T00:00:00Z", "2128-02-29T00:00:00Z" },
        { "0 0 29 2 *", "2096-02-29T00:00:00Z", "2104-02-29T00:00:00Z" },
        { "@yearly", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z" },
    };

    [Theory, MemberData(nameof(RareSchedules))]
    public void Plan_KeepsARareScheduleGoing_WhenItsNextRunIsDecadesAway(string expression, string ran, string expectedNext)
    {
        Assert.True(Schedule.TryParseString(expression, out var schedule, out _));
        var slot = DateTimeOffset.Parse(ran, System.Globalization.CultureInfo.InvariantCulture);

        var plan = Occurrences.Plan(schedule, slot, jobIsRunning: false, now: slot.AddSeconds(30));

        Assert.Equal(DateTimeOffset.Parse(expectedNext, System.Globalization.CultureInfo.InvariantCulture), plan.NextSyncAt);
        Assert.Equal(slot, Occurrences.Previous(schedule, DateTimeOffset.Parse(expectedNext, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("* * * * *", "9999-12-31T23:59:59Z")]
    [InlineData("0 0 29 2 */7", "8999-06-01T00:00:00Z")]
    [InlineData("daily", "9000-01-01T00:00:00Z")]
    public void NextAfter_IsNullWithoutOverflow_NearTheEndOfTheCalendar(string expression, string after)
    {
        Assert.True(Schedule.TryParseString(expression, out var schedule, out _));
        var at = DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture);

        var next = schedule.NextAfter(at);

        Assert.True(next is null || next < CronExpression.SearchEnd.AddYears(CronExpression.HorizonYears));
        Assert.Null(schedule.NextAfter(CronExpression.SearchEnd));
    }
}
