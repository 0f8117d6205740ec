using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources;

/// <summary>
/// One request budget per source, shared by every run on this node: when a thousand jobs fall
/// due at 00:00 their requests queue here, oldest first, instead of burning the API's limit.
/// A sliding window allows exactly <c>BudgetRequests</c> per <c>BudgetWindow</c>. A request
/// that would wait longer than <see cref="SourcesOptions.MaxBudgetWait"/> is reported as
/// <c>rate_limited</c> instead, so a spent daily quota cannot hold every worker for hours.
/// </summary>
public sealed class RateBudget(IOptions<SourcesOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> limiters = new();

    /// <summary>Waits for a request slot of <paramref name="budgetName"/> (the connector's options name).</summary>
    public async ValueTask AcquireAsync(string budgetName, SourceOptions source, CancellationToken ct)
    {
        var limiter = limiters.GetOrAdd(budgetName, _ => Create(source));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(options.Value.MaxBudgetWait);
        try
        {
            using var lease = await limiter.AcquireAsync(1, patience.Token);
            if (lease.IsAcquired) return;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Waited as long as allowed.
        }
        throw new SourceUnavailableException("rate_limited",
            $"This node's request budget for {budgetName} ({source.BudgetRequests} per {source.BudgetWindow}) is spent; no slot came free within {options.Value.MaxBudgetWait}.");
    }

    private static SlidingWindowRateLimiter Create(SourceOptions source) => new(new SlidingWindowRateLimiterOptions
    {
        PermitLimit = Math.Max(1, source.BudgetRequests),
        Window = source.BudgetWindow,
        // Ten segments: a spent permit comes back one window after it was used, to a tenth of the window.
        SegmentsPerWindow = 10,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public void Dispose()
    {
        foreach (var limiter in limiters.Values) limiter.Dispose();
    }
}
