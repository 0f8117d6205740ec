using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Queries;

/// <summary>What the chat model answered: its message, or why there is none (said in notes and logs, never the prompt).</summary>
public sealed record LlmAnswer(string? Content, string? Failure);

/// <summary>
/// The OpenAI-compatible <c>/chat/completions</c> endpoint of <c>ByteStack:Llm</c>, shared by the
/// planner and batch sentiment: one request, the configured timeout, and every failure turned
/// into a reason instead of an exception.
/// </summary>
public sealed class LlmClient(HttpClient client, IOptions<LlmOptions> options, IOptions<Sources.SourcesOptions> sources)
{
    public LlmOptions Options => options.Value;

    public async Task<LlmAnswer> AskAsync(string system, string user, CancellationToken ct)
    {
        var llm = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(llm.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{llm.BaseUrl!.TrimEnd('/')}/chat/completions")
            {
                Content = JsonContent.Create(new
                {
                    model = llm.Model,
                    temperature = 0,
                    messages = new[] { new { role = "system", content = system }, new { role = "user", content = user } },
                }),
            };
            if (!string.IsNullOrWhiteSpace(llm.ApiKey)) request.Headers.Authorization = new("Bearer", llm.ApiKey);
            request.Headers.UserAgent.ParseAdd(sources.Value.UserAgent);
            using var response = await client.SendAsync(request, timeout.Token);
            if (!response.IsSuccessStatusCode) return new(null, $"it answered HTTP {(int)response.StatusCode}");
            using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(timeout.Token), cancellationToken: timeout.Token);
            var content = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
            return content is null ? new(null, "its answer had no message") : new(content, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, $"it did not answer within {llm.Timeout.TotalSeconds:0.###} s");
        }
        // Whatever goes wrong with an optional model, the caller falls back to rules or the offline scorer.
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return new(null, e is HttpRequestException ? $"it could not be reached ({e.Message})" : "its answer was not a chat completion");
        }
    }
}
