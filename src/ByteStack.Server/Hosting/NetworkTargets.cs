using System.Net;
using System.Net.Sockets;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Outbound requests to addresses a user chose (an <c>rss:</c> feed URL) must not reach this
/// machine or its private network (SSRF). Every connection is checked after DNS resolution,
/// including those made by redirects. <c>ByteStack:Security:AllowPrivateNetworkTargets</c>
/// lifts the check (tests and private deployments).
/// </summary>
public static class NetworkTargets
{
    public const string AllowPrivateSetting = "ByteStack:Security:AllowPrivateNetworkTargets";

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var v6 = address.GetAddressBytes();
            // IPv4-compatible (::a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d) addresses carry an IPv4 address: judge that one.
            if (v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
                || (v6.AsSpan(0, 8).IndexOfAnyExcept((byte)0) < 0 && v6[8] == 0xFF && v6[9] == 0xFF && v6[10] == 0 && v6[11] == 0))
                return IsPublic(new IPAddress(v6.AsSpan(12, 4)));
            // 6to4 (2002::/16) and NAT64 (64:ff9b::/96) carry an IPv4 address that may be private: refused outright.
            var tunnelled = (v6[0] == 0x20 && v6[1] == 0x02) || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b);
            return !(tunnelled || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (v6[0] & 0xFE) == 0xFC);
        }
        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                 || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                 || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>
    /// The host a resolver would look up, and the address it names when it is an IP literal in any
    /// form resolvers accept: brackets, trailing dots (<c>127.0.0.1.</c>, <c>localhost.</c>),
    /// IPv6 zone ids (<c>fe80::1%eth0</c>), and the inet_aton forms of IPv4 — decimal
    /// (<c>2130706433</c>), octal (<c>0177.0.0.1</c>), hex (<c>0x7f.1</c>) and short (<c>127.1</c>).
    /// Checks must judge this form: the raw text slips past a literal-address test.
    /// </summary>
    public static (string Host, IPAddress? Literal) NormalizeHost(string host)
    {
        var name = host.Trim();
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        var zone = name.IndexOf('%');
        if (zone >= 0 && name.Contains(':')) name = name[..zone];
        name = name.TrimEnd('.').ToLowerInvariant();
        if (name.Contains(':'))
            return (name, IPAddress.TryParse(name, out var v6) ? v6 : null);
        return (name, ParseIPv4(name) is { } v4 ? v4 : null);
    }

    /// <summary>inet_aton: one to four parts, each decimal, octal (leading 0) or hex (0x); the last part fills the remaining bytes.</summary>
    private static IPAddress? ParseIPv4(string text)
    {
        var parts = text.Split('.');
        if (parts.Length is < 1 or > 4) return null;
        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var (digits, radix) = part.StartsWith("0x", StringComparison.Ordinal) ? (part[2..], 16)
                : part.Length > 1 && part[0] == '0' ? (part[1..], 8)
                : (part, 10);
            if (digits.Length == 0 && radix == 16) digits = "0";
            if (digits.Length is 0 or > 32) return null;
            ulong value = 0;
            foreach (var c in digits)
            {
                var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigitLower(c) ? c - 'a' + 10 : 99;
                if (d >= radix) return null;
                value = value * (ulong)radix + (ulong)d;
                if (value > uint.MaxValue) return null;
            }
            values[i] = value;
        }
        // Leading parts are one byte each; the last one fills the bytes left (127.1 is 127.0.0.1).
        for (var i = 0; i < values.Length - 1; i++)
            if (values[i] > 255) return null;
        var lastBytes = 4 - (values.Length - 1);
        if (values[^1] >= 1UL << (8 * lastBytes)) return null;
        ulong address = values[^1];
        for (var i = 0; i < values.Length - 1; i++) address |= values[i] << (8 * (3 - i));
        return new IPAddress([(byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address]);
    }

    /// <summary>Whether <paramref name="error"/> (or what it wraps) is the guard refusing a private target.</summary>
    public static bool IsRefusal(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
            if (e is PrivateNetworkTargetException) return true;
        return false;
    }

    /// <summary>
    /// Whether every address <paramref name="url"/>'s host resolves to is private or loopback (checked
    /// when a user registers a target; each connection is checked again). Unresolvable hosts are not
    /// judged here: delivering to them will say so.
    /// </summary>
    public static async Task<bool> ResolvesToPrivateAsync(Uri url, CancellationToken ct)
    {
        try
        {
            var (host, literal) = NormalizeHost(url.Host);
            if (host.Length == 0) return false;
            var addresses = literal is not null ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
            return addresses.Length > 0 && addresses.All(a => !IsPublic(a));
        }
        catch (Exception e) when (e is SocketException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>A connection factory that refuses non-public addresses unless <paramref name="allowPrivate"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowPrivate) => async (context, ct) =>
    {
        var (host, literal) = NormalizeHost(context.DnsEndPoint.Host);
        var addresses = literal is not null ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0) throw new PrivateNetworkTargetException(host);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    };
}

/// <summary>A connection refused because its target is on this machine or a private network.</summary>
public sealed class PrivateNetworkTargetException(string host)
    : HttpRequestException($"{host} is on a private or loopback network; such targets are refused (set {NetworkTargets.AllowPrivateSetting} to allow them).");
