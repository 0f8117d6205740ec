using System.Security.Cryptography;
using System.Text;

namespace ByteStack.Server.Delivery;

/// <summary><c>X-ByteStack-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> (SPEC §6).</summary>
public static class WebhookSignature
{
    public const string Header = "X-ByteStack-Signature";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>What a receiver does: recompute and compare in constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));

    /// <summary>A new signing secret: 32 random bytes.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}
