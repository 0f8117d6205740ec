using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>
/// <c>GET /v1/analytics</c> on both databases: runs of a job that see the same posts count each
/// post once, at the time it was posted; the previous period, series, sources and authors beside it.
/// </summary>
public sealed class AnalyticsApiTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private const string Day = "from=2026-04-30T00:00:00Z&to=2026-05-01T00:00:00Z";

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Analytics_CountsEachPostOnce_WhenSeveralRunsSeeIt(DatabaseProvider provider)
    {
        await using var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        using var client = await server.NewProjectClientAsync();
        var job = await CreateJobAsync(client);
        await RunNowAsync(server, client, job);
        server.Clock.Now = server.Clock.Now.AddMinutes(30); // a later run of "today" fetches the same five posts
        await RunNowAsync(server, client, job);

        var body = await GetAsync(client, $"/v1/analytics?job_id={job}&{Day}&interval=hour");
        var summary = body.GetProperty("summary");
        Assert.Equal(5, summary.GetProperty("total_mentions").GetInt64());
        Assert.Equal(4, summary.GetProperty("unique_users").GetInt64());
        Assert.Equal(2, summary.GetProperty("positive_count").GetInt64());
        Assert.Equal(2, summary.GetProperty("negative_count").GetInt64());
        Assert.Equal(1, summary.GetProperty("neutral_count").GetInt64());
        Assert.Equal(0, summary.GetProperty("previous").GetProperty("total_mentions").GetInt64());
        Assert.Equal("2026-04-29T00:00:00Z", summary.GetProperty("previous").Str("from"));
        Assert.Equal("hour", body.Str("interval"));

        // 24 hourly buckets; each post sits in the hour it was posted (01:00 … 05:00).
        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(24, series.Count);
        var busy = series.Where(p => p.GetProperty("mentions").GetInt64() > 0).Select(p => p.Str("at")).ToList();
        Assert.Equal(["2026-04-30T01:00:00Z", "2026-04-30T02:00:00Z", "2026-04-30T03:00:00Z", "2026-04-30T04:00:00Z", "2026-04-30T05:00:00Z"], busy);
        Assert.Equal(1, series[1].GetProperty("by_source").GetProperty("hackernews").GetInt64());

        var hn = body.GetProperty("by_source").GetProperty("hackernews");
        Assert.Equal(5, hn.GetProperty("mentions").GetInt64());
        Assert.Equal(4, hn.GetProperty("unique_users").GetInt64());
        var top = body.GetProperty("top_authors")[0];
        Assert.Equal(("jdoe", "hackernews", 2L), (top.Str("author"), top.Str("source"), top.GetProperty("mentions").GetInt64()));

        // The next day compares with this one.
        var next = (await GetAsync(client, $"/v1/analytics?job_id={job}&from=2026-05-01&to=2026-05-01")).GetProperty("summary");
        Assert.Equal(0, next.GetProperty("total_mentions").GetInt64());
        Assert.Equal(5, next.GetProperty("previous").GetProperty("total_mentions").GetInt64());
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Analytics_CountsEveryJob_WhenNoJobIsGiven(DatabaseProvider provider)
    {
        await using var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs());
        using var client = await server.NewProjectClientAsync();
        await RunNowAsync(server, client, await CreateJobAsync(client));
        await RunNowAsync(server, client, await CreateJobAsync(client));

        // Two jobs asking the same question each keep the posts: the project total is per job, per post.
        var summary = (await GetAsync(client, $"/v1/analytics?{Day}")).GetProperty("summary");
        Assert.Equal(10, summary.GetProperty("total_mentions").GetInt64());
        Assert.Equal(4, summary.GetProperty("unique_users").GetInt64());
        using var other = await server.NewProjectClientAsync();
        Assert.Equal(0, (await GetAsync(other, $"/v1/analytics?{Day}")).GetProperty("summary").GetProperty("total_mentions").GetInt64());
    }

    [Theory]
    [InlineData("interval=week", HttpStatusCode.BadRequest, "invalid_interval")]
    [InlineData("from=2026-05-01&to=2026-04-01", HttpStatusCode.BadRequest, "invalid_from")]
    [InlineData("from=yesterday", HttpStatusCode.BadRequest, "invalid_from")]
    [InlineData("to=2026-13-01", HttpStatusCode.BadRequest, "invalid_to")]
    [InlineData("from=2026-01-01&to=2026-04-01&interval=hour", HttpStatusCode.BadRequest, "invalid_interval")]
    [InlineData("from=2024-01-01&to=2026-04-01", HttpStatusCode.BadRequest, "invalid_from")]
    [InlineData("job_id=job_01hx9jk2p4n5m6r7s8t9u0v1wq", HttpStatusCode.NotFound, "job_not_found")]
    public async Task Analytics_AnswersAProblem_WhenTheQueryIsInvalid(string query, HttpStatusCode status, string code)
    {
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite);
        using var client = await server.NewProjectClientAsync();
        var response = await client.GetAsync($"/v1/analytics?{query}");
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, (await response.ReadJsonAsync()).Str("code"));
    }

    private static async Task<string> CreateJobAsync(HttpClient client)
    {
        var response = await client.PostJsonAsync("/v1/jobs",
            """{"name":"Acme","prompt":"How many times was Acme mentioned on Hacker News today?","sources":["hackernews"],"schedule":"every_hour"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).Str("id");
    }

    private static async Task RunNowAsync(RunningServer server, HttpClient client, string job)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync($"/v1/jobs/{job}/run", null)).StatusCode);
        Assert.Equal(1, await server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }
}
