using System.Text.Json;
using ByteStack.Contracts;
using ByteStack.Server.Delivery;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using ByteStack.Server.Storage;
using Microsoft.AspNetCore.Authentication;

namespace ByteStack.Server.Dashboard.Settings;

/// <summary>
/// Settings: Storage → Connect Bucket (saved only after the test write), API keys, webhooks, and the
/// deliveries of the outbox. Changes need an admin key (retrying deliveries a write key), as in the API.
/// </summary>
public static class SettingsPages
{
    public sealed record BucketForm(string Endpoint, string Bucket, string AccessKey, string Region, bool ForcePathStyle, string Prefix)
    {
        public static BucketForm Blank { get; } = new("", "", "", "", true, "");

        public static BucketForm Read(IFormCollection form) => new(form["endpoint"].ToString().Trim(), form["bucket"].ToString().Trim(),
            form["access_key"].ToString().Trim(), form["region"].ToString().Trim(), form["force_path_style"] == "true", form["prefix"].ToString().Trim());
    }

    /// <summary>The outcome of Save or Verify: success, or the provider's reason and what to check.</summary>
    public sealed record BucketOutcome(bool Succeeded, string Message, string? Reason = null);

    public sealed record BucketModel(BucketResponse? Connected, BucketForm Form, IReadOnlyDictionary<string, string[]> Errors, BucketOutcome? Outcome);

    public sealed record KeysModel(IReadOnlyList<ApiKey> Keys, NewSecret? Created, IReadOnlyDictionary<string, string[]> Errors, string Name);

    public sealed record WebhooksModel(IReadOnlyList<Webhook> Webhooks, NewSecret? Secret, IReadOnlyDictionary<string, string[]> Errors, string Url);

    /// <summary>A secret just made, and what it belongs to (a key's name, a webhook's URL).</summary>
    public sealed record NewSecret(string Owner, string Value);

    public sealed record DeliveriesModel(IReadOnlyList<Delivery.Delivery> Deliveries, string? Status, string? NextCursor);

    public sealed record DeliveryModel(Delivery.Delivery Delivery, IReadOnlyList<Outbox.Attempt> Attempts);

    public static void MapSettingsPages(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/settings", () => Results.Redirect("/settings/storage"));

        pages.MapGet("/settings/storage", async (HttpContext http, BucketService buckets, string? notice, CancellationToken ct) =>
            Page.Render<BucketPage>(Frame.For(http, "Settings · Storage", "settings", Notices.Text(notice)),
                new BucketModel(await ConnectedAsync(http, buckets, ct), BucketForm.Blank, Empty, null)));

        pages.MapPost("/settings/storage", async (HttpContext http, BucketService buckets, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var input = BucketForm.Read(form);
            var outcome = await buckets.ConnectAsync(http.User.ProjectId(), new ConnectBucketRequest
            {
                Endpoint = input.Endpoint, Bucket = input.Bucket, AccessKey = input.AccessKey, SecretKey = form["secret_key"].ToString(),
                Region = input.Region.Length > 0 ? input.Region : null, ForcePathStyle = input.ForcePathStyle, Prefix = input.Prefix.Length > 0 ? input.Prefix : null,
            }, ct);
            var frame = Frame.For(http, "Settings · Storage", "settings");
            if (!outcome.Succeeded)
                return Page.Render<BucketPage>(frame, new BucketModel(await ConnectedAsync(http, buckets, ct), input,
                    outcome.Problem.Errors ?? Empty, Failed(outcome.Problem)), StatusCodes.Status422UnprocessableEntity);
            return Page.Render<BucketPage>(frame, new BucketModel(outcome.Value, BucketForm.Blank, Empty,
                new BucketOutcome(true, "Connected — test write succeeded. Every new result file is copied to this bucket.")));
        }).RequireSession(Scopes.Admin);

        pages.MapPost("/settings/storage/verify", async (HttpContext http, BucketService buckets, CancellationToken ct) =>
        {
            var outcome = await buckets.VerifyAsync(http.User.ProjectId(), ct);
            return Page.Render<BucketPage>(Frame.For(http, "Settings · Storage", "settings"), new BucketModel(await ConnectedAsync(http, buckets, ct), BucketForm.Blank, Empty,
                outcome.Succeeded ? new BucketOutcome(true, "Verified — test write succeeded.") : Failed(outcome.Problem)),
                outcome.Succeeded ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/storage/disconnect", (HttpContext http) =>
            Page.Render<ConfirmPage>(Frame.For(http, "Disconnect the bucket?", "settings"), new Confirmation(
                "New result files will no longer be copied to your bucket. Files already there stay; the secret key is forgotten.",
                "/settings/storage/disconnect", "Disconnect", "/settings/storage")));

        pages.MapPost("/settings/storage/disconnect", async (HttpContext http, BucketService buckets, CancellationToken ct) =>
        {
            await buckets.DisconnectAsync(http.User.ProjectId(), ct); // not connected: nothing to do, the page says so
            return Results.Redirect("/settings/storage?notice=bucket-disconnected");
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/keys", async (HttpContext http, ProjectStore projects, string? notice, CancellationToken ct) =>
            Page.Render<KeysPage>(Frame.For(http, "Settings · API keys", "settings", Notices.Text(notice)),
                new KeysModel(await KeysAsync(http, projects, ct), Shown(http), Empty, "")));

        pages.MapPost("/settings/keys", async (HttpContext http, ProjectStore projects, KeysService keys, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var name = form["name"].ToString().Trim();
            var outcome = await keys.CreateAsync(http.User.ProjectId(), new CreateKeyRequest { Name = name, Scopes = [form["scope"].ToString()] }, ct);
            if (!outcome.Succeeded)
                return Page.Render<KeysPage>(Frame.For(http, "Settings · API keys", "settings"),
                    new KeysModel(await KeysAsync(http, projects, ct), null, outcome.Problem.Errors ?? Empty, name), StatusCodes.Status422UnprocessableEntity);
            ShownOnce.Set(http, JsonSerializer.Serialize(new NewSecret(outcome.Value.Name, outcome.Value.Key)));
            return Results.Redirect("/settings/keys");
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/keys/{id}/revoke", (HttpContext http, string id) =>
            Page.Render<ConfirmPage>(Frame.For(http, "Revoke this key?", "settings"), new Confirmation(
                $"Key {id} stops working at once: programs using it get 401, and dashboard sessions signed in with it end.",
                $"/settings/keys/{id}/revoke", "Revoke key", "/settings/keys")));

        pages.MapPost("/settings/keys/{id}/revoke", async (HttpContext http, ProjectStore projects, string id, CancellationToken ct) =>
        {
            if (!await projects.RevokeKeyAsync(http.User.ProjectId(), id, ct))
                return Page.Render<NotFoundPage>(Frame.For(http, "Not found", "settings"), $"No API key '{id}' in this project.", StatusCodes.Status404NotFound);
            if (id == http.User.KeyId())
            {
                await http.SignOutAsync(DashboardSetup.Scheme);
                return Results.Redirect("/signin");
            }
            return Results.Redirect("/settings/keys?notice=key-revoked");
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/webhooks", async (HttpContext http, WebhookStore webhooks, string? notice, CancellationToken ct) =>
            Page.Render<WebhooksPage>(Frame.For(http, "Settings · Webhooks", "settings", Notices.Text(notice)),
                new WebhooksModel(await WebhooksAsync(http, webhooks, ct), Shown(http), Empty, "")));

        pages.MapPost("/settings/webhooks", async (HttpContext http, WebhookStore webhookStore, WebhooksService webhooks, CancellationToken ct) =>
        {
            var url = (await http.Request.ReadFormAsync(ct))["url"].ToString().Trim();
            var outcome = await webhooks.CreateAsync(http.User.ProjectId(), new CreateWebhookRequest { Url = url, Events = [WebhooksService.JobCompleted] }, ct);
            if (!outcome.Succeeded)
                return Page.Render<WebhooksPage>(Frame.For(http, "Settings · Webhooks", "settings"),
                    new WebhooksModel(await WebhooksAsync(http, webhookStore, ct), null, outcome.Problem.Errors ?? Empty, url), StatusCodes.Status422UnprocessableEntity);
            ShownOnce.Set(http, JsonSerializer.Serialize(new NewSecret(outcome.Value.Url, outcome.Value.Secret)));
            return Results.Redirect("/settings/webhooks");
        }).RequireSession(Scopes.Admin);

        pages.MapPost("/settings/webhooks/{id}/rotate", async (HttpContext http, WebhooksService webhooks, string id, CancellationToken ct) =>
        {
            var outcome = await webhooks.RotateSecretAsync(http.User.ProjectId(), id, ct);
            if (!outcome.Succeeded)
                return Page.Render<NotFoundPage>(Frame.For(http, "Not found", "settings"), outcome.Problem.Detail ?? $"No webhook '{id}'.", StatusCodes.Status404NotFound);
            ShownOnce.Set(http, JsonSerializer.Serialize(new NewSecret(outcome.Value.Url, outcome.Value.Secret)));
            return Results.Redirect("/settings/webhooks");
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/webhooks/{id}/delete", (HttpContext http, string id) =>
            Page.Render<ConfirmPage>(Frame.For(http, "Delete this webhook?", "settings"), new Confirmation(
                $"Webhook {id} is no longer notified. Deliveries already queued for it are kept in the list.",
                $"/settings/webhooks/{id}/delete", "Delete webhook", "/settings/webhooks")));

        pages.MapPost("/settings/webhooks/{id}/delete", async (HttpContext http, WebhookStore webhooks, string id, CancellationToken ct) =>
        {
            await webhooks.DeleteAsync(http.User.ProjectId(), id, ct);
            return Results.Redirect("/settings/webhooks?notice=webhook-deleted");
        }).RequireSession(Scopes.Admin);

        pages.MapGet("/settings/deliveries", async (HttpContext http, Outbox outbox, string? status, string? cursor, string? notice, CancellationToken ct) =>
        {
            DeliveryStatus? filter = Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var s) ? s : null;
            if (!PageRequest.TryParse(50, cursor, "dlv", out var page, out _)) page = new PageRequest(50, null);
            var shown = page.ToPage(await outbox.ListAsync(http.User.ProjectId(), filter, null, page, ct), d => d.Id, d => d);
            return Page.Render<DeliveriesPage>(Frame.For(http, "Settings · Deliveries", "settings", Notices.Text(notice)),
                new DeliveriesModel(shown.Data, filter?.ToString().ToLowerInvariant(), shown.NextCursor));
        });

        pages.MapGet("/settings/deliveries/{id}", async (HttpContext http, Outbox outbox, string id, CancellationToken ct) =>
            await outbox.GetAsync(http.User.ProjectId(), id, ct) is { } found
                ? Page.Render<DeliveryPage>(Frame.For(http, $"Delivery {id}", "settings"), new DeliveryModel(found.Delivery, found.Attempts))
                : Page.Render<NotFoundPage>(Frame.For(http, "Not found", "settings"), $"No delivery '{id}' in this project.", StatusCodes.Status404NotFound));

        pages.MapPost("/settings/deliveries/retry", async (HttpContext http, Outbox outbox, TimeProvider clock, CancellationToken ct) =>
        {
            await outbox.RetryFailedAsync(http.User.ProjectId(), null, clock.GetUtcNow(), ct);
            return Results.Redirect("/settings/deliveries?notice=retried");
        }).RequireSession(Scopes.Write);
    }

    private static NewSecret? Shown(HttpContext http) =>
        ShownOnce.Take(http) is { } json ? JsonSerializer.Deserialize<NewSecret>(json) : null;

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    /// <summary>A failed test write carries its reason; a request with invalid fields says so at the fields instead.</summary>
    private static BucketOutcome? Failed(ApiProblem problem) =>
        problem.Errors is { Count: > 0 } ? null : new BucketOutcome(false, problem.Detail ?? problem.Title, problem.Reason ?? problem.Code);

    private static async Task<BucketResponse?> ConnectedAsync(HttpContext http, BucketService buckets, CancellationToken ct) =>
        (await buckets.GetAsync(http.User.ProjectId(), ct)).Value;

    /// <summary>Keys and webhooks are admin business in the API (reading included); the dashboard shows them to admin sessions only.</summary>
    private static async Task<IReadOnlyList<ApiKey>> KeysAsync(HttpContext http, ProjectStore projects, CancellationToken ct) =>
        Viewer.From(http.User)?.CanAdmin == true ? await projects.ListKeysAsync(http.User.ProjectId(), new PageRequest(PageRequest.MaxLimit, null), ct) : [];

    private static async Task<IReadOnlyList<Webhook>> WebhooksAsync(HttpContext http, WebhookStore webhooks, CancellationToken ct) =>
        Viewer.From(http.User)?.CanAdmin == true ? await webhooks.ListAsync(http.User.ProjectId(), new PageRequest(PageRequest.MaxLimit, null), ct) : [];
}
