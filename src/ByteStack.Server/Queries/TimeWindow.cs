namespace ByteStack.Server.Queries;

/// <summary>A half-open UTC interval <c>[From, To)</c> and the words it came from ("today", "last 7 days").</summary>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To, string Label)
{
    /// <summary>
    /// Why code chose this window when the user named none (a job run's window since its previous
    /// run, or the default); the result's notes say it.
    /// </summary>
    public string? Note { get; init; }

    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;
}
