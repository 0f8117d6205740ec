using System.Security.Cryptography;
using System.Text;
using ByteStack.Server.Persistence;

namespace ByteStack.Server.Projects;

public sealed record ApiKey(string Id, string ProjectId, string Name, string Prefix, IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key as answered once, at creation: the only time its secret value is seen.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);

/// <summary>
/// Key values are <c>bsk_</c> plus 40 base32 characters (200 random bits). Only their SHA-256
/// is stored: with that much entropy a slow password hash adds nothing, and a fast one keeps
/// the per-request lookup cheap.
/// </summary>
public static class ApiKeySecret
{
    public const string ValuePrefix = "bsk_";
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    public static string Generate()
    {
        Span<byte> random = stackalloc byte[40];
        RandomNumberGenerator.Fill(random);
        var chars = new char[40];
        for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random[i] & 31];
        return ValuePrefix + new string(chars);
    }

    public static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>What lists show so a person can tell keys apart: <c>bsk_ab12cd34…</c>.</summary>
    public static string DisplayPrefix(string value) => value[..Math.Min(value.Length, ValuePrefix.Length + 8)];

    public static bool LooksLikeKey(string value) =>
        value.Length == ValuePrefix.Length + 40
        && value.StartsWith(ValuePrefix, StringComparison.Ordinal)
        && value.AsSpan(ValuePrefix.Length).IndexOfAnyExcept(Alphabet) < 0;

    public static IssuedApiKey Issue(string projectId, string name, IReadOnlyList<string> scopes, DateTimeOffset now)
    {
        var secret = Generate();
        var key = new ApiKey(Ids.New("key", now), projectId, name, DisplayPrefix(secret), scopes, now, null);
        return new IssuedApiKey(key, secret);
    }
}
