using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;

namespace ByteStack.Server.Delivery;

/// <summary>Webhooks notified after every job run (SPEC §6); a secret is shown once, at creation or rotation.</summary>
public sealed class WebhooksService(WebhookStore store, IConfiguration configuration, TimeProvider clock)
{
    public const string JobCompleted = "job.completed";
    public static readonly string[] Events = [JobCompleted];
    private const int MaxUrlLength = 2048;

    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<WebhookWithSecretResponse>> CreateAsync(string projectId, CreateWebhookRequest request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        if (checks.BodyInvalid) return checks.Problem!;
        var url = checks.Required("url", request.Url, MaxUrlLength);
        if (url is not null && !FieldChecks.IsHttpUrl(url, MaxUrlLength))
        {
            checks.Add("url", "invalid_url", "url must be an absolute http(s) URL.");
            url = null;
        }
        var events = checks.StringArray("events", request.Events, "invalid_events", e => Events.Contains(e), $"Events can be: {string.Join(", ", Events)}.") ?? [JobCompleted];
        if (checks.Problem is null && !configuration.GetValue<bool>(NetworkTargets.AllowPrivateSetting) && await NetworkTargets.ResolvesToPrivateAsync(new Uri(url!), ct))
            checks.Add("url", ErrorCodes.PrivateNetworkTarget, $"{new Uri(url!).Host} is on a private or loopback network; webhooks must be reachable on the public internet.");
        if (checks.Problem is { } problem) return problem;

        var now = clock.GetUtcNow();
        var webhook = new Webhook(Ids.New("wh", now), projectId, url!, events.Distinct().ToList(), now);
        var secret = WebhookSignature.NewSecret();
        await store.InsertAsync(webhook, secret, ct);
        return new WebhookWithSecretResponse(webhook.Id, webhook.Url, webhook.Events, webhook.CreatedAt, secret);
    }

    public async Task<Outcome<Page<WebhookResponse>>> ListAsync(string projectId, int? limit, string? cursor, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, cursor, "wh", out var page, out var problem)) return problem;
        return Outcome.Ok(page.ToPage(await store.ListAsync(projectId, page, ct), w => w.Id, ToResponse));
    }

    public async Task<Outcome<WebhookResponse>> GetAsync(string projectId, string id, CancellationToken ct) =>
        await store.GetAsync(projectId, id, ct) is { } webhook ? ToResponse(webhook) : NotFound(id);

    public async Task<Outcome> DeleteAsync(string projectId, string id, CancellationToken ct) =>
        await store.DeleteAsync(projectId, id, ct) ? Outcome.Done : NotFound(id);

    public async Task<Outcome<WebhookWithSecretResponse>> RotateSecretAsync(string projectId, string id, CancellationToken ct)
    {
        var secret = WebhookSignature.NewSecret();
        if (!await store.RotateSecretAsync(projectId, id, secret, ct) || await store.GetAsync(projectId, id, ct) is not { } webhook) return NotFound(id);
        return new WebhookWithSecretResponse(webhook.Id, webhook.Url, webhook.Events, webhook.CreatedAt, secret);
    }

    /// <summary>A new secret for signing deliveries to jobs' own webhook_url, shown once.</summary>
    public async Task<SigningSecretResponse> RotateSigningSecretAsync(string projectId, CancellationToken ct)
    {
        var secret = WebhookSignature.NewSecret();
        await store.RotateProjectSecretAsync(projectId, secret, ct);
        return new SigningSecretResponse(secret);
    }

    private static WebhookResponse ToResponse(Webhook w) => new(w.Id, w.Url, w.Events, w.CreatedAt);

    private static ApiProblem NotFound(string id) => Problems.NotFound(ErrorCodes.WebhookNotFound, $"No webhook '{id}' in this project.");
}
