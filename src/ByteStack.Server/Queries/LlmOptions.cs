namespace ByteStack.Server.Queries;

/// <summary>
/// <c>ByteStack:Llm</c>: an optional OpenAI-compatible chat model (OpenAI, Ollama's <c>/v1</c>, …)
/// that plans queries, words the summary and labels sentiment in batches. Unset <see cref="BaseUrl"/>
/// means rules and the offline scorer only.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "ByteStack:Llm";

    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    public string Model { get; set; } = "gpt-4o-mini";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Whether the model labels each post's sentiment (when <see cref="BaseUrl"/> is set); false keeps the offline scorer.</summary>
    public bool Sentiment { get; set; } = true;

    /// <summary>Posts per sentiment request; a batch the model answers badly is scored offline.</summary>
    public int SentimentBatchSize { get; set; } = 50;

    public const int MaxSentimentBatchSize = 500;

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
