using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Delivery;

/// <summary><c>/v1/webhooks</c> over <see cref="WebhooksService"/>. Admin only, like keys and the bucket connection.</summary>
public static class WebhooksApi
{
    public const string JobCompleted = WebhooksService.JobCompleted;

    public static void MapWebhooksApi(this IEndpointRouteBuilder v1)
    {
        var webhooks = v1.MapGroup("/webhooks").RequireAuthorization(Scopes.Admin).WithTags("Webhooks");
        webhooks.MapPost("/", Create).WithName("createWebhook").WithSummary("Register a webhook; its secret is shown this once")
            .Body<CreateWebhookRequest>().Returns<WebhookWithSecretResponse>(201);
        webhooks.MapGet("/", List).WithName("listWebhooks").WithSummary("List webhooks, newest first").Returns<Page<WebhookResponse>>().Fails(400);
        webhooks.MapGet("/{id}", Get).WithName("getWebhook").WithSummary("Get a webhook").Returns<WebhookResponse>().Fails(404);
        webhooks.MapDelete("/{id}", Delete).WithName("deleteWebhook").WithSummary("Delete a webhook").Produces(204).Fails(404);
        webhooks.MapPost("/{id}/rotate-secret", Rotate).WithName("rotateWebhookSecret").WithSummary("Replace a webhook's secret; the new one is shown this once")
            .Returns<WebhookWithSecretResponse>().Fails(404);
        webhooks.MapPost("/signing-secret", RotateSigning).WithName("rotateSigningSecret")
            .WithSummary("Replace the secret that signs deliveries to jobs' own webhook_url; shown this once").Returns<SigningSecretResponse>();
    }

    private static async Task<IResult> Create(ClaimsPrincipal user, WebhooksService webhooks, JsonBody<CreateWebhookRequest> body, CancellationToken ct) =>
        (await webhooks.CreateAsync(user.ProjectId(), body.Value, ct, body.Errors)).ToResult(w => TypedResults.Created($"/v1/webhooks/{w.Id}", w));

    private static async Task<IResult> List(ClaimsPrincipal user, WebhooksService webhooks, int? limit, string? cursor, CancellationToken ct) =>
        (await webhooks.ListAsync(user.ProjectId(), limit, cursor, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Get(ClaimsPrincipal user, WebhooksService webhooks, string id, CancellationToken ct) =>
        (await webhooks.GetAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Delete(ClaimsPrincipal user, WebhooksService webhooks, string id, CancellationToken ct) =>
        (await webhooks.DeleteAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.NoContent);

    private static async Task<IResult> Rotate(ClaimsPrincipal user, WebhooksService webhooks, string id, CancellationToken ct) =>
        (await webhooks.RotateSecretAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> RotateSigning(ClaimsPrincipal user, WebhooksService webhooks, CancellationToken ct) =>
        TypedResults.Ok(await webhooks.RotateSigningSecretAsync(user.ProjectId(), ct));
}
