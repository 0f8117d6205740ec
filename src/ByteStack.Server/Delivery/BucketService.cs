using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Delivery;

/// <summary>
/// The project's own S3-compatible bucket (saved only after a test write succeeds, never shown with
/// its secret), and the deliveries the outbox made, is still trying, or gave up on.
/// </summary>
public sealed class BucketService(BucketStore store, BucketClients clients, Outbox outbox, TimeProvider clock)
{
    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<BucketResponse>> ConnectAsync(string projectId, ConnectBucketRequest request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        var target = Read(request, checks);
        if (target is null) return checks.Problem!;
        if (await clients.VerifyAsync(target, ct) is { } failure) return VerificationFailed(failure);
        var now = clock.GetUtcNow();
        var existing = await store.GetAsync(projectId, ct, withSecret: true);
        var saved = new BucketConnection(projectId, target, now, existing?.CreatedAt ?? now);
        await store.SaveAsync(saved, ct);
        if (existing is not null && existing.Target != target) clients.Forget(existing.Target);
        return ToResponse(saved);
    }

    public async Task<Outcome<BucketResponse>> GetAsync(string projectId, CancellationToken ct) =>
        await store.GetAsync(projectId, ct) is { } bucket ? ToResponse(bucket) : NotConnected();

    public async Task<Outcome> DisconnectAsync(string projectId, CancellationToken ct)
    {
        if (await store.GetAsync(projectId, ct, withSecret: true) is not { } existing) return NotConnected();
        await store.DeleteAsync(projectId, ct);
        clients.Forget(existing.Target);
        return Outcome.Done;
    }

    public async Task<Outcome<BucketResponse>> VerifyAsync(string projectId, CancellationToken ct)
    {
        if (await store.GetAsync(projectId, ct, withSecret: true) is not { } bucket) return NotConnected();
        if (await clients.VerifyAsync(bucket.Target, ct) is { } failure) return VerificationFailed(failure);
        var verified = bucket with { VerifiedAt = clock.GetUtcNow() };
        await store.MarkVerifiedAsync(projectId, verified.VerifiedAt, ct);
        return ToResponse(verified);
    }

    public async Task<Outcome<Page<DeliveryResponse>>> ListDeliveriesAsync(string projectId, string? status, string? kind, int? limit, string? cursor, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, cursor, "dlv", out var page, out var problem)) return problem;
        if (!TryParseEnum<DeliveryStatus>(status, out var s))
            return Problems.BadParameter("status", "invalid_status", "status must be pending, delivered or failed.");
        if (!TryParseEnum<DeliveryKind>(kind, out var k))
            return Problems.BadParameter("kind", "invalid_kind", "kind must be bucket or webhook.");
        var rows = await outbox.ListAsync(projectId, s, k, page, ct);
        return Outcome.Ok(page.ToPage(rows, d => d.Id, d => ToResponse(d)));
    }

    public async Task<Outcome<DeliveryResponse>> GetDeliveryAsync(string projectId, string id, CancellationToken ct) =>
        await outbox.GetAsync(projectId, id, ct) is { } found
            ? ToResponse(found.Delivery, found.Attempts.Select(a => new DeliveryAttempt(a.Number, a.StartedAt, a.DurationMs, a.Outcome, a.Error)).ToList())
            : Problems.NotFound(ErrorCodes.DeliveryNotFound, $"No delivery '{id}' in this project.");

    /// <summary>Queues failed deliveries again: those named in <paramref name="request"/>, or every failed one of the project.</summary>
    public async Task<Outcome<RetryDeliveriesResponse>> RetryAsync(string projectId, RetryDeliveriesRequest? request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        var ids = checks.BodyInvalid ? null : checks.StringArray("ids", request?.Ids, "invalid_ids", id => Ids.IsValid(id, "dlv"), "Each id must be a delivery id (dlv_…).");
        if (checks.Problem is { } problem) return problem;
        return new RetryDeliveriesResponse(await outbox.RetryFailedAsync(projectId, ids, clock.GetUtcNow(), ct));
    }

    private static S3Target? Read(ConnectBucketRequest request, FieldChecks checks)
    {
        if (checks.BodyInvalid) return null;
        var endpoint = checks.Required("endpoint", request.Endpoint, 500);
        if (endpoint is not null && !FieldChecks.IsHttpUrl(endpoint, 500))
            checks.Add("endpoint", "invalid_endpoint", "endpoint must be the provider's absolute http(s) URL, e.g. https://s3.us-east-1.amazonaws.com.");
        var bucket = checks.Required("bucket", request.Bucket, 63);
        if (bucket is not null && (bucket.Length < 3 || !bucket.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '.' or '_')))
            checks.Add("bucket", "invalid_bucket", "bucket must be 3 to 63 lowercase letters, digits, dots, hyphens or underscores.");
        var accessKey = checks.Required("access_key", request.AccessKey, 256);
        var secretKey = checks.Required("secret_key", request.SecretKey, 1024);
        var region = checks.String("region", request.Region, 64);
        var prefix = checks.String("prefix", request.Prefix, 256)?.Trim('/');
        if (prefix is { Length: > 0 } && !StorageKeys.IsValid(prefix))
            checks.Add("prefix", "invalid_prefix", "prefix must be a relative path without '..', '.', empty segments or control characters.");
        if (checks.Problem is not null) return null;
        // Path-style (https://host/bucket/key) works with every provider named in the docs; AWS prefers virtual-host style.
        var pathStyleDefault = !new Uri(endpoint!).Host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase);
        return new S3Target(endpoint!.TrimEnd('/'), bucket!, accessKey!, secretKey!, region, request.ForcePathStyle ?? pathStyleDefault,
            string.IsNullOrEmpty(prefix) ? null : prefix);
    }

    private static BucketResponse ToResponse(BucketConnection b) => new("active", b.Target.Endpoint, b.Target.Bucket, S3Failure.Mask(b.Target.AccessKey),
        b.Target.Region, b.Target.ForcePathStyle, b.Target.Prefix, b.VerifiedAt, b.CreatedAt);

    /// <remarks>A webhook target shows only its origin: the path of such a URL often is its credential, and this list is readable with a read key.</remarks>
    private static DeliveryResponse ToResponse(Delivery d, IReadOnlyList<DeliveryAttempt>? history = null) => new(
        d.Id, d.RunId, d.JobId, d.Kind, d.Describe(), d.WebhookId, d.Status, d.Attempts,
        d.LastAttemptAt, d.Status == DeliveryStatus.Pending ? d.NextAttemptAt : null, d.LastError, d.CreatedAt, d.DeliveredAt, history);

    private static bool TryParseEnum<T>(string? text, out T? value) where T : struct, Enum
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!Enum.TryParse<T>(text, ignoreCase: true, out var parsed) || int.TryParse(text, out _)) return false;
        value = parsed;
        return true;
    }

    private static ApiProblem VerificationFailed(S3Failure failure) => Problems.Create(StatusCodes.Status422UnprocessableEntity,
        ErrorCodes.BucketVerificationFailed, "The bucket could not be verified; nothing was saved.", failure.Detail, reason: failure.Reason);

    private static ApiProblem NotConnected() => Problems.NotFound(ErrorCodes.BucketNotConnected, "No bucket is connected to this project.");
}
