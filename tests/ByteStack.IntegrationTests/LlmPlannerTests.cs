using System.Net;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>The optional chat model: used when it answers well, ignored when it does not.</summary>
public sealed class LlmPlannerTests(SourceFixtures fixtures) : IClassFixture<SourceFixtures>
{
    private async Task<(RunningServer, HttpClient)> StartAsync()
    {
        var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, fixtures.Server.ConnectorArgs().Concat(fixtures.Server.LlmArgs()));
        return (server, await server.NewProjectClientAsync());
    }

    [Fact]
    public async Task Llm_PlansTermsAndIntent_AndWordsTheSummary_WithTheComputedNumbers()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;

        var response = await client.PostJsonAsync("/v1/queries?wait=30", """{"prompt":"Tell me how the brand behind the roadrunner traps is doing on HN today, skip job posts","sources":["hackernews"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await response.ReadJsonAsync()).GetProperty("result");
        Assert.Equal("llm", result.Str("planned_by"));
        Assert.Equal(["Acme"], result.GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(["jobs"], result.GetProperty("exclusions").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("sentiment", result.Str("intent"));
        Assert.Equal(5, result.GetProperty("total_mentions").GetInt64());
        Assert.Equal("Acme drew 5 mentions on Hacker News today, 40% of them positive.", result.Str("summary"));
        Assert.Contains(fixtures.Server.Requests, r => r.Path == "/hn/api/v1/search_by_date" && r.Query.Contains("query=Acme"));
    }

    [Theory]
    [InlineData("How many times was Acme mentioned today? gibberish")]
    [InlineData("How many times was Acme mentioned today? llm-down")]
    [InlineData("How many times was Acme mentioned today? nochoices")]
    public async Task Llm_FallsBackToRules_WhenItsAnswerIsUnusable(string prompt)
    {
        var (server, client) = await StartAsync();
        await using var _ = server;

        var response = await client.PostJsonAsync("/v1/queries?wait=30", $$"""{"prompt":"{{prompt}}","sources":["hackernews"]}""");

        var result = (await response.ReadJsonAsync()).GetProperty("result");
        Assert.Equal("rules", result.Str("planned_by"));
        Assert.Equal(["Acme"], result.GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task Llm_SummaryWithInventedNumbers_IsReplacedByTheTemplate()
    {
        var (server, client) = await StartAsync();
        await using var _ = server;

        // X reports 342 matches: the fake model answers "9,999", which is not a computed number.
        var response = await client.PostJsonAsync("/v1/queries?wait=30", """{"prompt":"Brand news","sources":["x"]}""");

        var result = (await response.ReadJsonAsync()).GetProperty("result");
        Assert.Equal(342, result.GetProperty("total_mentions").GetInt64());
        Assert.DoesNotContain("9,999", result.Str("summary"));
        Assert.StartsWith("Sentiment around Acme on X in the last 7 days: ", result.Str("summary"));
    }
}
