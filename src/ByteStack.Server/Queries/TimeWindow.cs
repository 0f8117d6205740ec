namespace ByteStack.Server.Queries;

/// <summary>A half-open UTC interval <c>[From, To)</c> and the words it came from ("today", "last 7 days").</summary>
public sealed record TimeWindow(DateTimeOffset From, DateTimeOffset To, string Label)
{
    public bool Contains(DateTimeOffset instant) => instant >= From && instant < To;
}
