namespace ByteStack.Contracts;

/// <summary>The body of <c>POST /v1/webhooks</c>.</summary>
public sealed record CreateWebhookRequest
{
    /// <summary>A public http(s) URL. Required.</summary>
    public string? Url { get; init; }
    /// <summary>Events to send (default <c>["job.completed"]</c>).</summary>
    public IReadOnlyList<string>? Events { get; init; }
}

/// <summary>A registered webhook (its secret is shown only at creation and rotation).</summary>
public sealed record WebhookResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>A webhook with its signing secret, shown this once.</summary>
public sealed record WebhookWithSecretResponse(string Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string Secret);

/// <summary>The project's new signing secret for jobs' own <c>webhook_url</c>, shown this once.</summary>
public sealed record SigningSecretResponse(string Secret);

/// <summary>The <c>job.completed</c> event a webhook receives, signed in <c>X-ByteStack-Signature</c>.</summary>
/// <param name="Status"><c>completed</c> or <c>failed</c>.</param>
/// <param name="ResultUrl">Where to download the result; null for failed runs.</param>
public sealed record WebhookEvent(string Event, string JobId, string RunId, string Status, string? ResultUrl, DateTimeOffset Timestamp);
