using ByteStack.Server.Sources;

namespace ByteStack.Tests;

public sealed class TermMatchTests
{
    [Theory]
    [InlineData("Acme launched today", "Acme", true)]
    [InlineData("ACME's launch was great", "acme", true)]
    [InlineData("Acmeville town council met", "Acme", false)]
    [InlineData("the globe is round", "Globex", false)]
    [InlineData("Acme Cloud is down", "Acme Cloud", true)]
    [InlineData("Acme  cloud-native, again", "Acme Cloud", true)]
    [InlineData("Acme Cloudflare outage", "Acme Cloud", false)]
    [InlineData("Café Acme opened", "café ACME", true)]
    [InlineData("big day #launchday!", "#launchday", true)]
    [InlineData("it is launchday", "#launchday", false)]
    [InlineData("thanks @globex for the help", "@globex", true)]
    [InlineData("globex shipped", "@globex", false)]
    [InlineData("#acme rocks", "acme", true)]
    [InlineData("", "acme", false)]
    [InlineData("acme", "  ", false)]
    public void Mentions_MatchesWholeWordsAndPhrases(string text, string term, bool expected) =>
        Assert.Equal(expected, TermMatch.Mentions(text, term));

    [Fact]
    public void MentionsAny_IsTrue_WhenOneTermMatches() =>
        Assert.True(TermMatch.MentionsAny("Initech layoffs", ["Globex", "Initech"]));
}
