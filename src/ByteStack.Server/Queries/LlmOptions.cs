namespace ByteStack.Server.Queries;

/// <summary>
/// <c>ByteStack:Llm</c>: an optional OpenAI-compatible chat model (OpenAI, Ollama's <c>/v1</c>, …)
/// that plans queries and words the summary. Unset <see cref="BaseUrl"/> means rules only.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "ByteStack:Llm";

    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    public string Model { get; set; } = "gpt-4o-mini";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
