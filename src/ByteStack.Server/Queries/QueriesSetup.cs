using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

public static class QueriesSetup
{
    public static void AddQueries(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueriesOptions>().BindConfiguration(QueriesOptions.Section)
            .Validate(o => o.Workers >= 1, "ByteStack:Queries:Workers must be at least 1.")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "ByteStack:Queries:PollInterval must be positive.")
            .Validate(o => o.StaleAfter > TimeSpan.Zero, "ByteStack:Queries:StaleAfter must be positive.")
            .ValidateOnStart();
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section)
            .Validate(o => o.BaseUrl is null || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "ByteStack:Llm:BaseUrl must be an absolute URL, e.g. http://localhost:11434/v1.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Model), "ByteStack:Llm:Model must not be empty.")
            .Validate(o => o.Timeout > TimeSpan.Zero, "ByteStack:Llm:Timeout must be positive.")
            .Validate(o => o.SentimentBatchSize is >= 1 and <= LlmOptions.MaxSentimentBatchSize,
                $"ByteStack:Llm:SentimentBatchSize must be from 1 to {LlmOptions.MaxSentimentBatchSize}.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<LlmClient>(sp, SourcesSetup.NewHttpClient(SourcesSetup.MaxResponseBytes(sp))));
        builder.Services.AddSingleton<QueryPlanner>();
        builder.Services.AddSingleton<Analysis.LlmSentiment>();
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddSingleton<QueryStore>();
        builder.Services.AddSingleton<QueryWorker>();
        var roles = Runs.EngineOptions.Of(builder.Configuration);
        if (roles.Has("worker") || roles.Has("queries")) builder.Services.AddHostedService(sp => sp.GetRequiredService<QueryWorker>());
    }
}
