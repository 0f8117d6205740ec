using System.Collections.Concurrent;
using System.Text.Json;
using ByteStack.Server.Analysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public const string LlmKey = "llm-test-key";

    /// <summary>Each sentiment request the fake model received: the model name and the indexes of its posts.</summary>
    public ConcurrentQueue<(string Model, IReadOnlyList<int> Indexes)> SentimentBatches { get; } = new();

    /// <summary>
    /// An OpenAI-compatible <c>/chat/completions</c>. Plans: a valid plan, unless the question says
    /// "gibberish" (content that is not JSON) or "llm-down" (HTTP 500). Summaries: a sentence using
    /// the given total when it is 5, otherwise one with an invented number. Sentiment batches: the
    /// model name picks the scenario (<see cref="SentimentAnswer"/>).
    /// </summary>
    private void MapLlm(WebApplication app) => app.MapPost("/llm/v1/chat/completions", async (HttpRequest r) =>
    {
        if (r.Headers.Authorization != $"Bearer {LlmKey}")
            return Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, 401);
        var body = await JsonSerializer.DeserializeAsync<JsonElement>(r.Body);
        var messages = body.GetProperty("messages");
        if (string.IsNullOrEmpty(body.GetProperty("model").GetString()) || messages.GetArrayLength() != 2) return Fail("model and two messages are required");
        var system = messages[0].GetProperty("content").GetString()!;
        var user = messages[1].GetProperty("content").GetString()!;

        string content;
        if (system.StartsWith("You label the sentiment", StringComparison.Ordinal))
        {
            var model = body.GetProperty("model").GetString()!;
            var posts = JsonDocument.Parse(user).RootElement.GetProperty("posts").EnumerateArray()
                .Select(p => (Index: p.GetProperty("index").GetInt32(), Text: p.GetProperty("text").GetString()!)).ToList();
            SentimentBatches.Enqueue((model, posts.Select(p => p.Index).ToList()));
            if (model == "sentiment-http500" || (model == "sentiment-partial" && posts.Count == 1))
                return Json(new { error = new { message = "The server had an error", type = "server_error" } }, 500);
            if (model == "sentiment-slow") await Task.Delay(TimeSpan.FromSeconds(60), r.HttpContext.RequestAborted);
            content = SentimentAnswer(model, posts);
        }
        else if (system.StartsWith("You turn a question", StringComparison.Ordinal))
        {
            if (user.Contains("llm-down")) return Json(new { error = new { message = "The server had an error", type = "server_error" } }, 500);
            if (user.Contains("nochoices")) return Json(new { id = "chatcmpl-0", @object = "chat.completion", choices = Array.Empty<object>() });
            content = user.Contains("gibberish")
                ? "Sure! I think you mean Acme."
                : """{"terms":["Acme"],"exclusions":["jobs"],"intent":"sentiment"}""";
        }
        else
        {
            var facts = JsonDocument.Parse(user).RootElement;
            content = facts.GetProperty("total_mentions").GetInt64() == 5
                ? "Acme drew 5 mentions on Hacker News today, 40% of them positive."
                : "Acme drew 9,999 mentions, a record.";
        }
        return Json(new
        {
            id = "chatcmpl-1", @object = "chat.completion", created = 1, model = body.GetProperty("model").GetString(),
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
            usage = new { prompt_tokens = 10, completion_tokens = 10, total_tokens = 20 },
        });
    });

    /// <summary>
    /// The fake model's labels, by scenario: <c>sentiment-negative</c> (and <c>-partial</c>) every post
    /// negative; <c>-fenced</c> the same inside a Markdown code fence; <c>-notjson</c>, <c>-missing</c>
    /// (last index left out), <c>-extra</c> (an index beyond the batch), <c>-duplicate</c> (the first
    /// index twice), <c>-unknown</c> ("very positive"); any other model agrees with the offline scorer.
    /// </summary>
    private static string SentimentAnswer(string model, List<(int Index, string Text)> posts)
    {
        object Entry(int index, string label) => new { index, label };
        var negative = posts.Select(p => Entry(p.Index, "negative")).ToList();
        return model switch
        {
            "sentiment-negative" or "sentiment-partial" => JsonSerializer.Serialize(new { labels = negative }),
            "sentiment-fenced" => "```json\n" + JsonSerializer.Serialize(new { labels = negative }) + "\n```",
            "sentiment-notjson" => "Here you go: mostly negative, one neutral.",
            "sentiment-missing" => JsonSerializer.Serialize(new { labels = negative.Take(negative.Count - 1) }),
            "sentiment-extra" => JsonSerializer.Serialize(new { labels = negative.Append(Entry(posts.Count, "neutral")) }),
            "sentiment-duplicate" => JsonSerializer.Serialize(new { labels = negative.Prepend(Entry(0, "positive")) }),
            "sentiment-unknown" => JsonSerializer.Serialize(new { labels = negative.Skip(1).Prepend(Entry(0, "very positive")) }),
            _ => JsonSerializer.Serialize(new
            {
                labels = posts.Select(p => Entry(p.Index, OfflineSentiment.Classify(p.Text, ["Acme"]).ToString().ToLowerInvariant())),
            }),
        };
    }

    public IEnumerable<string> LlmArgs() =>
        [$"--ByteStack:Llm:BaseUrl={Address.ToString().TrimEnd('/')}/llm/v1", $"--ByteStack:Llm:ApiKey={LlmKey}", "--ByteStack:Llm:Model=test-model"];
}
