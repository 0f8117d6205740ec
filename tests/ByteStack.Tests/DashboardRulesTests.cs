using ByteStack.Server.Analytics;
using ByteStack.Server.Dashboard;
using ByteStack.Server.Dashboard.Jobs;
using ByteStack.Server.Jobs;

namespace ByteStack.Tests;

/// <summary>The dashboard's and analytics' pure rules: times in words, schedule presets, safe redirects, search patterns, periods.</summary>
public sealed class DashboardRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 7, 59, 30, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "in a few seconds")]
    [InlineData(-30, "just now")]
    [InlineData(60, "in 1 minute")]
    [InlineData(-300, "5 minutes ago")]
    [InlineData(7200, "in 2 hours")]
    [InlineData(-86400 * 3, "3 days ago")]
    public void Relative_DescribesTheDistance_WhenTheInstantIsNearOrFar(int seconds, string expected) =>
        Assert.Equal(expected, Display.Relative(Now.AddSeconds(seconds), Now));

    [Fact]
    public void Utc_ShowsTheZone_WhenFormattingAnInstant() =>
        Assert.Equal("2026-04-30 07:59:30 UTC", Display.Utc(Now.ToOffset(TimeSpan.FromHours(2))));

    [Theory]
    [InlineData("every_hour", "", "", "every_hour")]
    [InlineData("daily", "", "", "daily")]
    [InlineData("daily_at", "08:30", "", "30 8 * * *")]
    [InlineData("daily_at", "00:05", "", "5 0 * * *")]
    [InlineData("custom", "", " 0 8 * * 1-5 ", "0 8 * * 1-5")]
    public void ScheduleText_IsTheApiSchedule_WhenThePresetIsComplete(string preset, string time, string cron, string expected)
    {
        var (schedule, error) = JobFormInput.ScheduleText(preset, time, cron);
        Assert.Null(error);
        Assert.Equal(expected, schedule);
    }

    [Theory]
    [InlineData("daily_at", "25:00", "")]
    [InlineData("daily_at", "", "")]
    [InlineData("custom", "", "  ")]
    [InlineData("weekly", "", "")]
    public void ScheduleText_SaysWhatIsMissing_WhenThePresetIsIncomplete(string preset, string time, string cron)
    {
        var (schedule, error) = JobFormInput.ScheduleText(preset, time, cron);
        Assert.Null(schedule);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("/jobs/job_1?x=1", "/jobs/job_1?x=1")]
    [InlineData("//evil.example/", "/jobs")]
    [InlineData("/\\evil.example/", "/jobs")]
    [InlineData("https://evil.example/", "/jobs")]
    [InlineData("", "/jobs")]
    [InlineData(null, "/jobs")]
    public void SafeReturn_StaysOnThisSite_WhateverTheLinkSays(string? url, string expected) =>
        Assert.Equal(expected, SignIn.SafeReturn(url));

    [Theory]
    [InlineData(null, null)]
    [InlineData("  ", null)]
    [InlineData("Acme", "%acme%")]
    [InlineData("50%_off", "%50\\%\\_off%")]
    [InlineData("a\\b", "%a\\\\b%")]
    public void LikePattern_EscapesWildcards_WhenSearching(string? search, string? expected) =>
        Assert.Equal(expected, JobStore.LikePattern(search));

    [Fact]
    public void Resolve_DefaultsToTheLastSevenDaysByDay_WhenNothingIsGiven()
    {
        var (period, _, error) = AnalyticsRules.Resolve(null, null, null, Now);
        Assert.Null(error);
        Assert.Equal(new AnalyticsPeriod(Now.AddDays(-7), Now, AnalyticsInterval.Day), period);
    }

    [Theory]
    [InlineData("2026-04-29T08:00:00Z", "2026-04-30T08:00:00Z", null, AnalyticsInterval.Hour)]
    [InlineData("2026-04-01", "2026-04-30", null, AnalyticsInterval.Day)]
    [InlineData("2026-04-29", "2026-04-29", "day", AnalyticsInterval.Day)]
    public void Resolve_PicksTheInterval_WhenThePeriodIsShortOrLong(string from, string to, string? interval, AnalyticsInterval expected) =>
        Assert.Equal(expected, AnalyticsRules.Resolve(from, to, interval, Now).Period!.Interval);

    [Fact]
    public void Resolve_ReadsAPlainToDateAsTheWholeDay_WhenGivenADate() =>
        Assert.Equal(new DateTimeOffset(2026, 4, 30, 0, 0, 0, TimeSpan.Zero), AnalyticsRules.Resolve("2026-04-29", "2026-04-29", null, Now).Period!.To);

    [Fact]
    public void Buckets_CoverThePeriodAlignedToUtcHours_WhenItStartsMidHour()
    {
        var buckets = AnalyticsRules.Buckets(new AnalyticsPeriod(Now.AddHours(-3), Now, AnalyticsInterval.Hour));
        Assert.Equal([new(2026, 4, 30, 4, 0, 0, TimeSpan.Zero), new(2026, 4, 30, 5, 0, 0, TimeSpan.Zero), new(2026, 4, 30, 6, 0, 0, TimeSpan.Zero), new(2026, 4, 30, 7, 0, 0, TimeSpan.Zero)], buckets);
    }

    [Theory]
    [InlineData(15, 10, 50.0)]
    [InlineData(5, 10, -50.0)]
    [InlineData(10, 10, 0.0)]
    [InlineData(3, 0, null)]
    public void Change_IsAPercentageOrNothing_WhenThePreviousPeriodHadNone(long current, long previous, double? expected) =>
        Assert.Equal(expected, AnalyticsRules.Change(current, previous));
}
