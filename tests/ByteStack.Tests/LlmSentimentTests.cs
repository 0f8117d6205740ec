using ByteStack.Server.Analysis;

namespace ByteStack.Tests;

public sealed class LlmSentimentTests
{
    [Theory]
    [InlineData("""{"labels":[{"index":0,"label":"positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", null)]
    [InlineData("""{"labels":[{"index":2,"label":"neutral"},{"index":0,"label":"positive"},{"index":1,"label":"negative"}]}""", null)]
    [InlineData("```json\n{\"labels\":[{\"index\":0,\"label\":\"positive\"},{\"index\":1,\"label\":\"negative\"},{\"index\":2,\"label\":\"neutral\"}]}\n```", null)]
    [InlineData("positive, negative, neutral", "its answer was not JSON")]
    [InlineData("""[{"index":0,"label":"positive"}]""", "its answer had no \"labels\" array")]
    [InlineData("""{"labels":[{"index":0,"label":"positive"},{"index":1,"label":"negative"}]}""", "index 2 had no label")]
    [InlineData("""{"labels":[{"index":0,"label":"positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"},{"index":3,"label":"neutral"}]}""", "index 3 was not among the 3 posts sent")]
    [InlineData("""{"labels":[{"index":-1,"label":"positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "index -1 was not among the 3 posts sent")]
    [InlineData("""{"labels":[{"index":0,"label":"positive"},{"index":0,"label":"negative"},{"index":2,"label":"neutral"}]}""", "index 0 was labelled twice")]
    [InlineData("""{"labels":[{"index":0,"label":"Positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "index 0 had a label other than positive, negative or neutral")]
    [InlineData("""{"labels":[{"index":0,"label":"mixed"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "index 0 had a label other than positive, negative or neutral")]
    [InlineData("""{"labels":[{"index":0,"label":1},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "index 0 had a label other than positive, negative or neutral")]
    [InlineData("""{"labels":[{"index":"0","label":"positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "a label had no whole-number index")]
    [InlineData("""{"labels":[{"index":0.5,"label":"positive"},{"index":1,"label":"negative"},{"index":2,"label":"neutral"}]}""", "a label had no whole-number index")]
    [InlineData("""{"labels":["positive","negative","neutral"]}""", "a label had no whole-number index")]
    public void ReadLabels_AcceptsExactlyOneKnownLabelPerIndex_WhenTheAnswerIsValid(string content, string? why)
    {
        var labels = LlmSentiment.ReadLabels(content, 3, out var reason);

        Assert.Equal(why, reason);
        if (why is null) Assert.Equal([Sentiment.Positive, Sentiment.Negative, Sentiment.Neutral], labels);
        else Assert.Null(labels);
    }
}
