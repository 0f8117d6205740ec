using System.Net;
using System.Text.Json;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

public sealed class JobsApiTests(Servers servers) : IClassFixture<Servers>
{
    private const string Job = """{"name":"Acme on X","prompt":"How many times was Acme mentioned on X today?","sources":["x"],"schedule":"daily"}""";

    private static string WithSchedule(string scheduleJson) =>
        $$"""{"name":"Acme","prompt":"Acme mentions","sources":["x","reddit"],"schedule":{{scheduleJson}}}""";

    public static TheoryData<DatabaseProvider, string, string, string, string, string> ScheduleForms()
    {
        // The clock stands at 2026-04-30T07:59:30Z (a Thursday).
        var forms = new (string Json, string Type, string Value, string Description, string Next)[]
        {
            ("\"every_hour\"", "interval", "every_hour", "At the top of every hour", "2026-04-30T08:00:00Z"),
            ("\"every_6_hours\"", "interval", "every_6_hours", "At 00:00, 06:00, 12:00 and 18:00 UTC every day", "2026-04-30T12:00:00Z"),
            ("\"every_12_hours\"", "interval", "every_12_hours", "At 00:00 and 12:00 UTC every day", "2026-04-30T12:00:00Z"),
            ("\"daily\"", "interval", "daily", "At 00:00 UTC every day", "2026-05-01T00:00:00Z"),
            ("\"0 8 * * *\"", "cron", "0 8 * * *", "At 08:00 UTC every day", "2026-04-30T08:00:00Z"),
            ("{\"type\":\"interval\",\"interval\":\"every_6_hours\"}", "interval", "every_6_hours", "At 00:00, 06:00, 12:00 and 18:00 UTC every day", "2026-04-30T12:00:00Z"),
            ("{\"type\":\"cron\",\"expression\":\"30 9 * * MON-FRI\"}", "cron", "30 9 * * MON-FRI", "At 09:30 UTC on Monday through Friday", "2026-04-30T09:30:00Z"),
            ("\"@weekly\"", "cron", "@weekly", "At 00:00 UTC on Sunday", "2026-05-03T00:00:00Z"),
        };
        var data = new TheoryData<DatabaseProvider, string, string, string, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            foreach (var f in forms) data.Add(provider, f.Json, f.Type, f.Value, f.Description, f.Next);
        return data;
    }

    [Theory, MemberData(nameof(ScheduleForms))]
    public async Task Create_AnswersScheduleAndNextSync_ForEveryScheduleForm(
        DatabaseProvider provider, string scheduleJson, string type, string value, string description, string next)
    {
        var server = await servers.Get(provider);
        server.Clock.Now = RunningServer.DefaultNow;
        var client = await server.NewProjectClientAsync();

        var response = await client.PostJsonAsync("/v1/jobs", WithSchedule(scheduleJson));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var job = await response.ReadJsonAsync();
        var schedule = job.GetProperty("schedule");
        Assert.Equal(type, schedule.Str("type"));
        Assert.Equal(value, schedule.Str(type == "interval" ? "interval" : "expression"));
        Assert.Equal(description, schedule.Str("description"));
        Assert.Equal(next, job.Str("next_sync_at"));
        Assert.Equal("active", job.Str("state"));
        Assert.Equal(JsonValueKind.Null, job.GetProperty("last_sync_at").ValueKind);
        Assert.Equal($"/v1/jobs/{job.Str("id")}", response.Headers.Location!.OriginalString);

        // What was stored reads back the same.
        var read = await (await client.GetAsync($"/v1/jobs/{job.Str("id")}")).ReadJsonAsync();
        Assert.Equal(job.GetRawText(), read.GetRawText());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Create_StoresEveryField_WithDefaults(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        server.Clock.Now = RunningServer.DefaultNow;
        var client = await server.NewProjectClientAsync();

        var created = await (await client.PostJsonAsync("/v1/jobs", """
            {"name":"  Acme weekly ","prompt":"Sentiment around Acme","sources":["hackernews","rss:https://example.com/feed.xml","hackernews"],
             "schedule":"0 8 * * 1","limit":250,"date_range":{"from":"2026-04-24T00:00:00Z","to":"2026-04-30T23:59:59Z"},
             "webhook_url":"https://hooks.example.com/bytestack"}
            """)).ReadJsonAsync();
        var defaults = await (await client.PostJsonAsync("/v1/jobs", Job)).ReadJsonAsync();

        Assert.Matches("^job_[0-9a-hjkmnp-tv-z]{26}$", created.Str("id"));
        Assert.Equal("Acme weekly", created.Str("name"));
        Assert.Equal(["hackernews", "rss:https://example.com/feed.xml"], created.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(250, created.GetProperty("limit").GetInt32());
        Assert.Equal("2026-04-24T00:00:00Z", created.GetProperty("date_range").Str("from"));
        Assert.Equal("2026-04-30T23:59:59Z", created.GetProperty("date_range").Str("to"));
        Assert.Equal("https://hooks.example.com/bytestack", created.Str("webhook_url"));
        Assert.Equal("2026-04-30T07:59:30Z", created.Str("created_at"));
        Assert.Equal("2026-05-04T08:00:00Z", created.Str("next_sync_at"));
        Assert.False(created.TryGetProperty("failure", out _));

        Assert.Equal(100, defaults.GetProperty("limit").GetInt32());
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("date_range").ValueKind);
        Assert.Equal(JsonValueKind.Null, defaults.GetProperty("webhook_url").ValueKind);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Create_AcceptsPlainDates_AndAnswersWholeDaysFromTo(DatabaseProvider provider)
    {
        var client = await (await servers.Get(provider)).NewProjectClientAsync();

        var job = await (await client.PostJsonAsync("/v1/jobs", """
            {"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":{"from":"2026-04-23","to":"2026-04-30"}}
            """)).ReadJsonAsync();

        Assert.Equal("2026-04-23T00:00:00Z", job.GetProperty("date_range").Str("from"));
        Assert.Equal("2026-04-30T23:59:59Z", job.GetProperty("date_range").Str("to"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task List_PagesNewestFirst_WithCursorAndStateFilter(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        var client = await server.NewProjectClientAsync();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await (await client.PostJsonAsync("/v1/jobs", Job)).ReadJsonAsync()).Str("id"));
        await client.PostAsync($"/v1/jobs/{ids[1]}/pause", null);
        await client.PostAsync($"/v1/jobs/{ids[3]}/pause", null);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/v1/jobs?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}")).ReadJsonAsync();
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(j => j.Str("id")));
            cursor = page.GetProperty("next_cursor").GetString();
            pages++;
        } while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(3, pages);
        var paused = await (await client.GetAsync("/v1/jobs?state=paused")).ReadJsonAsync();
        Assert.Equal([ids[3], ids[1]], paused.GetProperty("data").EnumerateArray().Select(j => j.Str("id")));
        var active = await (await client.GetAsync("/v1/jobs?state=active")).ReadJsonAsync();
        Assert.Equal(3, active.GetProperty("data").GetArrayLength());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Patch_ChangesFields_AndRecomputesNextSyncFromNow(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        server.Clock.Now = RunningServer.DefaultNow;
        var client = await server.NewProjectClientAsync();
        var id = (await (await client.PostJsonAsync("/v1/jobs", Job)).ReadJsonAsync()).Str("id");

        server.Clock.Now = new DateTimeOffset(2026, 5, 2, 10, 15, 0, TimeSpan.Zero);
        var patched = await client.PatchJsonAsync($"/v1/jobs/{id}", """
            {"name":"Renamed","schedule":{"type":"cron","expression":"0 */2 * * *"},"limit":5,"webhook_url":"https://h.example.com/x"}
            """);

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var job = await patched.ReadJsonAsync();
        Assert.Equal("Renamed", job.Str("name"));
        Assert.Equal("How many times was Acme mentioned on X today?", job.Str("prompt"));
        Assert.Equal(5, job.GetProperty("limit").GetInt32());
        Assert.Equal("2026-05-02T12:00:00Z", job.Str("next_sync_at"));
        Assert.Equal("2026-05-02T10:15:00Z", job.Str("updated_at"));
        Assert.Equal("2026-04-30T07:59:30Z", job.Str("created_at"));

        var cleared = await (await client.PatchJsonAsync($"/v1/jobs/{id}", """{"webhook_url":null}""")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("webhook_url").ValueKind);
        Assert.Equal("Renamed", cleared.Str("name"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task PauseAndResume_StopAndRestartFromNow_WithoutBurst(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        server.Clock.Now = RunningServer.DefaultNow;
        var client = await server.NewProjectClientAsync();
        var id = (await (await client.PostJsonAsync("/v1/jobs", WithSchedule("\"every_hour\""))).ReadJsonAsync()).Str("id");

        var paused = await (await client.PostAsync($"/v1/jobs/{id}/pause", null)).ReadJsonAsync();
        Assert.Equal("paused", paused.Str("state"));
        Assert.Equal(JsonValueKind.Null, paused.GetProperty("next_sync_at").ValueKind);

        // Three days later: the next sync is the next hour, not the slots missed while paused.
        server.Clock.Now = new DateTimeOffset(2026, 5, 3, 14, 20, 0, TimeSpan.Zero);
        var resumed = await (await client.PostAsync($"/v1/jobs/{id}/resume", null)).ReadJsonAsync();
        Assert.Equal("active", resumed.Str("state"));
        Assert.Equal("2026-05-03T15:00:00Z", resumed.Str("next_sync_at"));

        var viaPatch = await (await client.PatchJsonAsync($"/v1/jobs/{id}", """{"state":"paused"}""")).ReadJsonAsync();
        Assert.Equal("paused", viaPatch.Str("state"));
        var backViaPatch = await (await client.PatchJsonAsync($"/v1/jobs/{id}", """{"state":"active"}""")).ReadJsonAsync();
        Assert.Equal("active", backViaPatch.Str("state"));
        Assert.Equal("2026-05-03T15:00:00Z", backViaPatch.Str("next_sync_at"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Delete_RemovesJob_ThenAnswers404(DatabaseProvider provider)
    {
        var client = await (await servers.Get(provider)).NewProjectClientAsync();
        var id = (await (await client.PostJsonAsync("/v1/jobs", Job)).ReadJsonAsync()).Str("id");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/jobs/{id}")).StatusCode);

        var gone = await client.GetAsync($"/v1/jobs/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("job_not_found", (await gone.ReadJsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/v1/jobs/{id}")).StatusCode);
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task UnknownJob_Answers404ProblemOnEveryVerb(DatabaseProvider provider)
    {
        var client = await (await servers.Get(provider)).NewProjectClientAsync();
        const string missing = "/v1/jobs/job_01hx9jk2p4n5m6r7s8t9v0v1wq";

        foreach (var response in new[]
        {
            await client.GetAsync(missing),
            await client.PatchJsonAsync(missing, """{"name":"x"}"""),
            await client.PostAsync(missing + "/pause", null),
            await client.PostAsync(missing + "/resume", null),
            await client.DeleteAsync(missing),
            await client.GetAsync("/v1/jobs/not-even-an-id"),
        })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("job_not_found", (await response.ReadJsonAsync()).Str("code"));
        }
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task SchedulePreview_DescribesAndListsNextTimes(DatabaseProvider provider)
    {
        var server = await servers.Get(provider);
        server.Clock.Now = RunningServer.DefaultNow;
        var client = await server.NewProjectClientAsync();

        var preview = await (await client.GetAsync("/v1/schedules/preview?schedule=" + Uri.EscapeDataString("0 8 * * *") + "&count=3")).ReadJsonAsync();
        var interval = await (await client.GetAsync("/v1/schedules/preview?schedule=every_12_hours")).ReadJsonAsync();
        var bad = await client.GetAsync("/v1/schedules/preview?schedule=" + Uri.EscapeDataString("0 0 30 2 *"));

        Assert.Equal("At 08:00 UTC every day", preview.GetProperty("schedule").Str("description"));
        Assert.Equal(["2026-04-30T08:00:00Z", "2026-05-01T08:00:00Z", "2026-05-02T08:00:00Z"],
            preview.GetProperty("next").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(5, interval.GetProperty("next").GetArrayLength());
        Assert.Equal("2026-04-30T12:00:00Z", interval.GetProperty("next")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("invalid_schedule", (await bad.ReadJsonAsync()).Str("code"));
    }
}
