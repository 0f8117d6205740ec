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
            var addresses = IPAddress.TryParse(url.Host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.Host, ct);
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
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
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
