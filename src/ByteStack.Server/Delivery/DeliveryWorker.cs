using System.Text;
using ByteStack.Server.Storage;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Delivery;

/// <summary>
/// The outbox dispatcher: claims due deliveries, attempts each once (a result file to the
/// project's bucket, an event to a webhook), and records the outcome; failures come back after a
/// capped exponential backoff, on whichever node claims them then. Every attempt is logged.
/// </summary>
public sealed class DeliveryWorker(
    Outbox outbox, BucketStore buckets, BucketClients bucketClients, WebhookStore webhooks, Storage.ResultFiles results, IHttpClientFactory http,
    TimeProvider clock, IOptions<DeliveryOptions> options, ILogger<DeliveryWorker> logger) : Hosting.PollingLoop(clock, logger)
{
    public const string WebhookClient = "webhooks";

    /// <summary>One round: claims up to <see cref="DeliveryOptions.Concurrency"/> due deliveries and attempts them; returns how many.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var claimed = await outbox.ClaimAsync(options.Value.Concurrency, Clock.GetUtcNow(), ct);
        await Task.WhenAll(claimed.Select(d => AttemptAsync(d, ct)));
        return claimed.Count;
    }

    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override string Duty => "Dispatching deliveries";

    protected override async Task<bool> RoundAsync(CancellationToken ct) => await RunOnceAsync(ct) > 0;

    private async Task AttemptAsync(Delivery delivery, CancellationToken ct)
    {
        AttemptOutcome outcome;
        try
        {
            outcome = delivery.Kind == DeliveryKind.Bucket ? await ToBucketAsync(delivery, ct) : await ToWebhookAsync(delivery, ct);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Retried: the key ring may come back (a node started without the shared ByteStack:DataProtection:KeysDir).
            outcome = new AttemptOutcome(false, "This node cannot decrypt the stored secret: its Data Protection key ring differs from the one that encrypted it.");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            outcome = new AttemptOutcome(false, $"Internal error: {e.Message}");
        }

        if (outcome.Delivered)
            logger.LogInformation("Delivery {DeliveryId} of run {RunId} ({Kind} → {Target}) attempt {Attempt}: delivered.",
                delivery.Id, delivery.RunId, delivery.Kind, delivery.Describe(), delivery.Attempts);
        else
            logger.LogWarning("Delivery {DeliveryId} of run {RunId} ({Kind} → {Target}) attempt {Attempt}: {Error}",
                delivery.Id, delivery.RunId, delivery.Kind, delivery.Describe(), delivery.Attempts, outcome.Error);

        if (!await outbox.FinishAsync(delivery, outcome, Clock.GetUtcNow(), CancellationToken.None))
            logger.LogWarning("Delivery {DeliveryId} attempt {Attempt} outlived its lease; another attempt owns it now.", delivery.Id, delivery.Attempts);
    }

    private async Task<AttemptOutcome> ToBucketAsync(Delivery delivery, CancellationToken ct)
    {
        // Not permanent: a bucket connected again within the retry budget still receives the file.
        if (await buckets.GetAsync(delivery.ProjectId, ct, withSecret: true) is not { } bucket)
            return new AttemptOutcome(false, "No bucket is connected to the project (it was disconnected after the run).");
        if (await results.ReadAsync(delivery.ProjectId, delivery.Target, ct) is not { } content)
            return new AttemptOutcome(false, "The result file was deleted from built-in storage before it could be delivered.", Permanent: true);
        return await bucketClients.PutAsync(bucket.Target, delivery.Target, content, ct) is { } failure
            ? new AttemptOutcome(false, failure.Detail)
            : AttemptOutcome.Success;
    }

    private async Task<AttemptOutcome> ToWebhookAsync(Delivery delivery, CancellationToken ct)
    {
        var secret = delivery.WebhookId is { } id
            ? await webhooks.SecretAsync(delivery.ProjectId, id, ct)
            : await webhooks.ProjectSecretAsync(delivery.ProjectId, ct);
        if (secret is null) return new AttemptOutcome(false, "The webhook was deleted.", Permanent: true);

        var body = Encoding.UTF8.GetBytes(delivery.Payload ?? "{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(secret, body));
        request.Headers.Add("X-ByteStack-Delivery", delivery.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.WebhookTimeout);
        try
        {
            using var response = await http.CreateClient(WebhookClient).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? AttemptOutcome.Success
                : new AttemptOutcome(false, $"The webhook answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}.");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(false, $"The webhook did not answer within {options.Value.WebhookTimeout.TotalSeconds:0.###} s.");
        }
        catch (HttpRequestException e) when (Hosting.NetworkTargets.IsRefusal(e))
        {
            return new AttemptOutcome(false, $"{new Uri(delivery.Target).Host} is on a private or loopback network; webhooks there are refused.", Permanent: true);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(false, $"The webhook could not be reached: {e.Message}");
        }
    }
}
