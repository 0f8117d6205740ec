using System.Diagnostics;
using System.Net;
using System.Text;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>Bad input gets a clear problem+json answer with a stable code — never a 500, never a half-made job.</summary>
public sealed class BadInputTests(Servers servers) : IClassFixture<Servers>
{
    private const string Valid = """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily"}""";

    public static TheoryData<string, int, string, string> BadCreates()
    {
        var longPrompt = new string('a', 4001);
        return new()
        {
            // body, status, code, field carrying the message ("" when none)
            { """{"prompt":"p","sources":["x"],"schedule":"daily"}""", 422, "missing_field", "name" },
            { """{"name":"n","sources":["x"],"schedule":"daily"}""", 422, "missing_field", "prompt" },
            { """{"name":"n","prompt":"p","schedule":"daily"}""", 422, "missing_field", "sources" },
            { """{"name":"n","prompt":"p","sources":["x"]}""", 422, "missing_field", "schedule" },
            { """{"name":"n","prompt":"   ","sources":["x"],"schedule":"daily"}""", 422, "invalid_prompt", "prompt" },
            { $$"""{"name":"n","prompt":"{{longPrompt}}","sources":["x"],"schedule":"daily"}""", 422, "invalid_prompt", "prompt" },
            { """{"name":"n","prompt":"p","sources":["myspace"],"schedule":"daily"}""", 422, "unknown_source", "sources" },
            { """{"name":"n","prompt":"p","sources":["linkedin"],"schedule":"daily"}""", 422, "source_unavailable", "sources" },
            { """{"name":"n","prompt":"p","sources":["rss:not a url"],"schedule":"daily"}""", 422, "unknown_source", "sources" },
            { """{"name":"n","prompt":"p","sources":[],"schedule":"daily"}""", 422, "invalid_sources", "sources" },
            { """{"name":"n","prompt":"p","sources":"x","schedule":"daily"}""", 422, "invalid_sources", "sources" },
            { """{"name":"n","prompt":"p","sources":[1],"schedule":"daily"}""", 422, "invalid_sources", "sources" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"0 0 30 2 *"}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"61 * * * *"}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"* * * *"}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"every_2_minutes"}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"@reboot"}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":{"type":"cron"}}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":{"type":"interval","interval":"weekly"}}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":{"type":"yearly"}}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":42}""", 422, "invalid_schedule", "schedule" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","limit":0}""", 422, "invalid_limit", "limit" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","limit":1001}""", 422, "invalid_limit", "limit" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","limit":"100"}""", 422, "invalid_limit", "limit" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","limit":2.5}""", 422, "invalid_limit", "limit" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":{"from":"2026-05-01","to":"2026-04-01"}}""", 422, "invalid_date_range", "date_range" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":{"from":"yesterday","to":"today"}}""", 422, "invalid_date_range", "date_range" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":"last week"}""", 422, "invalid_date_range", "date_range" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":{"start":"2026-04-01","end":"2026-04-30"}}""", 422, "invalid_date_range", "date_range" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","date_range":{"from":"2026-01-01","to":"9999-12-31"}}""", 422, "invalid_date_range", "date_range" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","webhook_url":"ftp://example.com"}""", 422, "invalid_webhook_url", "webhook_url" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","webhook_url":"/relative"}""", 422, "invalid_webhook_url", "webhook_url" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","schedul":"daily"}""", 422, "unknown_field", "schedul" },
            { """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","state":"paused"}""", 422, "unknown_field", "state" },
            { """{"name":true,"prompt":"p","sources":["x"],"schedule":"daily"}""", 422, "invalid_name", "name" },
            { """{"name":"","prompt":"","sources":"","schedule":""}""", 422, "validation_failed", "prompt" },
            { """["not","an","object"]""", 422, "invalid_body", "body" },
            { """{"name":"n",""", 400, "malformed_json", "" },
            { """{"name":"n"} trailing""", 400, "malformed_json", "" },
            { "", 400, "missing_body", "" },
        };
    }

    [Theory, MemberData(nameof(BadCreates))]
    public async Task CreateJob_AnswersProblem_ForBadBody(string body, int status, string code, string field)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PostJsonAsync("/v1/jobs", body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(code, problem.Str("code"));
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.Equal($"urn:bytestack:error:{code}", problem.Str("type"));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("title")));
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
        if (field != "")
            Assert.NotEmpty(problem.GetProperty("errors").GetProperty(field).EnumerateArray());
        // Nothing was created.
        Assert.Equal(0, (await (await client.GetAsync("/v1/jobs")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    public static TheoryData<string, string> BadPatches() => new()
    {
        { """{"state":"running"}""", "invalid_state" },
        { """{"state":"failed"}""", "invalid_state" },
        { """{"name":null}""", "invalid_name" },
        { """{"schedule":null}""", "invalid_schedule" },
        { """{"schedule":"0 0 31 4 *"}""", "invalid_schedule" },
        { """{"limit":-1}""", "invalid_limit" },
        { """{"sources":["x","nope"]}""", "unknown_source" },
        { """{"id":"job_01hx9jk2p4n5m6r7s8t9v0v1wq"}""", "unknown_field" },
    };

    [Theory, MemberData(nameof(BadPatches))]
    public async Task PatchJob_AnswersProblem_AndLeavesJobUnchanged(string body, string code)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        var created = await (await client.PostJsonAsync("/v1/jobs", Valid)).ReadJsonAsync();

        var response = await client.PatchJsonAsync($"/v1/jobs/{created.Str("id")}", body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
        var after = await (await client.GetAsync($"/v1/jobs/{created.Str("id")}")).ReadJsonAsync();
        Assert.Equal(created.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task ImpossibleCron_IsRejectedInMilliseconds()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        await client.PostJsonAsync("/v1/jobs", Valid); // warm the endpoint

        var watch = Stopwatch.StartNew();
        var response = await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"p","sources":["x"],"schedule":"0 0 30 2 *"}""");
        watch.Stop();

        Assert.Equal(422, (int)response.StatusCode);
        // A generous bound: the point is that it answers at all instead of searching forever.
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    public static TheoryData<string, int, string> BadRequests() => new()
    {
        { "/v1/jobs?limit=0", 400, "invalid_limit" },
        { "/v1/jobs?limit=1001", 400, "invalid_limit" },
        { "/v1/jobs?limit=ten", 400, "invalid_limit" },
        { "/v1/jobs?cursor=bm90LWEtY3Vyc29y", 400, "invalid_cursor" },
        { "/v1/jobs?cursor=%%%", 400, "invalid_cursor" },
        { "/v1/jobs?state=sleeping", 400, "invalid_state" },
        { "/v1/jobs?state=ACTIVE", 400, "invalid_state" },
        { "/v1/keys?limit=-5", 400, "invalid_limit" },
        { "/v1/schedules/preview", 400, "invalid_schedule" },
        { "/v1/schedules/preview?schedule=daily&count=0", 400, "invalid_count" },
        { "/v1/nothing-here", 404, "not_found" },
    };

    [Theory, MemberData(nameof(BadRequests))]
    public async Task Get_AnswersProblem_ForBadParameters(string path, int status, string code)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task OversizedBody_Answers413()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        var huge = $$"""{"name":"n","prompt":"{{new string('a', 2 * 1024 * 1024)}}","sources":["x"],"schedule":"daily"}""";
        // Expect: 100-continue, as careful clients send large bodies: the server refuses on the
        // declared length, and the body is never sent into a connection the server has closed
        // (without it, the client could still be writing when the 413 arrives: a broken pipe).
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/jobs") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task NonJsonBody_Answers415()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PostAsync("/v1/jobs", new StringContent(Valid, Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("unsupported_media_type", (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task WrongMethod_Answers405Problem()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PutAsync("/v1/jobs", new StringContent(Valid, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", (await response.ReadJsonAsync()).Str("code"));
    }
}
