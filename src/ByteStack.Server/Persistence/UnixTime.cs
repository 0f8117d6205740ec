namespace ByteStack.Server.Persistence;

/// <summary>Columns hold Unix milliseconds; the API speaks <see cref="DateTimeOffset"/>.</summary>
public static class UnixTime
{
    public static DateTimeOffset FromMillis(long millis) => DateTimeOffset.FromUnixTimeMilliseconds(millis);

    public static DateTimeOffset? FromMillis(long? millis) => millis is { } m ? FromMillis(m) : null;
}
