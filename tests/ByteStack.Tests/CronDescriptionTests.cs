using ByteStack.Server.Scheduling;

namespace ByteStack.Tests;

public sealed class CronDescriptionTests
{
    [Theory]
    [InlineData("0 8 * * *", "At 08:00 UTC every day")]
    [InlineData("30 14 * * *", "At 14:30 UTC every day")]
    [InlineData("* * * * *", "Every minute")]
    [InlineData("*/15 * * * *", "Every 15 minutes")]
    [InlineData("*/10 9-17 * * 1-5", "Every 10 minutes from 09:00 to 17:59 UTC on Monday through Friday")]
    [InlineData("* 9 * * *", "Every minute from 09:00 to 09:59 UTC")]
    [InlineData("0 * * * *", "At the top of every hour")]
    [InlineData("5 * * * *", "At minute 5 past every hour")]
    [InlineData("0 */6 * * *", "At 00:00, 06:00, 12:00 and 18:00 UTC every day")]
    [InlineData("0 */2 * * *", "At minute 0 past every 2 hours (UTC)")]
    [InlineData("0 9-17 * * *", "At minute 0 past the hours 09:00 to 17:00 UTC every day")]
    [InlineData("0,30 * * * *", "Every 30 minutes")]
    [InlineData("0,20,45 * * * *", "At minutes 0, 20 and 45 past every hour")]
    [InlineData("0 8 * * 1-5", "At 08:00 UTC on Monday through Friday")]
    [InlineData("0 8 * * MON,WED,FRI", "At 08:00 UTC on Monday, Wednesday and Friday")]
    [InlineData("0 0 * * 7", "At 00:00 UTC on Sunday")]
    [InlineData("0 9 1 * *", "At 09:00 UTC on day 1 of the month")]
    [InlineData("0 9 1,15 * *", "At 09:00 UTC on days 1 and 15 of the month")]
    [InlineData("0 0 1 1 *", "At 00:00 UTC on day 1 of the month, in January")]
    [InlineData("0 0 * 6-8 *", "At 00:00 UTC every day, in June to August")]
    [InlineData("0 0 13 * 5", "At 00:00 UTC on day 13 of the month or on Friday")]
    [InlineData("0 0 */2 * 1", "At 00:00 UTC on days 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29 and 31 of the month that fall on Monday")]
    [InlineData("@daily", "At 00:00 UTC every day")]
    [InlineData("@weekly", "At 00:00 UTC on Sunday")]
    [InlineData("@monthly", "At 00:00 UTC on day 1 of the month")]
    [InlineData("@yearly", "At 00:00 UTC on day 1 of the month, in January")]
    public void Describe_ReadsAsPlainEnglish(string expression, string expected)
    {
        Assert.True(CronExpression.TryParse(expression, out var cron, out _));

        Assert.Equal(expected, CronDescription.Describe(cron.Fields));
    }
}
