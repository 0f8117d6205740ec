using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Tests.AnswerQuality;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>A server on SQLite whose X and Hacker News connectors talk to the fixtures' answer-quality corpus.</summary>
public sealed class AnswerQualityServer : IAsyncLifetime
{
    public SourceFixtureServer Sources { get; private set; } = null!;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sources = await SourceFixtureServer.StartAsync();
        Server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, Sources.ConnectorArgs());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sources.DisposeAsync();
    }
}

/// <summary>
/// Every phrasing of <see cref="PromptTable"/> asked end to end (planner, X and Algolia fixtures,
/// result): each source's count, the per-term counts and the summary's lead are exact; phrasings
/// whose time cannot be read fail with a message saying so.
/// </summary>
public sealed class AnswerQualityTests(AnswerQualityServer fixture) : IClassFixture<AnswerQualityServer>
{
    private async Task<JsonElement> AskAsync(string prompt)
    {
        fixture.Server.Clock.Now = RunningServer.DefaultNow;
        var client = await fixture.Server.NewProjectClientAsync();
        var response = await client.PostJsonAsync("/v1/queries?wait=30", JsonSerializer.Serialize(new { prompt, sources = new[] { "x", "hackernews" } }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    [Fact]
    public void Now_IsTheTablesNow() => Assert.Equal(PromptTable.Now, RunningServer.DefaultNow);

    [Theory, MemberData(nameof(PromptTable.All), MemberType = typeof(PromptTable))]
    public async Task Query_AnswersTheTabledCounts_OrRefuses(PromptTable.Row row)
    {
        var query = await AskAsync(row.Prompt);

        if (row.Refused)
        {
            Assert.Equal("failed", query.Str("status"));
            Assert.Contains("date_range", query.Str("error"));
            return;
        }
        Assert.Equal("completed", query.Str("status"));
        var result = query.GetProperty("result");
        var bySource = result.GetProperty("by_source");
        Assert.Equal((row.X, row.Hn), (bySource.GetProperty("x").GetProperty("mentions").GetInt64(), bySource.GetProperty("hackernews").GetProperty("mentions").GetInt64()));
        Assert.Equal(row.X + row.Hn, result.GetProperty("total_mentions").GetInt64());
        var byTerm = result.GetProperty("by_term").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());
        var expected = row.ByTerm?.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1]))
                       ?? new Dictionary<string, long> { [row.Terms[0]] = row.X + row.Hn };
        Assert.Equal(expected, byTerm);

        var summary = result.Str("summary");
        var sentiment = result.GetProperty("sentiment");
        var subject = row.Terms.Length == 1 ? row.Terms[0] : string.Join(", ", row.Terms[..^1]) + " and " + row.Terms[^1];
        Assert.StartsWith(row.Intent switch
        {
            _ when row.X + row.Hn == 0 => row.Terms[0],
            "users" => $"{result.GetProperty("unique_users").GetInt64()} unique users mentioned {subject}",
            "negative" => $"{sentiment.GetProperty("negative_count").GetInt64()} post",
            "sentiment" => $"Sentiment around {subject}",
            "top" or "list" => "Found",
            _ => $"{subject} {(row.Terms.Length == 1 ? "was" : "were")} mentioned {row.X + row.Hn} time",
        }, summary);
    }

    [Theory]
    [InlineData("Globex mentions during the launch", "during")]
    [InlineData("Globex mentions in Q3", "Q3")]
    [InlineData("Globex mentions on 4/29", "4/29")]
    [InlineData("Globex mentions tomorrow", "tomorrow")]
    [InlineData("Globex mentions since 2026-05-10", "since 2026-05-10")]
    [InlineData("Globex mentions between April 29 and April 27", "between April 29 and April 27")]
    public async Task Job_IsRefused_OnCreateAndUpdate_WhenItsPromptNamesATimeThePlannerCannotRead(string prompt, string phrase)
    {
        fixture.Server.Clock.Now = RunningServer.DefaultNow;
        var client = await fixture.Server.NewProjectClientAsync();
        async Task AssertRefusedAsync(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.ReadJsonAsync();
            Assert.Equal("invalid_prompt", problem.Str("code"));
            Assert.Contains($"\"{phrase}\"", problem.Str("detail"));
            Assert.Contains("Give date_range, or say e.g. ", problem.Str("detail"));
            Assert.Equal(problem.Str("detail"), Assert.Single(problem.GetProperty("errors").GetProperty("prompt").EnumerateArray()).GetString());
        }
        string Body(object? dateRange) => JsonSerializer.Serialize(new { name = "n", prompt, sources = new[] { "x" }, schedule = "every_hour", date_range = dateRange });

        await AssertRefusedAsync(await client.PostJsonAsync("/v1/jobs", Body(null)));
        Assert.Equal(0, (await (await client.GetAsync("/v1/jobs")).ReadJsonAsync()).GetProperty("data").GetArrayLength());

        // date_range replaces the prompt's time, so the job is accepted; dropping it later is refused.
        var created = await client.PostJsonAsync("/v1/jobs", Body(new { from = "2026-04-29T00:00:00Z", to = "2026-04-30T00:00:00Z" }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadJsonAsync()).Str("id");
        await AssertRefusedAsync(await client.PatchJsonAsync($"/v1/jobs/{id}", """{"date_range":null}"""));

        // A job without date_range cannot take the prompt either.
        var plain = await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"Globex mentions today","sources":["x"],"schedule":"every_hour"}""");
        var plainId = (await plain.ReadJsonAsync()).Str("id");
        await AssertRefusedAsync(await client.PatchJsonAsync($"/v1/jobs/{plainId}", JsonSerializer.Serialize(new { prompt })));
        Assert.Equal("Globex mentions today", (await (await client.GetAsync($"/v1/jobs/{plainId}")).ReadJsonAsync()).Str("prompt"));
    }

    [Fact]
    public async Task JobRun_SaysWhichWindowItUsedAndWhy_WhenItsPromptNamesNoTime()
    {
        fixture.Server.Clock.Now = RunningServer.DefaultNow;
        var client = await fixture.Server.NewProjectClientAsync();
        var created = await client.PostJsonAsync("/v1/jobs", """{"name":"n","prompt":"How many times was Globex mentioned?","sources":["x","hackernews"],"schedule":"every_hour"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var job = (await created.ReadJsonAsync()).Str("id");

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/v1/jobs/{job}/run", null)).StatusCode);
        Assert.Equal(1, await fixture.Server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None));

        var run = (await (await client.GetAsync($"/v1/jobs/{job}/runs")).ReadJsonAsync()).GetProperty("data")[0];
        Assert.Equal("completed", run.Str("status"));
        var file = await (await client.GetAsync($"/v1/storage/{run.Str("result_key")}")).ReadJsonAsync();
        var result = file.GetProperty("result");
        // A manual run at 07:59:30 on an hourly schedule covers the time since the 07:00 slot.
        Assert.Equal(("2026-04-30T07:00:00Z", "2026-04-30T07:59:30Z"), (result.GetProperty("date_range").Str("from"), result.GetProperty("date_range").Str("to")));
        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetString() ==
            "The prompt names no time window, so the run covers the time since the job's previous scheduled run: between 2026-04-30 07:00 and 2026-04-30 07:59 UTC. " +
            "Say e.g. \"today\" or \"last 7 days\" in the prompt, or give date_range, for another.");
    }

    [Theory]
    [InlineData("How many posts with #launchday today?", "#launchday -is:retweet")]
    [InlineData("Mentions of @globex this week", "@globex -is:retweet")]
    [InlineData("Globex or Initech today", "(Globex OR Initech) -is:retweet")]
    [InlineData("Globex mentions today including retweets", "Globex")]
    [InlineData("Globex mentions in English today", "Globex lang:en -is:retweet")]
    [InlineData("Globex mentions today except posts from @globexjobs", "Globex -from:globexjobs -is:retweet")]
    [InlineData("How many times was \"Globex Cloud\" mentioned today?", "\"Globex Cloud\" -is:retweet")]
    [InlineData("Globex posts today without hiring posts", "Globex -hiring -\"job opening\" -\"job openings\" -\"apply now\" -\"join our team\" -\"open position\" -\"open positions\" -\"open role\" -\"open roles\" -\"now recruiting\" -#jobs -#job -#hiring -\"job alert\" -is:retweet")]
    public async Task Query_SpeaksXsOperators(string prompt, string xQuery)
    {
        await AskAsync(prompt);

        Assert.Contains(fixture.Sources.Requests, r => r.Path.EndsWith("/2/tweets/counts/recent") && Uri.UnescapeDataString(r.Query).Contains($"query={xQuery}&"));
    }

    [Fact]
    public async Task HackerNews_CountsOnlyHitsNamingTheTerm_AndSaysWhenAlgoliaCountedMore()
    {
        var result = (await AskAsync("How many times was Globex mentioned today?")).GetProperty("result");

        Assert.Contains(result.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("Algolia reported 7 hits; 6 name \"Globex\" as a word"));
        Assert.DoesNotContain(result.GetProperty("records").EnumerateArray(), r => r.Str("id") == "hackernews:42000016");
        var request = fixture.Sources.Requests.Last(r => r.Path.EndsWith("search_by_date") && r.Query.Contains("Globex"));
        Assert.Contains("typoTolerance=false", request.Query);
        Assert.Contains("queryType=prefixNone", request.Query);
    }

    [Theory]
    [InlineData("", 9)]
    [InlineData("&typoTolerance=false&queryType=prefixNone", 7)]
    public async Task AlgoliaFixture_IsFuzzy_UnlessExactMatchIsAsked(string options, int hits)
    {
        using var http = new HttpClient { BaseAddress = fixture.Sources.Address };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("test/1");
        var today = SourceFixtureServer.Today.ToUnixTimeSeconds();
        var json = JsonDocument.Parse(await http.GetStringAsync(
            $"hn/api/v1/search_by_date?query=Globex&tags=(story,comment)&numericFilters=created_at_i>={today},created_at_i<{today + 86400}&hitsPerPage=100&page=0{options}"));

        Assert.Equal(hits, json.RootElement.GetProperty("nbHits").GetInt32());
    }
}
