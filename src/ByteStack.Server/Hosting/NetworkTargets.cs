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
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (address.GetAddressBytes()[0] & 0xFE) == 0xFC);
        var b = address.GetAddressBytes();
        return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                 || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254)
                 || (b[0] == 100 && b[1] >= 64 && b[1] <= 127));
    }

    /// <summary>A connection factory that refuses non-public addresses unless <paramref name="allowPrivate"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> Connect(bool allowPrivate) => async (context, ct) =>
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        var allowed = addresses.Where(a => allowPrivate || IsPublic(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{host} is on a private or loopback network; such targets are refused (set {AllowPrivateSetting} to allow them).");
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
