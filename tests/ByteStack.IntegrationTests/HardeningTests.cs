using System.Net;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>
/// What a hostile client tried (issue 10), each through real HTTP: far-future dates, schedules
/// that fire once in decades, sloppy query numbers, odd methods and hosts, secrets in URLs.
/// </summary>
public sealed class HardeningTests(Servers servers) : IClassFixture<Servers>
{
    private const string DailyJob = """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily"}""";

    public static TheoryData<string> FarDates() => ["9999-12-31", "9990-01-01", "2100-01-01", "1969-12-31", "0001-01-01"];

    [Theory, MemberData(nameof(FarDates))]
    public async Task Timeline_Answers422_WhenDateIsOutsideTheDocumentedRange(string date)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        // An active job: its cron look-ahead is what overflowed near year 9999.
        var job = (await (await client.PostJsonAsync("/v1/jobs", DailyJob)).ReadJsonAsync()).Str("id");

        foreach (var path in new[] { $"/v1/timeline?date={date}", $"/v1/jobs/{job}/timeline?date={date}&tz=Pacific/Kiritimati" })
        {
            var response = await client.GetAsync(path);

            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("invalid_date", problem.Str("code"));
            Assert.Contains("2099-12-31", problem.Str("detail"));
        }
    }

    [Theory]
    [InlineData("2099-12-31", "Pacific/Kiritimati")]
    [InlineData("1970-01-01", "America/Los_Angeles")]
    public async Task Timeline_Answers200_AtTheEdgesOfTheRange(string date, string tz)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        await client.PostJsonAsync("/v1/jobs", DailyJob);

        var response = await client.GetAsync($"/v1/timeline?date={date}&tz={tz}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upcoming = (await response.ReadJsonAsync()).GetProperty("upcoming").GetArrayLength();
        Assert.Equal(date.StartsWith("2099") ? 1 : 0, upcoming);
    }

    [Fact]
    public async Task SchedulePreview_ShowsRunsDecadesApart_WhenTheScheduleIsRare()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        // 29 February on a Sunday: 2032, 2060, 2088, then 2128 (2100 is no leap year).
        var preview = await (await client.GetAsync("/v1/schedules/preview?schedule=0%200%2029%202%20*/7&count=4")).ReadJsonAsync();

        Assert.Equal(["2032-02-29T00:00:00Z", "2060-02-29T00:00:00Z", "2088-02-29T00:00:00Z", "2128-02-29T00:00:00Z"],
            preview.GetProperty("next").EnumerateArray().Select(n => n.GetString()));
    }

    public static TheoryData<string> PrivateHostForms() =>
    [
        "http://127.0.0.1.:9/hook", "http://localhost.:9/hook", "http://2130706433:9/hook", "http://0177.0.0.1:9/hook",
        "http://0x7f.0.0.1:9/hook", "http://0x7f000001:9/hook", "http://127.1:9/hook", "http://10.0.0.1.:9/hook",
        "http://169.254.169.254./latest", "http://[::ffff:127.0.0.1]:9/hook", "http://[::ffff:7f00:1]:9/hook",
        "http://[::127.0.0.1]:9/hook", "http://[fe80::1%25eth0]:9/hook", "http://[::1]:9/hook",
    ];

    [Theory, MemberData(nameof(PrivateHostForms))]
    public async Task Webhooks_Answer422_ForPrivateHostsInAnyForm(string url)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var webhook = await client.PostJsonAsync("/v1/webhooks", $$"""{"url":"{{url}}"}""");
        var job = await client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","webhook_url":"{{url}}"}""");

        Assert.Equal((422, "private_network_target"), ((int)webhook.StatusCode, (await webhook.ReadJsonAsync()).Str("code")));
        Assert.Equal((422, "private_network_target"), ((int)job.StatusCode, (await job.ReadJsonAsync()).Str("code")));
        Assert.Equal(0, (await (await client.GetAsync("/v1/webhooks")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }
}
