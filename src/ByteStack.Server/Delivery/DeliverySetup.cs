using ByteStack.Server.Hosting;
using ByteStack.Server.Runs;

namespace ByteStack.Server.Delivery;

public static class DeliverySetup
{
    /// <summary>Bucket connections, webhooks, the outbox and — on worker nodes — its dispatcher.</summary>
    public static void AddDelivery(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section)
            .PostConfigure(o => o.PublicUrl ??= builder.Configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()
                                                ?? ServerApp.DefaultUrl)
            .Validate(o => Uri.TryCreate(o.PublicUrl, UriKind.Absolute, out _), "ByteStack:Delivery:PublicUrl must be an absolute URL, e.g. https://bytestack.example.com.")
            .Validate(o => o.Concurrency >= 1, "ByteStack:Delivery:Concurrency must be at least 1.")
            .Validate(o => o.MaxAttempts >= 1, "ByteStack:Delivery:MaxAttempts must be at least 1.")
            .Validate(o => o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay, "ByteStack:Delivery:BaseDelay must be positive and MaxDelay at least as long.")
            .Validate(o => o.PollInterval > TimeSpan.Zero && o.Lease > TimeSpan.Zero, "ByteStack:Delivery:PollInterval and Lease must be positive.")
            .Validate(o => o.WebhookTimeout > TimeSpan.Zero && o.BucketTimeout > TimeSpan.Zero, "ByteStack:Delivery:WebhookTimeout and BucketTimeout must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<Secrets>();
        builder.Services.AddSingleton<BucketStore>();
        builder.Services.AddSingleton<BucketClients>();
        builder.Services.AddSingleton<WebhookStore>();
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<DeliveryWorker>();

        var allowPrivate = builder.Configuration.GetValue<bool>(NetworkTargets.AllowPrivateSetting);
        builder.Services.AddHttpClient(DeliveryWorker.WebhookClient, client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan; // the dispatcher's own 10 s token decides
                client.DefaultRequestHeaders.UserAgent.ParseAdd("ByteStack-Webhooks/1.0");
            })
            // No proxy: it would hide the target's address from the private-network guard.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectCallback = NetworkTargets.Connect(allowPrivate), AllowAutoRedirect = false, UseProxy = false });

        var engine = EngineOptions.Of(builder.Configuration);
        if (engine.Has("worker")) builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
    }

    public static void MapDeliveryApis(this IEndpointRouteBuilder v1)
    {
        v1.MapBucketApi();
        v1.MapWebhooksApi();
    }
}
