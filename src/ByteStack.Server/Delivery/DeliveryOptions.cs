namespace ByteStack.Server.Delivery;

/// <summary><c>ByteStack:Delivery</c>: how the outbox delivers results to buckets and events to webhooks.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "ByteStack:Delivery";

    /// <summary>The service's address as users reach it; webhook payloads' <c>result_url</c> starts with it. Default: the first listen URL.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>How often an idle dispatcher looks for due deliveries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Deliveries one node attempts at once.</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure…</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>…up to this cap.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>After this many failed attempts (about a day with the defaults) a delivery is <c>failed</c> until retried by hand.</summary>
    public int MaxAttempts { get; set; } = 56;

    /// <summary>A claimed delivery whose node dies is attempted again after this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A webhook must answer 2xx within this long (SPEC §6).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BucketTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
