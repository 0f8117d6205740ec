using ByteStack.Server.Queries;

namespace ByteStack.Tests;

public sealed class RulePlannerTests
{
    // Thursday 30 April 2026, 14:02 UTC.
    private static readonly DateTimeOffset Now = new(2026, 4, 30, 14, 2, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("How many times was Acme mentioned on X today?", "Acme")]
    [InlineData("How many mentions of Acme Cloud on Reddit this week?", "Acme Cloud")]
    [InlineData("What are people saying about Acme on Hacker News?", "Acme")]
    [InlineData("What's the overall sentiment around our product launch on Reddit and X this week?", "product launch")]
    [InlineData("Sentiment around Globex in the last 7 days", "Globex")]
    [InlineData("\"Acme Rocket Skates\" reviews", "Acme Rocket Skates")]
    [InlineData("Count posts about Initech since 2026-04-01", "Initech")]
    [InlineData("Top posts mentioning OpenTofu on Bluesky", "OpenTofu")]
    [InlineData("Was Umbrella Corp discussed on YouTube yesterday?", "Umbrella Corp")]
    [InlineData("kubernetes", "kubernetes")]
    [InlineData("Acme", "Acme")]
    [InlineData("How many times was YourBrand mentioned on X, Reddit, and LinkedIn in the last 7 days?", "YourBrand")]
    public void Plan_FindsTheSubject(string prompt, string term)
    {
        var plan = RulePlanner.Plan(prompt, ["x"], null, Now);

        Assert.Equal([term], plan.Terms);
    }

    [Fact]
    public void Plan_TakesEveryQuotedPhrase()
    {
        var plan = RulePlanner.Plan("Mentions of \"Acme Cloud\" or \"Acme CLI\" today", ["x"], null, Now);

        Assert.Equal(["Acme Cloud", "Acme CLI"], plan.Terms);
    }

    [Theory]
    [InlineData("Mentions of Acme excluding jobs", new[] { "jobs" })]
    [InlineData("Mentions of Acme, excluding hiring and careers, today", new[] { "hiring", "careers" })]
    [InlineData("Acme -hiring -\"job offer\" on X", new[] { "hiring", "job offer" })]
    [InlineData("Acme mentions except Acme Corp on Reddit", new[] { "Acme Corp" })]
    [InlineData("Acme but not coyote", new[] { "coyote" })]
    [InlineData("How many times was Acme mentioned?", new string[0])]
    public void Plan_ReadsExclusions(string prompt, string[] exclusions)
    {
        var plan = RulePlanner.Plan(prompt, ["x"], null, Now);

        Assert.Equal(exclusions, plan.Exclusions);
        Assert.DoesNotContain(plan.Terms, t => exclusions.Contains(t));
    }

    [Theory]
    [InlineData("How many times was Acme mentioned today?", QueryIntent.Count)]
    [InlineData("Number of Acme posts", QueryIntent.Count)]
    [InlineData("What's the sentiment around Acme?", QueryIntent.Sentiment)]
    [InlineData("How do people feel about Acme? Classify as positive, negative or neutral", QueryIntent.Sentiment)]
    [InlineData("Top posts about Acme", QueryIntent.Top)]
    [InlineData("Most liked posts about Acme this week", QueryIntent.Top)]
    [InlineData("List posts about Acme", QueryIntent.List)]
    [InlineData("What are people saying about Acme?", QueryIntent.List)]
    [InlineData("Acme", QueryIntent.Count)]
    public void Plan_ReadsIntent(string prompt, QueryIntent intent) =>
        Assert.Equal(intent, RulePlanner.Plan(prompt, ["x"], null, Now).Intent);

    [Theory]
    [InlineData("Acme today", "2026-04-30T00:00:00Z", "2026-04-30T14:02:00Z", "today")]
    [InlineData("Acme yesterday", "2026-04-29T00:00:00Z", "2026-04-30T00:00:00Z", "yesterday")]
    [InlineData("Acme this week", "2026-04-27T00:00:00Z", "2026-04-30T14:02:00Z", "this week")]
    [InlineData("Acme this month", "2026-04-01T00:00:00Z", "2026-04-30T14:02:00Z", "this month")]
    [InlineData("Acme in the last 7 days", "2026-04-23T14:02:00Z", "2026-04-30T14:02:00Z", "in the last 7 days")]
    [InlineData("Acme over the past 24 hours", "2026-04-29T14:02:00Z", "2026-04-30T14:02:00Z", "in the last 24 hours")]
    [InlineData("Acme last 3 hours", "2026-04-30T11:02:00Z", "2026-04-30T14:02:00Z", "in the last 3 hours")]
    [InlineData("Acme last 2 weeks", "2026-04-16T14:02:00Z", "2026-04-30T14:02:00Z", "in the last 2 weeks")]
    [InlineData("Acme in the past week", "2026-04-23T14:02:00Z", "2026-04-30T14:02:00Z", "in the last week")]
    [InlineData("Acme last month", "2026-03-30T14:02:00Z", "2026-04-30T14:02:00Z", "in the last month")]
    [InlineData("Acme since 2026-04-01", "2026-04-01T00:00:00Z", "2026-04-30T14:02:00Z", "since 2026-04-01")]
    [InlineData("Acme", "2026-04-23T14:02:00Z", "2026-04-30T14:02:00Z", "in the last 7 days")]
    public void Plan_ResolvesTheWindowAtNow(string prompt, string from, string to, string label)
    {
        var window = RulePlanner.Plan(prompt, ["x"], null, Now).Window;

        Assert.Equal(DateTimeOffset.Parse(from), window.From);
        Assert.Equal(DateTimeOffset.Parse(to), window.To);
        Assert.Equal(label, window.Label);
    }

    [Fact]
    public void Plan_ExplicitDateRangeWins()
    {
        var explicitWindow = new TimeWindow(new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new(2026, 4, 2, 0, 0, 0, TimeSpan.Zero), "between 2026-04-01 and 2026-04-02");

        var plan = RulePlanner.Plan("Acme today", ["x"], explicitWindow, Now);

        Assert.Equal(explicitWindow, plan.Window);
    }

    [Fact]
    public void Plan_ReportsSourcesNamedInThePromptButNotSelected()
    {
        var plan = RulePlanner.Plan("How many times was Acme mentioned on X and Reddit today?", ["x", "hackernews"], null, Now);

        Assert.Equal(["x", "hackernews"], plan.Sources);
        Assert.Contains("Reddit", plan.Notes[0]);
        Assert.Single(plan.Notes, n => n.Contains("Reddit"));
        Assert.Equal(["Acme"], plan.Terms);
    }

    [Theory]
    [InlineData("How many times was Acme mentioned on Hacker News and X today?", "x,hackernews")]
    [InlineData("Acme on X", "x")]
    [InlineData("acme on x this week", "x")]
    [InlineData("Acme on X and Reddit this week", "x,reddit")]
    [InlineData("X and Reddit mentions of Acme", "x,reddit")]
    [InlineData("Acme mentions from Hacker News and X", "x,hackernews")]
    [InlineData("Acme on Reddit, Bluesky and X", "x,reddit,bluesky")]
    [InlineData("Acme on Reddit or X", "x,reddit")]
    [InlineData("Acme on Twitter/X", "x")]
    [InlineData("Acme on X/Twitter", "x")]
    [InlineData("Acme on HN & X today", "x,hackernews")]
    [InlineData("Acme on X (formerly Twitter)", "x")]
    [InlineData("How many X posts about Acme?", "x")]
    // the letter elsewhere is not the source
    [InlineData("Acme X1 reviews on Reddit", "reddit")]
    [InlineData("Mentions of x10 speedups on Reddit", "reddit")]
    [InlineData("X-ray mentions on Hacker News", "hackernews")]
    [InlineData("Acme on X-ray forums and Reddit", "reddit")]
    [InlineData("Xbox and Reddit", "reddit")]
    [InlineData("How many times was Acme mentioned today?", "")]
    // Names come in the order they are read (X first), not as written.
    public void ReadSources_FindsX_OnlyAsASourceName(string prompt, string sources)
    {
        var (named, rest) = RulePlanner.ReadSources(prompt);

        Assert.Equal(sources.Split(',', StringSplitOptions.RemoveEmptyEntries), named);
        Assert.Equal(prompt.Contains("X1") || prompt.Contains("x10") || prompt.Contains("X-ray") || prompt.Contains("Xbox"),
            rest.Contains('X') || rest.Contains("x1"));
    }

    [Theory]
    [InlineData("How many times was Acme mentioned on Hacker News and X today?", new[] { "Acme" })]
    [InlineData("Acme X1 reviews on Reddit", new[] { "Acme X1" })]
    [InlineData("X and Reddit mentions of Globex", new[] { "Globex" })]
    public void Plan_KeepsXOutOfTheTerms_OnlyWhenItIsTheSource(string prompt, string[] terms) =>
        Assert.Equal(terms, RulePlanner.Plan(prompt, ["x", "reddit", "hackernews"], null, Now).Terms);

    [Fact]
    public void SincePreviousRun_SaysItIsTheDefault_WhenTheScheduleHasNoEarlierRun()
    {
        var window = RulePlanner.SincePreviousRun(null, Now.AddDays(-1), Now);

        Assert.Equal((Now.AddDays(-1), Now), (window.From, window.To));
        Assert.StartsWith("The prompt names no time window and the schedule has no run before this one, so the default window of one day was used: " +
                          "between 2026-04-29 14:02 and 2026-04-30 14:02 UTC.", window.Note);
    }

    [Theory]
    [InlineData("How many times was Acme mentioned?", null)]
    [InlineData("Acme mentions during the launch", "The time in \"during\" is not understood.")]
    public void Plan_WithARunsDefaultWindow_NotesItOrRefusesAnUnreadableTime(string prompt, string? refusal)
    {
        var window = RulePlanner.SincePreviousRun(Now.AddHours(-1), Now.AddDays(-1), Now);

        var plan = RulePlanner.Plan(prompt, ["x"], window, Now);

        Assert.Equal(window, plan.Window);
        if (refusal is null)
        {
            Assert.Null(plan.Refusal);
            Assert.Contains(window.Note, plan.Notes);
        }
        else Assert.StartsWith(refusal, plan.Refusal);
    }
}
