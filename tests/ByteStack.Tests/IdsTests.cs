using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;

namespace ByteStack.Tests;

public sealed class IdsTests
{
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_IsPrefixPlusLowercaseUlid()
    {
        var id = Ids.New("job", Now);

        Assert.Matches("^job_[0-9a-hjkmnp-tv-z]{26}$", id);
        Assert.True(Ids.IsValid(id, "job"));
    }

    [Fact]
    public void New_EncodesTheTime_SoIdsSortByCreation()
    {
        var earlier = Ids.New("job", Now);
        var later = Ids.New("job", Now.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.Equal("01kqepdr00", earlier[4..14]); // 48-bit millisecond timestamp of 2026-04-30T08:00:00Z
    }

    [Fact]
    public void New_IsMonotonic_WithinOneMillisecond()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => Ids.New("run", Now)).ToList();

        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("job_01hx9jk2p4n5m6r7s8t9v0v1wq", "job", true)]
    [InlineData("job_01HX9JK2P4N5M6R7S8T9V0V1WQ", "job", false)]
    [InlineData("job_01hx9jk2p4n5m6r7s8t9u0v1wq", "job", false)] // 'u' is not Crockford base32
    [InlineData("job_01hx9jk2p4n5m6r7s8t9v0v1w", "job", false)]
    [InlineData("key_01hx9jk2p4n5m6r7s8t9v0v1wq", "job", false)]
    [InlineData("job_81hx9jk2p4n5m6r7s8t9v0v1wq", "job", false)] // overflows 128 bits
    [InlineData(null, "job", false)]
    public void IsValid_AcceptsOnlyWellFormedIds(string? id, string prefix, bool valid) =>
        Assert.Equal(valid, Ids.IsValid(id, prefix));

    [Fact]
    public void ApiKeySecret_IsRandom_AndOnlyItsHashIsKept()
    {
        var a = ApiKeySecret.Generate();
        var b = ApiKeySecret.Generate();

        Assert.NotEqual(a, b);
        Assert.True(ApiKeySecret.LooksLikeKey(a));
        Assert.Equal(64, ApiKeySecret.Hash(a).Length);
        Assert.NotEqual(ApiKeySecret.Hash(a), ApiKeySecret.Hash(b));
        Assert.DoesNotContain(a[4..], ApiKeySecret.Hash(a));
        Assert.Equal(a[..12], ApiKeySecret.DisplayPrefix(a));
    }

    [Theory]
    [InlineData(new[] { "read" }, "read", true)]
    [InlineData(new[] { "read" }, "write", false)]
    [InlineData(new[] { "write" }, "read", true)]
    [InlineData(new[] { "write" }, "admin", false)]
    [InlineData(new[] { "admin" }, "write", true)]
    [InlineData(new[] { "read", "admin" }, "admin", true)]
    [InlineData(new string[0], "read", false)]
    public void Scopes_AreLevels(string[] granted, string required, bool allowed) =>
        Assert.Equal(allowed, Scopes.Allows(granted, required));
}
