using System.Text.Json.Serialization;

namespace ByteStack.Contracts;

/// <summary>A file in the project's storage.</summary>
/// <param name="Locations"><c>builtin</c>, and <c>bucket</c> once delivered to the connected bucket.</param>
public sealed record StorageItem(
    string Key, long SizeBytes, DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? JobId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RunId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? QueryId,
    IReadOnlyList<string> Locations);

/// <summary>The body of <c>PUT /v1/storage/bucket</c>: the project's own S3-compatible bucket.</summary>
public sealed record ConnectBucketRequest
{
    /// <summary>The provider's http(s) endpoint, e.g. <c>https://s3.us-east-1.amazonaws.com</c>. Required.</summary>
    public string? Endpoint { get; init; }
    /// <summary>The bucket name. Required.</summary>
    public string? Bucket { get; init; }
    /// <summary>The access key id. Required.</summary>
    public string? AccessKey { get; init; }
    /// <summary>The secret access key; stored encrypted, never shown again. Required.</summary>
    public string? SecretKey { get; init; }
    /// <summary>The region (default <c>us-east-1</c>).</summary>
    public string? Region { get; init; }
    /// <summary>Path-style addressing; default true except for <c>*.amazonaws.com</c>.</summary>
    public bool? ForcePathStyle { get; init; }
    /// <summary>A key prefix inside the bucket.</summary>
    public string? Prefix { get; init; }
}

/// <summary>The connected bucket (never its secret; the access key masked).</summary>
/// <param name="Status">Always <c>active</c>.</param>
public sealed record BucketResponse(
    string Status, string Endpoint, string Bucket, string AccessKey, string? Region, bool ForcePathStyle, string? Prefix,
    DateTimeOffset VerifiedAt, DateTimeOffset CreatedAt);

/// <summary>A delivery of a run's result to the bucket, or of its event to a webhook.</summary>
/// <param name="Target">The bucket key, or the webhook's origin only (the rest of such a URL is often its credential).</param>
/// <param name="History">Every attempt (only on <c>GET /v1/storage/deliveries/{id}</c>).</param>
public sealed record DeliveryResponse(
    string Id, string RunId, string JobId, DeliveryKind Kind, string Target, string? WebhookId, DeliveryStatus Status, int Attempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DeliveryAttempt>? History = null);

/// <summary>One attempt of a delivery.</summary>
/// <param name="Outcome"><c>delivered</c>, <c>failed</c> or <c>abandoned</c>.</param>
public sealed record DeliveryAttempt(int Number, DateTimeOffset StartedAt, long DurationMs, string Outcome, string? Error);

/// <summary>The optional body of <c>POST /v1/storage/deliveries/retry</c>: only these failed deliveries (default: all).</summary>
public sealed record RetryDeliveriesRequest
{
    /// <summary>Delivery ids (<c>dlv_…</c>).</summary>
    public IReadOnlyList<string>? Ids { get; init; }
}

/// <summary>How many failed deliveries were queued again.</summary>
public sealed record RetryDeliveriesResponse(int Retried);
