namespace ByteStack.Contracts;

/// <summary>The stable <c>code</c> of every problem the API answers. Clients branch on these, never on titles or details.</summary>
public static class ErrorCodes
{
    /// <summary>Several fields are invalid with different codes; see <c>errors</c>.</summary>
    public const string ValidationFailed = "validation_failed";
    /// <summary>The body is not a JSON object.</summary>
    public const string InvalidBody = "invalid_body";
    /// <summary>The body is not valid JSON.</summary>
    public const string MalformedJson = "malformed_json";
    /// <summary>A JSON body is required.</summary>
    public const string MissingBody = "missing_body";
    /// <summary>A required field is absent.</summary>
    public const string MissingField = "missing_field";
    /// <summary>A field this request does not have (a typo is never silently ignored).</summary>
    public const string UnknownField = "unknown_field";
    /// <summary>A source name no connector knows.</summary>
    public const string UnknownSource = "unknown_source";
    /// <summary>A known source no connector can serve (LinkedIn, TikTok, …).</summary>
    public const string SourceUnavailable = "source_unavailable";
    /// <summary>A source that needs credentials this node lacks (a warning, not an error).</summary>
    public const string SourceNeedsCredentials = "source_needs_credentials";
    /// <summary>A URL on a private or loopback network where a public one is required.</summary>
    public const string PrivateNetworkTarget = "private_network_target";
    /// <summary>Invalid <c>schedule</c>.</summary>
    public const string InvalidSchedule = "invalid_schedule";
    /// <summary>Invalid <c>sources</c>.</summary>
    public const string InvalidSources = "invalid_sources";
    /// <summary>Invalid <c>date_range</c>.</summary>
    public const string InvalidDateRange = "invalid_date_range";
    /// <summary>Invalid <c>limit</c> (body or query string).</summary>
    public const string InvalidLimit = "invalid_limit";
    /// <summary>A <c>cursor</c> this API did not return.</summary>
    public const string InvalidCursor = "invalid_cursor";
    /// <summary>Invalid storage key.</summary>
    public const string InvalidKey = "invalid_key";
    /// <summary>Invalid <c>state</c>.</summary>
    public const string InvalidState = "invalid_state";
    /// <summary>An unknown route or a malformed request the framework refused.</summary>
    public const string BadRequest = "bad_request";
    /// <summary>Nothing at this path.</summary>
    public const string NotFound = "not_found";
    /// <summary>The path exists but not with this method.</summary>
    public const string MethodNotAllowed = "method_not_allowed";
    /// <summary>The body exceeds 1 MiB.</summary>
    public const string PayloadTooLarge = "payload_too_large";
    /// <summary>The body is not <c>application/json</c>.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";
    /// <summary>No, a malformed or a revoked API key.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>The API key lacks the scope.</summary>
    public const string InsufficientScope = "insufficient_scope";
    /// <summary>Our fault; logged, and the request can be retried.</summary>
    public const string InternalError = "internal_error";
    /// <summary>No such job in this project.</summary>
    public const string JobNotFound = "job_not_found";
    /// <summary>No such run in this project.</summary>
    public const string RunNotFound = "run_not_found";
    /// <summary>The job has a run pending or running.</summary>
    public const string RunInProgress = "run_in_progress";
    /// <summary>No such query in this project.</summary>
    public const string QueryNotFound = "query_not_found";
    /// <summary>No such file in this project's storage.</summary>
    public const string StorageNotFound = "storage_not_found";
    /// <summary>No bucket is connected.</summary>
    public const string BucketNotConnected = "bucket_not_connected";
    /// <summary>The bucket's test write failed; <c>reason</c> says how.</summary>
    public const string BucketVerificationFailed = "bucket_verification_failed";
    /// <summary>No such delivery in this project.</summary>
    public const string DeliveryNotFound = "delivery_not_found";
    /// <summary>No such webhook in this project.</summary>
    public const string WebhookNotFound = "webhook_not_found";
    /// <summary>No such API key in this project.</summary>
    public const string KeyNotFound = "key_not_found";

    /// <summary>The code of an invalid field: <c>invalid_{field}</c>.</summary>
    public static string InvalidField(string field) => $"invalid_{field}";
}
