using System.Security.Claims;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Delivery;

/// <summary>
/// <c>/v1/webhooks</c>: endpoints notified after every job run (SPEC §6). A secret is shown once,
/// at creation or rotation. Admin only, like keys and the bucket connection.
/// </summary>
public static class WebhooksApi
{
    public const string JobCompleted = "job.completed";
    public static readonly string[] Events = [JobCompleted];
    private const int MaxUrlLength = 2048;

    public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
    {
        public static WebhookResponse From(Webhook w) => new(w.Id, w.Url, w.Events, w.CreatedAt);
    }

    public sealed record WebhookWithSecret(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

    public sealed record SigningSecret(string Secret);

    public static void MapWebhooksApi(this IEndpointRouteBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").RequireAuthorization(Scopes.Admin).WithTags("Webhooks");

        webhooks.MapPost("/", async (ClaimsPrincipal user, WebhookStore store, IConfiguration configuration, TimeProvider clock, JsonElement body, CancellationToken ct) =>
        {
            var (created, errors) = await CreateAsync(user.ProjectId(), body, store, configuration, clock, ct);
            return created is null
                ? Problems.Validation(errors)
                : Results.Created($"/v1/webhooks/{created.Id}", created);
        });

        webhooks.MapGet("/", async (ClaimsPrincipal user, WebhookStore store, string? limit, string? cursor, CancellationToken ct) =>
        {
            if (!PageRequest.TryParse(limit, cursor, "wh", out var page, out var problem)) return problem!;
            return Results.Ok(page.ToPage(await store.ListAsync(user.ProjectId(), page, ct), w => w.Id, WebhookResponse.From));
        });

        webhooks.MapGet("/{id}", async (ClaimsPrincipal user, WebhookStore store, string id, CancellationToken ct) =>
            await store.GetAsync(user.ProjectId(), id, ct) is { } webhook ? Results.Ok(WebhookResponse.From(webhook)) : NotFound(id));

        webhooks.MapDelete("/{id}", async (ClaimsPrincipal user, WebhookStore store, string id, CancellationToken ct) =>
            await store.DeleteAsync(user.ProjectId(), id, ct) ? Results.NoContent() : NotFound(id));

        webhooks.MapPost("/{id}/rotate-secret", async (ClaimsPrincipal user, WebhookStore store, string id, CancellationToken ct) =>
        {
            var secret = WebhookSignature.NewSecret();
            if (!await store.RotateSecretAsync(user.ProjectId(), id, secret, ct) || await store.GetAsync(user.ProjectId(), id, ct) is not { } webhook) return NotFound(id);
            return Results.Ok(new WebhookWithSecret(webhook.Id, webhook.Url, webhook.Events, webhook.CreatedAt, secret));
        });

        // The secret that signs deliveries to jobs' own webhook_url: a new one, shown once.
        webhooks.MapPost("/signing-secret", async (ClaimsPrincipal user, WebhookStore store, CancellationToken ct) =>
        {
            var secret = WebhookSignature.NewSecret();
            await store.RotateProjectSecretAsync(user.ProjectId(), secret, ct);
            return Results.Ok(new SigningSecret(secret));
        });
    }

    /// <summary>Validates and registers a webhook (API and dashboard); the secret is in the answer, and only there.</summary>
    public static async Task<(WebhookWithSecret? Created, IReadOnlyList<FieldError> Errors)> CreateAsync(
        string projectId, JsonElement body, WebhookStore store, IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        var fields = new JsonFields(body, ["url", "events"]);
        if (!fields.IsObject) return (null, fields.Errors);
        var url = fields.RequiredString("url", MaxUrlLength);
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp)))
            fields.Add("url", "invalid_url", "url must be an absolute http(s) URL.");
        var events = fields.StringArray("events", "invalid_events", e => Events.Contains(e), $"Events can be: {string.Join(", ", Events)}.") ?? [JobCompleted];
        if (fields.Errors.Count == 0 && !configuration.GetValue<bool>(NetworkTargets.AllowPrivateSetting) && await NetworkTargets.ResolvesToPrivateAsync(new Uri(url!), ct))
            fields.Add("url", "private_network_target", $"{new Uri(url!).Host} is on a private or loopback network; webhooks must be reachable on the public internet.");
        if (fields.Errors.Count > 0) return (null, fields.Errors);

        var now = clock.GetUtcNow();
        var webhook = new Webhook(Ids.New("wh", now), projectId, url!, events.Distinct().ToList(), now);
        var secret = WebhookSignature.NewSecret();
        await store.InsertAsync(webhook, secret, ct);
        return (new WebhookWithSecret(webhook.Id, webhook.Url, webhook.Events, webhook.CreatedAt, secret), []);
    }

    private static IResult NotFound(string id) => Problems.NotFound("webhook_not_found", $"No webhook '{id}' in this project.");
}
