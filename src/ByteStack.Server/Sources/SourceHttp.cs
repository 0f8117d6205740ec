using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources;

/// <summary>
/// How every connector talks HTTP: take a slot from the source's budget, send through the
/// one shared resilience pipeline (timeout per attempt, retries on network errors and 5xx),
/// then deal with the API's own rate-limit answer — wait when the reset is near, otherwise
/// report <c>rate_limited</c> with the reset time.
/// </summary>
public sealed class SourceHttp(RateBudget budget, IOptions<SourcesOptions> options, TimeProvider clock)
{
    /// <summary>However short the resets, a request is not sent more than this many times more for rate limits.</summary>
    public const int MaxRateLimitWaits = 5;

    private readonly ResiliencePipeline<HttpResponseMessage> pipeline = BuildPipeline(options.Value, clock);

    public SourcesOptions Options => options.Value;

    public TimeProvider Clock => clock;

    /// <summary>
    /// Sends the request <paramref name="create"/> builds (a new one per attempt). A 429 whose reset
    /// (<paramref name="resetAt"/>, plus <see cref="SourcesOptions.RateLimitMargin"/>) still fits in
    /// what is left of <see cref="SourcesOptions.MaxRateLimitWait"/> is waited out and retried, as
    /// often as it fits (at most <see cref="MaxRateLimitWaits"/> times); any other 429 becomes
    /// <c>rate_limited</c>. Other statuses are returned.
    /// A request carrying no User-Agent gets the source's (<see cref="SourceOptions.UserAgent"/>) or the default.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpClient http, string budgetName, SourceOptions source, Func<HttpRequestMessage> create,
        Func<HttpResponseMessage, DateTimeOffset, DateTimeOffset?> resetAt, CancellationToken ct)
    {
        var waited = TimeSpan.Zero;
        var waits = 0;
        while (true)
        {
            await budget.AcquireAsync(budgetName, source, ct);
            HttpResponseMessage response;
            try
            {
                response = await pipeline.ExecuteAsync(async token =>
                {
                    using var request = create();
                    if (!request.Headers.Contains("User-Agent"))
                        request.Headers.TryAddWithoutValidation("User-Agent", string.IsNullOrWhiteSpace(source.UserAgent) ? options.Value.UserAgent : source.UserAgent);
                    var answer = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token);
                    await RawLog.RecordAsync(budgetName, request, answer, clock, token);
                    return answer;
                }, ct);
            }
            catch (TimeoutRejectedException)
            {
                throw new SourceUnavailableException("timeout", $"{budgetName} did not answer within {options.Value.Timeout.TotalSeconds:0.###} s.");
            }
            catch (HttpRequestException e)
            {
                throw new SourceUnavailableException("unreachable", $"{budgetName} could not be reached: {e.Message}");
            }

            if (response.StatusCode != HttpStatusCode.TooManyRequests) return response;

            var now = clock.GetUtcNow();
            var reset = resetAt(response, now);
            response.Dispose();
            if (reset is { } r && RateLimitWait(r, now) is var wait && waited + wait <= options.Value.MaxRateLimitWait && ++waits <= MaxRateLimitWaits)
            {
                waited += wait;
                await Task.Delay(wait, clock, ct);
                continue;
            }
            throw RateLimited(budgetName, reset);
        }
    }

    /// <summary>
    /// How long to wait for a reset: vendors round their reset down to the second (Bluesky's
    /// <c>RateLimit-Reset</c> is whole epoch seconds, https://docs.bsky.app/docs/advanced-guides/rate-limits;
    /// Reddit's <c>X-Ratelimit-Reset</c> whole seconds, https://support.reddithelp.com/hc/en-us/articles/16160319875092),
    /// so a retry exactly at the announced second can land early: a margin is added to every reset.
    /// </summary>
    public TimeSpan RateLimitWait(DateTimeOffset reset, DateTimeOffset now) =>
        (reset > now ? reset - now : TimeSpan.Zero) + options.Value.RateLimitMargin;

    public static SourceUnavailableException RateLimited(string source, DateTimeOffset? reset) =>
        new("rate_limited", reset is { } r
            ? $"{source} rate limit reached; it resets at {Hosting.Json.Format(r)}."
            : $"{source} rate limit reached.", reset);

    /// <summary>401/403 mean the credentials are missing or refused; any other failure status is reported as such.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string source, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(ct);
        var excerpt = body.Length > 200 ? body[..200] + "…" : body;
        throw response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? new SourceUnavailableException("needs_credentials", $"{source} refused the credentials (HTTP {(int)response.StatusCode}): {excerpt}")
            : new SourceUnavailableException("http_error", $"{source} answered HTTP {(int)response.StatusCode}: {excerpt}");
    }

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(SourcesOptions options, TimeProvider clock)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock };
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
            });
        return builder.AddTimeout(options.Timeout).Build();
    }
}
