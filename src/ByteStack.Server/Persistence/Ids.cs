using System.Security.Cryptography;

namespace ByteStack.Server.Persistence;

/// <summary>
/// Ids are a prefix plus a lowercase ULID: 48 bits of milliseconds and 80 random bits in
/// Crockford base32. They sort by creation time, which is what keyset pagination relies on;
/// ids made in the same millisecond by this process increase monotonically.
/// </summary>
public static class Ids
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";
    private static readonly Lock Gate = new();
    private static long lastMillis = -1;
    private static UInt128 lastRandom;

    public static string New(string prefix, DateTimeOffset now) => $"{prefix}_{NewUlid(now)}";

    public static string NewUlid(DateTimeOffset now)
    {
        var millis = Math.Max(0, now.ToUnixTimeMilliseconds());
        UInt128 random;
        lock (Gate)
        {
            if (millis <= lastMillis)
            {
                // Same (or an earlier, if the clock stepped back) millisecond: keep ordering.
                millis = lastMillis;
                random = ++lastRandom & RandomMask;
            }
            else
            {
                Span<byte> bytes = stackalloc byte[16];
                RandomNumberGenerator.Fill(bytes);
                random = new UInt128(BitConverter.ToUInt64(bytes[..8]), BitConverter.ToUInt64(bytes[8..])) & RandomMask;
                lastMillis = millis;
            }
            lastRandom = random;
        }

        var value = ((UInt128)(ulong)millis << 80) | random;
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }
        return new string(chars);
    }

    /// <summary>True when <paramref name="id"/> is <paramref name="prefix"/>_ plus a well-formed lowercase ULID.</summary>
    public static bool IsValid(string? id, string prefix) =>
        id is not null
        && id.Length == prefix.Length + 27
        && id.StartsWith(prefix, StringComparison.Ordinal)
        && id[prefix.Length] == '_'
        && id[(prefix.Length + 1)] <= '7'
        && id.AsSpan(prefix.Length + 1).IndexOfAnyExcept(Alphabet) < 0;

    private static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;
}
