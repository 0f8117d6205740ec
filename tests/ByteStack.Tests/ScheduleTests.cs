using System.Text.Json;
using ByteStack.Server.Scheduling;

namespace ByteStack.Tests;

public sealed class ScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 7, 59, 30, TimeSpan.Zero);

    /// <summary>As a request reads it: the JSON into <see cref="ScheduleInput"/> (a wrong JSON type fails there), then the schedule.</summary>
    private static bool TryParseJson(string json, out Schedule schedule, out string error)
    {
        schedule = null!;
        ScheduleInput? input;
        try
        {
            input = JsonSerializer.Deserialize<ScheduleInput>(json, ByteStackJson.Options);
        }
        catch (JsonException e)
        {
            error = e.Message;
            return false;
        }
        if (input is null)
        {
            error = "A schedule is required.";
            return false;
        }
        return Schedule.TryParse(input, out schedule, out error);
    }

    [Theory]
    [InlineData("\"every_hour\"", ScheduleType.Interval, "every_hour", "2026-04-30T08:00:00Z", "2026-04-30T09:00:00Z")]
    [InlineData("\"EVERY_HOUR\"", ScheduleType.Interval, "every_hour", "2026-04-30T08:00:00Z", "2026-04-30T09:00:00Z")]
    [InlineData("\"every_6_hours\"", ScheduleType.Interval, "every_6_hours", "2026-04-30T12:00:00Z", "2026-04-30T18:00:00Z")]
    [InlineData("\"every_12_hours\"", ScheduleType.Interval, "every_12_hours", "2026-04-30T12:00:00Z", "2026-05-01T00:00:00Z")]
    [InlineData("\"daily\"", ScheduleType.Interval, "daily", "2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z")]
    [InlineData("\"0 8 * * *\"", ScheduleType.Cron, "0 8 * * *", "2026-04-30T08:00:00Z", "2026-05-01T08:00:00Z")]
    [InlineData("{\"type\":\"interval\",\"interval\":\"daily\"}", ScheduleType.Interval, "daily", "2026-05-01T00:00:00Z", "2026-05-02T00:00:00Z")]
    [InlineData("{\"type\":\"cron\",\"expression\":\"0 8 * * *\"}", ScheduleType.Cron, "0 8 * * *", "2026-04-30T08:00:00Z", "2026-05-01T08:00:00Z")]
    [InlineData("{\"type\":\"CRON\",\"expression\":\"@hourly\"}", ScheduleType.Cron, "@hourly", "2026-04-30T08:00:00Z", "2026-04-30T09:00:00Z")]
    public void TryParse_AcceptsEveryForm(string json, ScheduleType type, string value, string first, string second)
    {
        Assert.True(TryParseJson(json, out var schedule, out var error), error);

        Assert.Equal(type, schedule.Type);
        Assert.Equal(value, schedule.Value);
        Assert.Equal([DateTimeOffset.Parse(first), DateTimeOffset.Parse(second)], schedule.NextOccurrences(Now, 2));
    }

    [Theory]
    [InlineData("every_hour", "At the top of every hour")]
    [InlineData("every_6_hours", "At 00:00, 06:00, 12:00 and 18:00 UTC every day")]
    [InlineData("every_12_hours", "At 00:00 and 12:00 UTC every day")]
    [InlineData("daily", "At 00:00 UTC every day")]
    public void Interval_DescribesItself(string interval, string description) =>
        Assert.Equal(description, Schedule.Interval(interval).Description);

    [Theory]
    [InlineData("\"weekly\"")]
    [InlineData("{\"type\":\"interval\"}")]
    [InlineData("{\"type\":\"interval\",\"interval\":7}")]
    [InlineData("{\"type\":\"cron\",\"expression\":\"0 0 30 2 *\"}")]
    [InlineData("{\"expression\":\"0 8 * * *\"}")]
    [InlineData("[\"daily\"]")]
    [InlineData("null")]
    [InlineData("true")]
    public void TryParse_Rejects_WithAMessage(string json)
    {
        Assert.False(TryParseJson(json, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void FromStored_RebuildsTheSameSchedule()
    {
        Assert.True(Schedule.TryParseString("*/5 9-17 * * 1-5", out var original, out _));

        var stored = Schedule.FromStored(original.Type, original.Value);

        Assert.Equal(original.Description, stored.Description);
        Assert.Equal(original.NextOccurrences(Now, 20), stored.NextOccurrences(Now, 20));
    }
}
