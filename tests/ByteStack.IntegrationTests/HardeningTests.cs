using System.Net;
using Microsoft.Extensions.Logging;
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

    public static TheoryData<string, string> SloppyNumbers() => new()
    {
        { "/v1/jobs?limit=%2B5", "invalid_limit" },
        { "/v1/jobs?limit=%205", "invalid_limit" },
        { "/v1/jobs?limit=5%20", "invalid_limit" },
        { "/v1/jobs?limit=05.0", "invalid_limit" },
        { "/v1/keys?limit=1_0", "invalid_limit" },
        { "/v1/storage?limit=%2B5", "invalid_limit" },
        { "/v1/storage/deliveries?limit=%205", "invalid_limit" },
        { "/v1/webhooks?limit=-0", "invalid_limit" },
        { "/v1/schedules/preview?schedule=daily&count=%2B3", "invalid_count" },
        { "/v1/schedules/preview?schedule=daily&count=%E0%A5%A9", "invalid_count" }, // Devanagari three
        { "/v1/storage/deliveries?status=pending,failed", "invalid_status" },
        { "/v1/storage/deliveries?status=%20failed", "invalid_status" },
        { "/v1/storage/deliveries?kind=1", "invalid_kind" },
    };

    [Theory, MemberData(nameof(SloppyNumbers))]
    public async Task Get_Answers400_ForSignedSpacedOrOddNumbers(string path, string code)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task QueryWait_Answers400_ForASignedNumber()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PostJsonAsync("/v1/queries?wait=%2B1", """{"prompt":"p","sources":["hackernews"]}""");

        Assert.Equal((400, "invalid_wait"), ((int)response.StatusCode, (await response.ReadJsonAsync()).Str("code")));
    }

    public static TheoryData<string, string> ProbeMethods() => new()
    {
        { "POST", "/healthz" }, { "PUT", "/healthz" }, { "DELETE", "/readyz" }, { "PATCH", "/readyz" }, { "OPTIONS", "/healthz" },
    };

    [Theory, MemberData(nameof(ProbeMethods))]
    public async Task HealthProbes_Answer405_ForMethodsOtherThanGet(string method, string path)
    {
        var client = (await servers.Get(DatabaseProvider.Sqlite)).Client();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method_not_allowed", (await response.ReadJsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task RequestLog_MasksAKeySentInTheQueryString()
    {
        var log = new CapturedLog();
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, configure: b =>
        {
            b.Configuration["Logging:LogLevel:Default"] = "Information";
            b.Logging.AddProvider(log);
        });
        var key = server.DefaultAdminKey;

        var response = await server.Client().GetAsync($"/v1/jobs?limit=5&api_key={key}&x=1");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(log.Lines, l => l.Contains("GET /v1/jobs?limit=5&api_key=REDACTED&x=1 answered 401"));
        Assert.DoesNotContain(log.Lines, l => l.Contains(key) || l.Contains(key[..12]));
    }

    [Theory]
    [InlineData("http://user:pass@127.0.0.1:9")]
    [InlineData("https://AKIA:secret@s3.example.com")]
    [InlineData("https://token@s3.example.com")]
    public async Task Bucket_Answers422_ForAnEndpointWithUserInfo(string endpoint)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PutAsync("/v1/storage/bucket", new StringContent(
            $$"""{"endpoint":"{{endpoint}}","bucket":"results","access_key":"AKIAEXAMPLE1234","secret_key":"s"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("invalid_endpoint", problem.Str("code"));
        Assert.DoesNotContain(endpoint, problem.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/storage/bucket")).StatusCode);
    }

    [Fact]
    public async Task CreateJob_Answers422_ForAnOverlongFeedUrlOrTooManySources()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        var longFeed = "rss:https://example.com/" + new string('a', 2048);
        var many = string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"rss:https://example.com/{i}\""));

        var tooLong = await client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":"p","sources":["{{longFeed}}"],"schedule":"daily"}""");
        var tooMany = await client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":"p","sources":[{{many}}],"schedule":"daily"}""");
        var query = await client.PostJsonAsync("/v1/queries", $$"""{"prompt":"p","sources":["{{longFeed}}"]}""");

        Assert.Equal((422, "invalid_sources"), ((int)tooLong.StatusCode, (await tooLong.ReadJsonAsync()).Str("code")));
        Assert.Equal((422, "invalid_sources"), ((int)tooMany.StatusCode, (await tooMany.ReadJsonAsync()).Str("code")));
        Assert.Equal((422, "invalid_sources"), ((int)query.StatusCode, (await query.ReadJsonAsync()).Str("code")));
        Assert.Equal(0, (await (await client.GetAsync("/v1/jobs")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    public static TheoryData<string, int, string> RawRejections() => new()
    {
        // request head as sent (before the blank line), status, code
        { "GET /v1/jobs\0x HTTP/1.1\r\nHost: a", 400, "bad_request" },
        { "GET /v1/%00 HTTP/1.1\r\nHost: a", 400, "bad_request" },
        { "GET /healthz HTTP/1.1\r\nHost: a\r\nX-A: a\0b", 400, "bad_request" },
        { "GET /" + new string('a', 9000) + " HTTP/1.1\r\nHost: a", 414, "uri_too_long" },
        { "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: " + new string('b', 40_000), 431, "request_headers_too_large" },
        { "GET /healthz HTTP/1.1\r\nHost: a\r\nBad Header: 1", 400, "bad_request" },
        { "POST /v1/jobs HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6", 400, "bad_request" },
    };

    [Theory, MemberData(nameof(RawRejections))]
    public async Task Kestrel_AnswersAProblemBody_WhenItRejectsTheRequestItself(string head, int status, string code)
    {
        var server = await servers.Get(DatabaseProvider.Sqlite);

        // A good request first on the same connection: the rewrite must not depend on a fresh connection.
        var (first, second) = await RawAsync(server.Address, "GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n" + head + "\r\n\r\n");

        Assert.StartsWith("HTTP/1.1 200", first);
        Assert.Contains("\"status\":\"ok\"", first);
        Assert.StartsWith($"HTTP/1.1 {status} ", second);
        Assert.Contains("Content-Type: application/problem+json", second);
        var body = System.Text.Json.JsonDocument.Parse(second[(second.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..]).RootElement;
        Assert.Equal((status, code, $"urn:bytestack:error:{code}"), (body.GetProperty("status").GetInt32(), body.Str("code"), body.Str("type")));
        Assert.False(string.IsNullOrWhiteSpace(body.Str("detail")));
    }

    /// <summary>Sends raw bytes (what HttpClient refuses to send) and splits the answers at each status line.</summary>
    private static async Task<(string First, string Second)> RawAsync(Uri address, string request)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(System.Text.Encoding.Latin1.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
        var all = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30)); // the rejection closes the connection
        var second = all.IndexOf("HTTP/1.1 ", 1, StringComparison.Ordinal);
        return (all[..second], all[second..]);
    }

    /// <summary>Every operation that reads a JSON body (the delivery id is made up: the body is refused before it matters).</summary>
    public static TheoryData<string, string> BodyOperations() => new()
    {
        { "POST", "/v1/jobs" }, { "PATCH", "/v1/jobs/job_01hx9jk2p4n5m6r7s8t9v0v1wq" }, { "POST", "/v1/queries" }, { "POST", "/v1/keys" },
        { "PUT", "/v1/storage/bucket" }, { "POST", "/v1/webhooks" }, { "POST", "/v1/storage/deliveries/retry" },
    };

    public static TheoryData<string, string, string, string> InvalidUnicode()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var operation in BodyOperations())
        {
            var (method, path) = ((string)operation[0], (string)operation[1]);
            // body as hex, and the JSON path the problem must name
            data.Add(method, path, Convert.ToHexString("{\"url\":\"\\ud800\"}"u8), "$.url");
            data.Add(method, path, Convert.ToHexString("{\"ids\":[\"\\ud800\"]}"u8), "$.ids[0]");
            data.Add(method, path, Convert.ToHexString("{\"name\":\"\\udc00\\ud800x\"}"u8), "$.name");
            data.Add(method, path, Convert.ToHexString([.. "{\"name\":\"a"u8, 0xED, 0xA0, 0x80, .. "\"}"u8]), "$.name");
            data.Add(method, path, Convert.ToHexString([.. "{\"a\":{\""u8, 0xFF, .. "\":1}}"u8]), "$.a");
        }
        return data;
    }

    [Theory, MemberData(nameof(InvalidUnicode))]
    public async Task Body_Answers400MalformedJson_SayingWhere_ForInvalidUnicode(string method, string path, string hex, string where)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();
        var content = new ByteArrayContent(Convert.FromHexString(hex));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("malformed_json", problem.Str("code"));
        Assert.Contains($"at {where}:", problem.Str("detail"));
    }

    [Theory, MemberData(nameof(BodyOperations))]
    public async Task Body_Answers400MalformedJson_ForAFieldSentTwice(string method, string path)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent("""{"name":"a","name":"b"}""", System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal("malformed_json", problem.Str("code"));
        Assert.Contains("$.name", problem.Str("detail"));
    }

    [Fact]
    public async Task Retry_Answers415_ForABodyThatIsNotJson()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PostAsync("/v1/storage/deliveries/retry", new StringContent("""{"ids":[]}""", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal((415, "unsupported_media_type"), ((int)response.StatusCode, (await response.ReadJsonAsync()).Str("code")));
    }

    public static TheoryData<string, string, string> ControlCharacters() => new()
    {
        // path, body, field refused
        { "/v1/storage/bucket", """{"endpoint":"https://s3.example.com","bucket":"results","access_key":"AKIA\r\nX-Evil: 1","secret_key":"s"}""", "access_key" },
        { "/v1/storage/bucket", """{"endpoint":"https://s3.example.com","bucket":"results","access_key":"AKIAEXAMPLE","secret_key":"s\u0000","region":"us"}""", "secret_key" },
        { "/v1/storage/bucket", """{"endpoint":"https://s3.example.com","bucket":"results","access_key":"AKIAEXAMPLE","secret_key":"s","region":"us\r\neast-1"}""", "region" },
        { "/v1/storage/bucket", """{"endpoint":"https://s3.example.com/\r\nX: 1","bucket":"results","access_key":"AKIAEXAMPLE","secret_key":"s"}""", "endpoint" },
        { "/v1/webhooks", """{"url":"https://hooks.example.com/\r\nX-Evil: 1"}""", "url" },
        { "/v1/webhooks", """{"url":"https://hooks.example.com/\u0000"}""", "url" },
        { "/v1/jobs", """{"name":"a\u0000b","prompt":"p","sources":["x"],"schedule":"daily"}""", "name" },
        { "/v1/jobs", """{"name":"a\u001b[31mred","prompt":"p","sources":["x"],"schedule":"daily"}""", "name" },
        { "/v1/jobs", """{"name":"n","prompt":"a\u0000b","sources":["x"],"schedule":"daily"}""", "prompt" },
        { "/v1/jobs", """{"name":"n","prompt":"p","sources":["rss:https://example.com/\r\nfeed"],"schedule":"daily"}""", "sources" },
        { "/v1/jobs", """{"name":"n","prompt":"p","sources":["x"],"schedule":"daily","webhook_url":"https://hooks.example.com/\nX"}""", "webhook_url" },
        { "/v1/queries", """{"prompt":"p\u0007","sources":["hackernews"]}""", "prompt" },
        { "/v1/keys", """{"name":"ci\r\nadmin"}""", "name" },
    };

    [Theory, MemberData(nameof(ControlCharacters))]
    public async Task Write_Answers422_ForControlCharactersInFieldsThatReachHeadersUrlsOrLogs(string path, string body, string field)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(path.EndsWith("bucket") ? HttpMethod.Put : HttpMethod.Post, path)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/v1/storage/bucket")).StatusCode);
        Assert.Equal(0, (await (await client.GetAsync("/v1/jobs")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal(0, (await (await client.GetAsync("/v1/webhooks")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task CreateJob_KeepsLineBreaksAndTabs_InAPrompt()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var response = await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"How many times was Acme mentioned?\n\tOnly on Hacker News.","sources":["hackernews"],"schedule":"daily"}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("How many times was Acme mentioned?\n\tOnly on Hacker News.", (await response.ReadJsonAsync()).Str("prompt"));
    }

    public static TheoryData<string, string> OddScheduleObjects() => new()
    {
        { """{"type":"cron","expression":"* * * * *","extra":1}""", "extra" },
        { """{"type":"interval","interval":"daily","expression":"x","tz":"UTC"}""", "tz" },
        { """{"type":"cron","Expression":"* * * * *"}""", "Expression" },
    };

    [Theory, MemberData(nameof(OddScheduleObjects))]
    public async Task CreateJob_Answers422_ForUnknownKeysInAScheduleObject(string schedule, string unknown)
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var created = await client.PostJsonAsync("/v1/jobs", $$"""{"name":"n","prompt":"p","sources":["x"],"schedule":{{schedule}}}""");
        var patched = await client.PatchJsonAsync($"/v1/jobs/{(await (await client.PostJsonAsync("/v1/jobs", DailyJob)).ReadJsonAsync()).Str("id")}",
            $$"""{"schedule":{{schedule}}}""");

        foreach (var response in new[] { created, patched })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("invalid_schedule", problem.Str("code"));
            Assert.Contains($"'{unknown}'", problem.Str("detail"));
        }
    }
}
