using ByteStack.Server.Sources;

namespace ByteStack.Server.Queries;

public static class QueriesSetup
{
    public static void AddQueries(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueriesOptions>().BindConfiguration(QueriesOptions.Section);
        builder.Services.AddOptions<LlmOptions>().BindConfiguration(LlmOptions.Section);
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<QueryPlanner>(sp, SourcesSetup.NewHttpClient()));
        builder.Services.AddSingleton<QueryEngine>();
        builder.Services.AddSingleton<QueryStore>();
        builder.Services.AddSingleton<QueryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<QueryWorker>());
    }
}
