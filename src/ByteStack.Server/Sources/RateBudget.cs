using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources;

/// <summary>
/// One request budget per source, shared by every run on this node: when a thousand jobs fall
/// due at 00:00 their requests queue here, oldest first, instead of burning the API's limit.
/// </summary>
public sealed class RateBudget(IOptions<SourcesOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new();

    /// <summary>Waits for a request slot of <paramref name="budgetName"/> (the connector's options name).</summary>
    public async ValueTask AcquireAsync(string budgetName, SourceOptions source, CancellationToken ct)
    {
        var limiter = limiters.GetOrAdd(budgetName, _ => Create(source));
        using var lease = await limiter.AcquireAsync(1, ct);
        if (!lease.IsAcquired)
            throw new SourceUnavailableException("rate_limited", $"This node's request budget for {budgetName} is exhausted.");
    }

    private static TokenBucketRateLimiter Create(SourceOptions source)
    {
        var requests = Math.Max(1, source.BudgetRequests);
        // Refill a share of the budget at a time so a burst cannot spend a whole window at once.
        var periods = Math.Clamp(requests, 1, 60);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = requests,
            TokensPerPeriod = Math.Max(1, requests / periods),
            ReplenishmentPeriod = source.BudgetWindow / periods,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    public void Dispose()
    {
        foreach (var limiter in limiters.Values) limiter.Dispose();
    }

    internal SourcesOptions Options => options.Value;
}
