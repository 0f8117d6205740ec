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
    [InlineData("""{"terms":["Acme today"],"intent":"count"}""", false)]
    [InlineData("""{"terms":["Acme on Twitter"],"intent":"count"}""", false)]
    [InlineData("""{"terms":["Acme OR Globex"],"intent":"count"}""", false)]
    [InlineData("""{"terms":["from:acme"],"intent":"count"}""", false)]
    [InlineData("""{"terms":["(Acme"],"intent":"count"}""", false)]
    [InlineData("""{"terms":["#launchday","@globex"],"intent":"users"}""", true)]
    [InlineData("""{"terms":["Acme"],"intent":"negative","language":"en","excluded_authors":["@acmejobs"],"include_reposts":false}""", true)]
    [InlineData("""{"terms":["Acme"],"intent":"count","language":"english"}""", false)]
    [InlineData("""{"terms":["Acme"],"intent":"count","excluded_authors":["not a handle"]}""", false)]
    [InlineData("""{"terms":["Acme"],"intent":"count","include_reposts":"yes"}""", false)]
    public void TryReadPlan_AcceptsOnlyTheRequestedShape(string content, bool valid) =>
        Assert.Equal(valid, QueryPlanner.TryReadPlan(content, out _, out _, out _));

    [Fact]
    public void ReadPlan_KeepsTheRulesWindowSourcesAndNotes_AndTakesTheModelsFilters()
    {
        var now = new DateTimeOffset(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);
        var rules = RulePlanner.Plan("Globex mentions today", ["x"], null, now);

        var plan = QueryPlanner.ReadPlan("""{"terms":["Globex","Initech"],"intent":"count","language":"es","excluded_authors":["globexjobs"],"include_reposts":true}""", rules);

        Assert.NotNull(plan);
        Assert.Equal((rules.Window, rules.Sources, rules.Notes), (plan.Window, plan.Sources, plan.Notes));
        Assert.Equal(["Globex", "Initech"], plan.Terms);
        Assert.Equal(("es", true, "llm"), (plan.Language, plan.IncludeReposts, plan.PlannedBy));
        Assert.Equal(["globexjobs"], plan.ExcludedAuthors);
    }

    [Theory]
    [InlineData("Acme drew 342 mentions, 71% positive.", true)]
    [InlineData("Acme drew 1,482 mentions.", true)]
    [InlineData("Acme was mentioned on X.", true)]
    [InlineData("Acme drew 9,999 mentions.", false)]
    [InlineData("Acme drew 342 mentions from 12 users.", false)]
    public void NumbersAreFrom_RejectsInventedNumbers(string sentence, bool allowed) =>
        Assert.Equal(allowed, QueryPlanner.NumbersAreFrom(sentence, new { total = 342, big = 1482, positive_percent = 71 }));
}
