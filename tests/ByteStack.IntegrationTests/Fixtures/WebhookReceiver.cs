using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ByteStack.IntegrationTests.Fixtures;

/// <summary>
/// An HTTP endpoint on loopback that records every request it gets and answers with the next
/// scripted reply (a status, optionally after a delay); 200 once the script runs out.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<(int Status, TimeSpan Delay)> script = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public Uri Url { get; private set; } = null!;

    /// <summary>Queues replies for the next requests, in order.</summary>
    public void Answer(params (int Status, TimeSpan Delay)[] replies)
    {
        foreach (var reply in replies) script.Enqueue(reply);
    }

    public static async Task<WebhookReceiver> StartAsync(Func<HttpContext, Task<bool>>? custom = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(async context =>
        {
            if (custom is not null && await custom(context)) return;
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Requests.Enqueue(new Received(context.Request.Path, body.ToArray(),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var (status, delay) = receiver.script.TryDequeue(out var next) ? next : (200, TimeSpan.Zero);
            if (delay > TimeSpan.Zero)
            {
                try { await Task.Delay(delay, context.RequestAborted); }
                catch (OperationCanceledException) { return; } // the caller gave up waiting, as it should
            }
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return receiver;
    }

    /// <summary>
    /// A stand-in S3 endpoint that refuses every request with one S3 error, in S3's XML format —
    /// for the failures s3rver cannot produce (it checks no secrets and no permissions).
    /// </summary>
    public static Task<WebhookReceiver> S3ErrorAsync(int status, string code, string message) => StartAsync(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/xml";
        await context.Response.WriteAsync(
            $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>{code}</Code><Message>{message}</Message><RequestId>1</RequestId></Error>");
        return true;
    });

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
