using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public const string LlmKey = "llm-test-key";

    /// <summary>
    /// An OpenAI-compatible <c>/chat/completions</c>. Plans: a valid plan, unless the question says
    /// "gibberish" (content that is not JSON) or "llm-down" (HTTP 500). Summaries: a sentence using
    /// the given total when it is 5, otherwise one with an invented number.
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
        if (system.StartsWith("You turn a question", StringComparison.Ordinal))
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

    public IEnumerable<string> LlmArgs() =>
        [$"--ByteStack:Llm:BaseUrl={Address.ToString().TrimEnd('/')}/llm/v1", $"--ByteStack:Llm:ApiKey={LlmKey}", "--ByteStack:Llm:Model=test-model"];
}
