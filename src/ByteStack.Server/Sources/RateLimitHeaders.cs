using System.Globalization;
using System.Net.Http.Headers;

namespace ByteStack.Server.Sources;

/// <summary>
/// When a source's rate limit resets, read from its own headers. Each API says it differently:
/// X and Bluesky give epoch seconds, Reddit seconds from now, Mastodon an ISO 8601 instant;
/// a standard <c>Retry-After</c> is the fallback.
/// </summary>
public static class RateLimitHeaders
{
    public static DateTimeOffset? EpochSeconds(HttpResponseHeaders headers, string name, DateTimeOffset now) =>
        Read(headers, name) is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(s * 1000))
            : RetryAfter(headers, now);

    public static DateTimeOffset? SecondsFromNow(HttpResponseHeaders headers, string name, DateTimeOffset now) =>
        Read(headers, name) is { } v && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var s)
            ? now.AddSeconds(s)
            : RetryAfter(headers, now);

    public static DateTimeOffset? IsoInstant(HttpResponseHeaders headers, string name, DateTimeOffset now) =>
        Read(headers, name) is { } v && DateTimeOffset.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.ToUniversalTime()
            : RetryAfter(headers, now);

    public static DateTimeOffset? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) =>
        headers.RetryAfter switch
        {
            { Delta: { } delta } => now + delta,
            { Date: { } date } => date,
            _ => null,
        };

    private static string? Read(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
