using System.Net;
using ByteStack.Server.Hosting;

namespace ByteStack.Tests;

/// <summary>The private-network guard judges the address a resolver would reach, whatever form the host is written in.</summary>
public sealed class NetworkTargetsTests
{
    public static TheoryData<string, string, string?> Hosts() => new()
    {
        // host as written, host looked up, literal address (null: a name for DNS)
        { "127.0.0.1", "127.0.0.1", "127.0.0.1" },
        { "127.0.0.1.", "127.0.0.1", "127.0.0.1" },
        { "127.0.0.1..", "127.0.0.1", "127.0.0.1" },
        { "localhost.", "localhost", null },
        { "LOCALHOST", "localhost", null },
        { "2130706433", "2130706433", "127.0.0.1" },
        { "0177.0.0.1", "0177.0.0.1", "127.0.0.1" },
        { "0x7f.0.0.1", "0x7f.0.0.1", "127.0.0.1" },
        { "0X7F000001", "0x7f000001", "127.0.0.1" },
        { "0x7f.1", "0x7f.1", "127.0.0.1" },
        { "127.1", "127.1", "127.0.0.1" },
        { "10.1.65535", "10.1.65535", "10.1.255.255" },
        { "012.0.0.1.", "012.0.0.1", "10.0.0.1" },
        { "[::1]", "::1", "::1" },
        { "[::ffff:127.0.0.1]", "::ffff:127.0.0.1", "::ffff:127.0.0.1" },
        { "[fe80::1%eth0]", "fe80::1", "fe80::1" },
        { "fe80::1%25eth0", "fe80::1", "fe80::1" },
        { "example.com.", "example.com", null },
        { "1.2.3.4.example", "1.2.3.4.example", null },
        { "08.0.0.1", "08.0.0.1", null },
        { "256.0.0.1", "256.0.0.1", null },
        { "4294967296", "4294967296", null },
    };

    [Theory, MemberData(nameof(Hosts))]
    public void NormalizeHost_ReturnsWhatAResolverReaches_ForEveryForm(string written, string host, string? literal)
    {
        var (normalized, address) = NetworkTargets.NormalizeHost(written);

        Assert.Equal(host, normalized);
        Assert.Equal(literal is null ? null : IPAddress.Parse(literal), address);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    [InlineData("::127.0.0.1", false)]
    [InlineData("::ffff:0:127.0.0.1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("2002:7f00:1::", false)]
    [InlineData("93.184.216.34", true)]
    [InlineData("::ffff:93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    public void IsPublic_JudgesTheEmbeddedIPv4_OfIPv6Forms(string address, bool expected) =>
        Assert.Equal(expected, NetworkTargets.IsPublic(IPAddress.Parse(address)));
}
