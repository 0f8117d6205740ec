using System.Security.Claims;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Delivery;

/// <summary>
/// <c>/v1/storage/bucket</c>: connect the project's own S3-compatible bucket (saved only after a
/// test write succeeds), show it (never the secret), test it again, disconnect it; and
/// <c>/v1/storage/deliveries</c>: what the outbox delivered, is still trying, or gave up on.
/// </summary>
public static class BucketApi
{
    public sealed record BucketResponse(
        string Status, string Endpoint, string Bucket, string AccessKey, string? Region, bool ForcePathStyle, string? Prefix,
        DateTimeOffset VerifiedAt, DateTimeOffset CreatedAt)
    {
        public static BucketResponse From(BucketConnection b) => new("active", b.Target.Endpoint, b.Target.Bucket, S3Failure.Mask(b.Target.AccessKey),
            b.Target.Region, b.Target.ForcePathStyle, b.Target.Prefix, b.VerifiedAt, b.CreatedAt);
    }

    public sealed record DeliveryResponse(
        string Id, string RunId, string JobId, DeliveryKind Kind, string Target, string? WebhookId, DeliveryStatus Status, int Attempts,
        DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        IReadOnlyList<Outbox.Attempt>? History = null)
    {
        /// <remarks>A webhook target shows only its origin: the path of such a URL often is its credential, and this list is readable with a read key.</remarks>
        public static DeliveryResponse From(Delivery d) => new(d.Id, d.RunId, d.JobId, d.Kind, d.Describe(), d.WebhookId, d.Status, d.Attempts,
            d.LastAttemptAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastError, d.CreatedAt, d.DeliveredAt);
    }

    public sealed record RetryResponse(int Retried);

    private static readonly string[] Fields = ["endpoint", "bucket", "access_key", "secret_key", "region", "force_path_style", "prefix"];

    public static void MapBucketApi(this IEndpointRouteBuilder v1)
    {
        var storage = v1.MapGroup("/storage").WithTags("Bucket and deliveries");

        storage.MapPut("/bucket", async (ClaimsPrincipal user, BucketStore store, BucketClients clients, TimeProvider clock, JsonElement body, CancellationToken ct) =>
        {
            var (target, errors) = Read(body);
            if (target is null) return Problems.Validation(errors);
            if (await clients.VerifyAsync(target, ct) is { } failure) return VerificationFailed(failure);
            var now = clock.GetUtcNow();
            var existing = await store.GetAsync(user.ProjectId(), ct, withSecret: true);
            var saved = new BucketConnection(user.ProjectId(), target, now, existing?.CreatedAt ?? now);
            await store.SaveAsync(saved, ct);
            if (existing is not null && existing.Target != target) clients.Forget(existing.Target);
            return Results.Ok(BucketResponse.From(saved));
        }).RequireAuthorization(Scopes.Admin);

        storage.MapGet("/bucket", async (ClaimsPrincipal user, BucketStore store, CancellationToken ct) =>
            await store.GetAsync(user.ProjectId(), ct) is { } bucket ? Results.Ok(BucketResponse.From(bucket)) : NotConnected());

        storage.MapDelete("/bucket", async (ClaimsPrincipal user, BucketStore store, BucketClients clients, CancellationToken ct) =>
        {
            if (await store.GetAsync(user.ProjectId(), ct, withSecret: true) is not { } existing) return NotConnected();
            await store.DeleteAsync(user.ProjectId(), ct);
            clients.Forget(existing.Target);
            return Results.NoContent();
        }).RequireAuthorization(Scopes.Admin);

        storage.MapPost("/bucket/verify", async (ClaimsPrincipal user, BucketStore store, BucketClients clients, TimeProvider clock, CancellationToken ct) =>
        {
            if (await store.GetAsync(user.ProjectId(), ct, withSecret: true) is not { } bucket) return NotConnected();
            if (await clients.VerifyAsync(bucket.Target, ct) is { } failure) return VerificationFailed(failure);
            var verified = bucket with { VerifiedAt = clock.GetUtcNow() };
            await store.MarkVerifiedAsync(user.ProjectId(), verified.VerifiedAt, ct);
            return Results.Ok(BucketResponse.From(verified));
        }).RequireAuthorization(Scopes.Admin);

        storage.MapGet("/deliveries", async (ClaimsPrincipal user, Outbox outbox, string? status, string? kind, string? limit, string? cursor, CancellationToken ct) =>
        {
            if (!PageRequest.TryParse(limit, cursor, "dlv", out var page, out var problem)) return problem!;
            if (!TryParseEnum<DeliveryStatus>(status, out var s))
                return Problems.BadParameter("status", "invalid_status", "status must be pending, delivered or failed.");
            if (!TryParseEnum<DeliveryKind>(kind, out var k))
                return Problems.BadParameter("kind", "invalid_kind", "kind must be bucket or webhook.");
            var rows = await outbox.ListAsync(user.ProjectId(), s, k, page, ct);
            return Results.Ok(page.ToPage(rows, d => d.Id, DeliveryResponse.From));
        });

        storage.MapGet("/deliveries/{id}", async (ClaimsPrincipal user, Outbox outbox, string id, CancellationToken ct) =>
            await outbox.GetAsync(user.ProjectId(), id, ct) is { } found
                ? Results.Ok(DeliveryResponse.From(found.Delivery) with { History = found.Attempts })
                : Problems.NotFound("delivery_not_found", $"No delivery '{id}' in this project."));

        // Body optional: {"ids": [...]} retries only those; without it every failed delivery of the project.
        storage.MapPost("/deliveries/retry", async (ClaimsPrincipal user, Outbox outbox, TimeProvider clock, HttpRequest request, CancellationToken ct) =>
        {
            List<string>? ids = null;
            if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
            {
                JsonElement body;
                try { body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct); }
                catch (JsonException) { return Problems.Validation([new FieldError("body", "invalid_body", "The body must be a JSON object.")]); }
                var fields = new JsonFields(body, ["ids"]);
                ids = fields.StringArray("ids", "invalid_ids", id => Ids.IsValid(id, "dlv"), "Each id must be a delivery id (dlv_…).");
                if (fields.Errors.Count > 0) return Problems.Validation(fields.Errors);
            }
            return Results.Ok(new RetryResponse(await outbox.RetryFailedAsync(user.ProjectId(), ids, clock.GetUtcNow(), ct)));
        }).RequireAuthorization(Scopes.Write);
    }

    /// <summary>Validates a connection request (the API's body, or the dashboard's form as the same JSON).</summary>
    public static (S3Target?, IReadOnlyList<FieldError>) Read(JsonElement body)
    {
        var fields = new JsonFields(body, Fields);
        if (!fields.IsObject) return (null, fields.Errors);
        var endpoint = fields.RequiredString("endpoint", 500);
        if (endpoint is not null && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)))
            fields.Add("endpoint", "invalid_endpoint", "endpoint must be the provider's absolute http(s) URL, e.g. https://s3.us-east-1.amazonaws.com.");
        var bucket = fields.RequiredString("bucket", 63);
        if (bucket is not null && (bucket.Length < 3 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_')))
            fields.Add("bucket", "invalid_bucket", "bucket must be 3 to 63 lowercase letters, digits, dots, hyphens or underscores.");
        var accessKey = fields.RequiredString("access_key", 256);
        var secretKey = fields.RequiredString("secret_key", 1024);
        // Optional fields may be absent or null.
        var region = JsonFields.IsNull(fields.Get("region")) ? null : fields.String("region", 64);
        var pathStyle = fields.Bool("force_path_style");
        var prefix = JsonFields.IsNull(fields.Get("prefix")) ? null : fields.String("prefix", 256)?.Trim('/');
        if (prefix is { Length: > 0 } && !StorageKeys.IsValid(prefix))
            fields.Add("prefix", "invalid_prefix", "prefix must be a relative path without '..', '.', empty segments or control characters.");
        if (fields.Errors.Count > 0) return (null, fields.Errors);
        // Path-style (https://host/bucket/key) works with every provider named in the docs; AWS prefers virtual-host style.
        var pathStyleDefault = !new Uri(endpoint!).Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);
        return (new S3Target(endpoint!.TrimEnd('/'), bucket!, accessKey!, secretKey!, region, pathStyle ?? pathStyleDefault,
            string.IsNullOrEmpty(prefix) ? null : prefix), []);
    }

    private static bool TryParseEnum<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || int.TryParse(text, out _)) return false;
        value = parsed;
        return true;
    }

    private static IResult VerificationFailed(S3Failure failure) => Problems.Create(StatusCodes.Status422UnprocessableEntity, "bucket_verification_failed",
        "The bucket could not be verified; nothing was saved.", failure.Detail, more: new Dictionary<string, object?> { ["reason"] = failure.Reason });

    private static IResult NotConnected() => Problems.NotFound("bucket_not_connected", "No bucket is connected to this project.");
}
