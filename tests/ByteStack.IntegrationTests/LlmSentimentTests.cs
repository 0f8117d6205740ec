using System.Net;
using System.Text.Json;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Analysis;
using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>
/// Sentiment from the chat model, end to end (HTTP API → planner → Algolia fixture → fake model):
/// posts go in batches with their indexes, valid labels are used, and every batch the model
/// answers badly is scored offline with a note saying how many posts and why.
/// </summary>
public sealed class LlmSentimentTests(SourceFixtures fixtures) : IClassFixture<SourceFixtures>
{
    private const string Prompt = """{"prompt":"How many times was Acme mentioned on Hacker News today?","sources":["hackernews"]}""";

    private async Task<JsonElement> AskAsync(string model, params string[] extra)
    {
        var args = fixtures.Server.ConnectorArgs()
            .Concat(fixtures.Server.LlmArgs().Where(a => !a.StartsWith("--ByteStack:Llm:Model=", StringComparison.Ordinal)))
            .Append($"--ByteStack:Llm:Model={model}").Append("--ByteStack:Llm:SentimentBatchSize=2").Concat(extra);
        await using var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite, args);
        var client = await server.NewProjectClientAsync();
        var response = await client.PostJsonAsync("/v1/queries?wait=30", Prompt);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var query = await response.ReadJsonAsync();
        Assert.Equal("completed", query.Str("status"));
        return query.GetProperty("result");
    }

    private static string[] Notes(JsonElement result) =>
        result.TryGetProperty("notes", out var notes) && notes.ValueKind == JsonValueKind.Array ? notes.EnumerateArray().Select(n => n.GetString()!).ToArray() : [];

    private static (string Text, string Label)[] Records(JsonElement result) =>
        result.GetProperty("records").EnumerateArray().Select(r => (r.Str("text")!, r.Str("sentiment")!)).ToArray();

    [Theory]
    [InlineData("sentiment-negative")]
    [InlineData("sentiment-fenced")]
    public async Task Sentiment_ComesFromTheModel_InBatchesWithIndexes_WhenItAnswersWell(string model)
    {
        var result = await AskAsync(model);

        Assert.Equal(5, result.GetProperty("total_mentions").GetInt64());
        var sentiment = result.GetProperty("sentiment");
        Assert.Equal(5, sentiment.GetProperty("negative_count").GetInt64());
        Assert.Equal(0, sentiment.GetProperty("positive_count").GetInt64());
        Assert.All(Records(result), r => Assert.Equal("negative", r.Label));
        Assert.Contains($"Sentiment was labelled by the model ({model}) for all 5 posts, in 3 batches.", Notes(result));
        // Five posts in batches of at most two, each numbered from 0.
        var batches = fixtures.Server.SentimentBatches.Where(b => b.Model == model).Select(b => b.Indexes).ToList();
        Assert.Equal([1, 2, 2], batches.Select(b => b.Count).Order());
        Assert.All(batches, b => Assert.Equal(Enumerable.Range(0, b.Count), b));
    }

    [Theory]
    [InlineData("sentiment-notjson", "its answer was not JSON")]
    [InlineData("sentiment-missing", "had no label")]
    [InlineData("sentiment-extra", "was not among the")]
    [InlineData("sentiment-duplicate", "index 0 was labelled twice")]
    [InlineData("sentiment-unknown", "index 0 had a label other than positive, negative or neutral")]
    [InlineData("sentiment-http500", "it answered HTTP 500")]
    [InlineData("sentiment-slow", "it did not answer within 2 s")]
    public async Task Sentiment_FallsBackToTheOfflineScorer_ForEveryBatchTheModelAnswersBadly(string model, string why)
    {
        var result = await AskAsync(model, "--ByteStack:Llm:Timeout=00:00:02");

        Assert.All(Records(result), r => Assert.Equal(OfflineSentiment.Classify(r.Text, ["Acme"]).ToString().ToLowerInvariant(), r.Label));
        var note = Assert.Single(Notes(result), n => n.StartsWith("Sentiment of ", StringComparison.Ordinal));
        Assert.StartsWith("Sentiment of 5 of 5 posts was scored offline because the model's answer for 3 of 3 batches could not be used: ", note);
        Assert.Contains(why, note);
    }

    [Fact]
    public async Task Sentiment_MixesModelAndOfflineLabels_WhenOnlyOneBatchFails()
    {
        var result = await AskAsync("sentiment-partial");

        // The batch of one post failed (HTTP 500): that post is scored offline, the other four are the model's.
        Assert.Contains("Sentiment of 1 of 5 posts was scored offline because the model's answer for 1 of 3 batches could not be used: it answered HTTP 500.", Notes(result));
        var records = Records(result);
        Assert.True(records.Count(r => r.Label == "negative") >= 4);
        Assert.Equal(5, result.GetProperty("sentiment").GetProperty("classified").GetInt64());
    }

    [Fact]
    public async Task Sentiment_StaysOffline_WhenTurnedOff()
    {
        var result = await AskAsync("sentiment-off", "--ByteStack:Llm:Sentiment=false");

        Assert.DoesNotContain(fixtures.Server.SentimentBatches, b => b.Model == "sentiment-off");
        // The only sentiment note is the offline scorer's own: what its labels are worth.
        Assert.Equal([ResultBuilder.OfflineSentimentNote], Notes(result).Where(n => n.StartsWith("Sentiment", StringComparison.Ordinal)));
        Assert.All(Records(result), r => Assert.Equal(OfflineSentiment.Classify(r.Text, ["Acme"]).ToString().ToLowerInvariant(), r.Label));
    }
}
