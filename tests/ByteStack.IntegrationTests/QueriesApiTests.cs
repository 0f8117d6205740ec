using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Analysis;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>A server per database whose connectors all point at the local fixture APIs.</summary>
public sealed class EngineServers : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, RunningServer> servers = [];

    public SourceFixtureServer Sources { get; private set; } = null!;

    public RunningServer this[DatabaseProvider provider] => servers[provider];

    public async Task InitializeAsync()
    {
        Sources = await SourceFixtureServer.StartAsync();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
            // A small analysis cap, so a question can hit it with the fixtures' 250 Reddit posts.
            servers[provider] = await RunningServer.StartAsync(provider, Sources.ConnectorArgs().Append("--ByteStack:Sources:AnalysisCap=200"));
    }

    public async Task DisposeAsync()
    {
        foreach (var server in servers.Values) await server.DisposeAsync();
        await Sources.DisposeAsync();
    }
}

public sealed class QueriesApiTests(EngineServers servers) : IClassFixture<EngineServers>
{
    private async Task<(RunningServer Server, HttpClient Client)> ClientAsync(DatabaseProvider provider)
    {
        var server = servers[provider];
        server.Clock.Now = RunningServer.DefaultNow;
        return (server, await server.NewProjectClientAsync());
    }

    private static async Task<JsonElement> AskAsync(HttpClient client, string body)
    {
        var response = await client.PostJsonAsync("/v1/queries?wait=30", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_OnHackerNews_AnswersEveryNumber(DatabaseProvider provider)
    {
        var (server, client) = await ClientAsync(provider);

        var query = await AskAsync(client, """{"prompt":"How many times was Acme mentioned on Hacker News today?","sources":["hackernews"]}""");

        Assert.Equal("completed", query.Str("status"));
        Assert.Equal(query.Str("id"), query.Str("query_id"));
        Assert.False(query.TryGetProperty("error", out _));
        var result = query.GetProperty("result");
        Assert.Equal("Acme was mentioned 5 times on Hacker News today, with 40% positive sentiment.", result.Str("summary"));
        Assert.Equal(5, result.GetProperty("total_results").GetInt64());
        Assert.Equal(5, result.GetProperty("total_mentions").GetInt64());
        Assert.Equal(4, result.GetProperty("unique_users").GetInt64());
        Assert.Equal("2026-04-30T00:00:00Z", result.GetProperty("date_range").Str("from"));
        Assert.Equal("2026-04-30T07:59:30Z", result.GetProperty("date_range").Str("to"));
        var hn = result.GetProperty("by_source").GetProperty("hackernews");
        Assert.Equal(5, hn.GetProperty("mentions").GetInt64());
        Assert.Equal(4, hn.GetProperty("unique_users").GetInt64());
        Assert.Equal("ok", hn.Str("status"));
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(0.4, sentiment.GetProperty("sentiment_score").GetDouble());
        Assert.Equal(2, sentiment.GetProperty("positive_count").GetInt64());
        Assert.Equal(2, sentiment.GetProperty("negative_count").GetInt64());
        Assert.Equal(1, sentiment.GetProperty("neutral_count").GetInt64());
        // The clearest first.
        Assert.Equal(["Acme support is terrible", "Acme pricing changed today"], sentiment.GetProperty("examples").GetProperty("negative").EnumerateArray().Select(e => e.GetString()));

        var records = result.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["hackernews:41900005", "hackernews:41900004", "hackernews:41900003", "hackernews:41900002", "hackernews:41900001"], records.Select(r => r.Str("id")));
        var kim = records[3];
        Assert.Equal("hackernews", kim.Str("source"));
        Assert.Equal("kim", kim.Str("author"));
        Assert.Equal("We moved to Acme last year and it is great", kim.Str("text"));
        Assert.Equal("https://news.ycombinator.com/item?id=41900002", kim.Str("url"));
        Assert.Equal("2026-04-30T02:00:00Z", kim.Str("created_at"));
        Assert.Equal("positive", kim.Str("sentiment"));

        // The result file holds the same result, under qry_<id>/<completed_at>.json.
        var key = query.Str("result_key");
        Assert.Equal($"{query.Str("id")}/2026-04-30T07:59:30Z.json", key);
        var file = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(server.Database.Directory, "storage", key))).RootElement;
        Assert.Equal(query.Str("id"), file.Str("query_id"));
        Assert.Equal(result.GetRawText(), file.GetProperty("result").GetRawText());
        var again = await (await client.GetAsync($"/v1/queries/{query.Str("id")}")).ReadJsonAsync();
        Assert.Equal(query.GetRawText(), again.GetRawText());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_AcrossSources_AddsUpPerSource(DatabaseProvider provider)
    {
        var (_, client) = await ClientAsync(provider);

        var result = (await AskAsync(client, """{"prompt":"What's the sentiment around Acme today?","sources":["x","reddit","hackernews"]}""")).GetProperty("result");

        var bySource = result.GetProperty("by_source");
        Assert.Equal(342, bySource.GetProperty("x").GetProperty("mentions").GetInt64());
        Assert.Equal(3, bySource.GetProperty("x").GetProperty("unique_users").GetInt64());
        Assert.Equal(3, bySource.GetProperty("reddit").GetProperty("mentions").GetInt64());
        Assert.Equal("client", bySource.GetProperty("reddit").Str("window_enforced_by"));
        Assert.Equal(5, bySource.GetProperty("hackernews").GetProperty("mentions").GetInt64());
        Assert.Equal(350, result.GetProperty("total_results").GetInt64());
        Assert.Equal(10, result.GetProperty("unique_users").GetInt64());
        Assert.Equal(12, result.GetProperty("records").GetArrayLength());
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(12, sentiment.GetProperty("classified").GetInt64());
        Assert.Equal(4, sentiment.GetProperty("positive_count").GetInt64());
        Assert.Equal(5, sentiment.GetProperty("negative_count").GetInt64());
        Assert.Equal(3, sentiment.GetProperty("neutral_count").GetInt64());
        Assert.Equal(0.33, sentiment.GetProperty("sentiment_score").GetDouble());
        Assert.Equal("sentiment", result.Str("intent"));
        Assert.Equal("Sentiment around Acme on X, Reddit and Hacker News today: 33% positive, 42% negative and 25% neutral across 350 mentions.", result.Str("summary"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_WithSomeSourcesUnavailable_CompletesAndSaysWhich(DatabaseProvider provider)
    {
        var (_, client) = await ClientAsync(provider);

        // Reddit's fixture blocks the term "blocked"; Hacker News answers it.
        var query = await AskAsync(client, """{"prompt":"How many times was \"blocked\" mentioned today?","sources":["hackernews","reddit"]}""");

        Assert.Equal("completed", query.Str("status"));
        var result = query.GetProperty("result");
        var reddit = result.GetProperty("by_source").GetProperty("reddit");
        Assert.Equal("unavailable", reddit.Str("status"));
        Assert.Equal("blocked", reddit.Str("error_code"));
        Assert.Contains("whoa there", reddit.Str("reason"));
        Assert.Equal(0, reddit.GetProperty("mentions").GetInt64());
        Assert.Equal(5, result.GetProperty("total_results").GetInt64());
        Assert.EndsWith("(Reddit was unavailable).", result.Str("summary"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_WithEverySourceUnavailable_FailsWithTheReasons(DatabaseProvider provider)
    {
        var (_, client) = await ClientAsync(provider);

        var query = await AskAsync(client, """{"prompt":"\"boom\"","sources":["hackernews","x"]}""");

        Assert.Equal("failed", query.Str("status"));
        Assert.False(query.TryGetProperty("result", out _));
        Assert.Contains("hackernews: Hacker News answered HTTP 500", query.Str("error"));
        Assert.Contains("x: X answered HTTP 500", query.Str("error"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_Post_AnswersQueued_ThenCompletes(DatabaseProvider provider)
    {
        var (_, client) = await ClientAsync(provider);

        var response = await client.PostJsonAsync("/v1/queries", """{"prompt":"Acme on Hacker News","sources":["hackernews"],"limit":2,"date_range":{"from":"2026-04-30T01:30:00Z","to":"2026-04-30T04:59:59Z"}}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var queued = await response.ReadJsonAsync();
        Assert.Equal("queued", queued.Str("status"));
        Assert.Equal(queued.Str("id"), queued.Str("query_id"));
        Assert.Equal("2026-04-30T07:59:30Z", queued.Str("created_at"));
        Assert.Equal($"/v1/queries/{queued.Str("id")}", response.Headers.Location!.OriginalString);

        JsonElement done;
        var polls = 0;
        do
        {
            if (polls++ > 0) await Task.Delay(50);
            done = await (await client.GetAsync($"/v1/queries/{queued.Str("id")}")).ReadJsonAsync();
        } while (done.Str("status") is "queued" or "running" && polls < 400);

        Assert.Equal("completed", done.Str("status"));
        var result = done.GetProperty("result");
        // The explicit range [01:30, 05:00) holds hits at 02:00, 03:00 and 04:00; limit 2 keeps the newest two
        // records, and all three are analysed.
        Assert.Equal(3, result.GetProperty("total_results").GetInt64());
        Assert.Equal(["hackernews:41900004", "hackernews:41900003"], result.GetProperty("records").EnumerateArray().Select(r => r.Str("id")));
        Assert.Equal(3, result.GetProperty("sentiment").GetProperty("classified").GetInt64());
        Assert.Equal("2026-04-30T05:00:00Z", result.GetProperty("date_range").Str("to"));
        Assert.Equal(2, done.GetProperty("limit").GetInt32());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_AnalysesEveryMatchUpToTheCap_WhenLimitIsSmaller(DatabaseProvider provider)
    {
        var (_, client) = await ClientAsync(provider);

        // 250 Reddit posts match, alternating "great" and "terrible", by 40 users; the cap here is 200.
        var result = (await AskAsync(client, """{"prompt":"How many times was \"Initech\" mentioned on Reddit today?","sources":["reddit"],"limit":5}""")).GetProperty("result");

        Assert.Equal(5, result.GetProperty("records").GetArrayLength());
        Assert.Equal(200, result.GetProperty("total_results").GetInt64());
        Assert.Equal(40, result.GetProperty("unique_users").GetInt64());
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(200, sentiment.GetProperty("classified").GetInt64());
        Assert.Equal(100, sentiment.GetProperty("positive_count").GetInt64());
        Assert.Equal(100, sentiment.GetProperty("negative_count").GetInt64());
        Assert.Equal(["Reddit had more matching posts than the analysis cap: the newest 200 were analysed; older ones were not read.", ResultBuilder.OfflineSentimentNote],
            result.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
    }

    [Fact]
    public async Task Query_ShowsYouTubeQuotaCost_InNotesAndMetrics()
    {
        var (server, client) = await ClientAsync(DatabaseProvider.Sqlite);
        static long Units(string metrics) =>
            System.Text.RegularExpressions.Regex.Match(metrics, "bytestack_source_quota_units_total\\{source=\"youtube\"\\} (\\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value) : 0;
        var before = Units(await server.Client().GetStringAsync("/metrics"));

        var result = (await AskAsync(client, """{"prompt":"How many times was Acme mentioned on YouTube today?","sources":["youtube"]}""")).GetProperty("result");

        Assert.Contains("This question used 202 YouTube quota units (2 search pages at 100, 2 statistics lookups at 1); the default daily quota is 10,000.",
            result.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(before + 202, Units(await server.Client().GetStringAsync("/metrics")));
    }

    [Fact]
    public async Task Query_NotesSourcesNamedButNotSelected()
    {
        var (_, client) = await ClientAsync(DatabaseProvider.Sqlite);

        var result = (await AskAsync(client, """{"prompt":"How many times was Acme mentioned on Reddit today?","sources":["hackernews"]}""")).GetProperty("result");

        Assert.Contains("Reddit", result.GetProperty("notes")[0].GetString());
        Assert.Equal(["hackernews"], result.GetProperty("by_source").EnumerateObject().Select(p => p.Name));
    }

    public static TheoryData<string, string> BadQueries() => new()
    {
        { """{"sources":["x"]}""", "missing_field" },
        { """{"prompt":"Acme","sources":["myspace"]}""", "unknown_source" },
        { """{"prompt":"Acme","sources":["tiktok"]}""", "source_unavailable" },
        { """{"prompt":"Acme","sources":["x"],"limit":0}""", "invalid_limit" },
        { """{"prompt":"Acme","sources":["x"],"date_range":{"from":"2026-05-01","to":"2026-04-01"}}""", "invalid_date_range" },
        { """{"prompt":"Acme","sources":["x"],"date_range":{"from":"2026-05-01","to":"9999-12-31"}}""", "invalid_date_range" },
        { """{"prompt":"Acme","sources":["x"],"date_range":{"from":"0001-01-01","to":"2026-04-01"}}""", "invalid_date_range" },
        { """{"prompt":"Acme","sources":["x"],"schedule":"daily"}""", "unknown_field" },
    };

    [Theory, MemberData(nameof(BadQueries))]
    public async Task Query_AnswersProblem_ForBadBody(string body, string code)
    {
        var (_, client) = await ClientAsync(DatabaseProvider.Sqlite);

        var response = await client.PostJsonAsync("/v1/queries", body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
    }

    [Theory]
    [InlineData("/v1/queries?wait=61")]
    [InlineData("/v1/queries?wait=soon")]
    public async Task Query_AnswersProblem_ForBadWait(string path)
    {
        var (_, client) = await ClientAsync(DatabaseProvider.Sqlite);

        var response = await client.PostJsonAsync(path, """{"prompt":"Acme","sources":["hackernews"]}""");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("invalid_wait", (await response.ReadJsonAsync()).Str("code"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Query_IsInvisibleToOtherProjects(DatabaseProvider provider)
    {
        var (server, alice) = await ClientAsync(provider);
        var bob = await server.NewProjectClientAsync();
        var id = (await (await alice.PostJsonAsync("/v1/queries", """{"prompt":"Acme","sources":["hackernews"]}""")).ReadJsonAsync()).Str("id");

        var response = await bob.GetAsync($"/v1/queries/{id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("query_not_found", (await response.ReadJsonAsync()).Str("code"));
    }

    [Fact]
    public async Task Sources_ListEverySource_WithItsStatus()
    {
        var (_, client) = await ClientAsync(DatabaseProvider.Sqlite);

        var sources = (await (await client.GetAsync("/v1/sources")).ReadJsonAsync()).EnumerateArray()
            .ToDictionary(s => s.Str("id"), s => s.Str("status"));

        Assert.Equal(12, sources.Count);
        foreach (var ready in new[] { "x", "reddit", "hackernews", "bluesky", "mastodon", "youtube", "news", "rss" })
            Assert.Equal("ready", sources[ready]);
        foreach (var unavailable in new[] { "linkedin", "tiktok", "instagram", "facebook" })
            Assert.Equal("unavailable", sources[unavailable]);
    }
}

/// <summary>A server with no source credentials configured, as on first start.</summary>
public sealed class UnconfiguredSourcesTests(Servers servers) : IClassFixture<Servers>
{
    [Fact]
    public async Task Sources_WithoutCredentials_SayWhatToConfigure()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var sources = (await (await client.GetAsync("/v1/sources")).ReadJsonAsync()).EnumerateArray().ToDictionary(s => s.Str("id"));

        foreach (var id in new[] { "x", "reddit", "bluesky", "youtube" })
        {
            Assert.Equal("needs_credentials", sources[id].Str("status"));
            Assert.Contains("ByteStack:Sources:", sources[id].Str("detail"));
        }
        Assert.Equal("ready", sources["hackernews"].Str("status"));
        Assert.Contains("no public search API", sources["linkedin"].Str("detail"));
    }

    [Fact]
    public async Task Query_OnASourceWithoutCredentials_FailsAtOnce_WithoutCallingIt()
    {
        var client = await (await servers.Get(DatabaseProvider.Sqlite)).NewProjectClientAsync();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var query = await (await client.PostJsonAsync("/v1/queries?wait=30", """{"prompt":"Acme","sources":["x"]}""")).ReadJsonAsync();
        watch.Stop();

        Assert.Equal("failed", query.Str("status"));
        Assert.Contains("BearerToken", query.Str("error"));
        // No request went out: X's base URL here is the real API, which this machine cannot reach, so a
        // request would have ended in an "unreachable"/"timeout" reason instead — and taken far longer.
        Assert.DoesNotContain("could not be reached", query.Str("error"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
