using ByteStack.Server.Queries;

namespace ByteStack.Tests;

public sealed class QueryPlannerTests
{
    [Theory]
    [InlineData("""{"terms":["Acme"],"exclusions":[],"intent":"count"}""", true)]
    [InlineData("""{"terms":["Acme","Acme Cloud"],"intent":"SENTIMENT"}""", true)]
    [InlineData("""{"terms":[],"intent":"count"}""", false)]
    [InlineData("""{"terms":["a","b","c","d","e","f"],"intent":"count"}""", false)]
    [InlineData("""{"terms":[""],"intent":"count"}""", false)]
    [InlineData("""{"terms":[42],"intent":"count"}""", false)]
    [InlineData("""{"terms":["Acme"],"intent":"gossip"}""", false)]
    [InlineData("""{"terms":["Acme"]}""", false)]
    [InlineData("""["Acme"]""", false)]
    [InlineData("Sure! Here is the plan: Acme", false)]
    [InlineData("", false)]
    public void TryReadPlan_AcceptsOnlyTheRequestedShape(string content, bool valid) =>
        Assert.Equal(valid, QueryPlanner.TryReadPlan(content, out _, out _, out _));

    [Theory]
    [InlineData("Acme drew 342 mentions, 71% positive.", true)]
    [InlineData("Acme drew 1,482 mentions.", true)]
    [InlineData("Acme was mentioned on X.", true)]
    [InlineData("Acme drew 9,999 mentions.", false)]
    [InlineData("Acme drew 342 mentions from 12 users.", false)]
    public void NumbersAreFrom_RejectsInventedNumbers(string sentence, bool allowed) =>
        Assert.Equal(allowed, QueryPlanner.NumbersAreFrom(sentence, new { total = 342, big = 1482, positive_percent = 71 }));
}
