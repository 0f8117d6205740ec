namespace ByteStack.Server.Delivery;

/// <summary>What one attempt came to: delivered, failed for now (retry), or failed for good (no retry can help).</summary>
public sealed record AttemptOutcome(bool Delivered, string? Error = null, bool Permanent = false)
{
    public static readonly AttemptOutcome Success = new(true);
}

/// <summary>The outbox's rules as pure functions: backoff, when to give up, and a run's delivery summary.</summary>
public static class DeliveryRules
{
    /// <summary>The wait after <paramref name="attempt"/> failed attempts: doubling from the base delay, capped.</summary>
    public static TimeSpan Backoff(int attempt, TimeSpan baseDelay, TimeSpan maxDelay)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 30);
        var delay = baseDelay * Math.Pow(2, doublings);
        return delay > maxDelay ? maxDelay : delay;
    }

    /// <summary>The row's state after an attempt: delivered; pending again at a later instant; or failed.</summary>
    public static (DeliveryStatus Status, DateTimeOffset? NextAttemptAt) After(AttemptOutcome outcome, int attempt, DateTimeOffset now, DeliveryOptions options) =>
        outcome.Delivered ? (DeliveryStatus.Delivered, null)
        : outcome.Permanent || attempt >= options.MaxAttempts ? (DeliveryStatus.Failed, null)
        : (DeliveryStatus.Pending, now + Backoff(attempt, options.BaseDelay, options.MaxDelay));

    /// <summary>Several deliveries of one kind (a run's webhooks) as one status: any failed → failed; else any pending → pending.</summary>
    public static DeliveryStatus Summarise(IEnumerable<DeliveryStatus> statuses)
    {
        var all = statuses.ToList();
        return all.Contains(DeliveryStatus.Failed) ? DeliveryStatus.Failed
            : all.Contains(DeliveryStatus.Pending) ? DeliveryStatus.Pending
            : DeliveryStatus.Delivered;
    }
}
