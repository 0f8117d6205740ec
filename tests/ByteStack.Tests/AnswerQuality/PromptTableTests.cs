using ByteStack.Server.Queries;

namespace ByteStack.Tests.AnswerQuality;

/// <summary>Every phrasing of <see cref="PromptTable"/> produces its plan: terms, exclusions, authors, language, reposts, window and intent.</summary>
public sealed class PromptTableTests
{
    [Fact]
    public void Table_HasAtLeastSixtyPhrasings() => Assert.True(PromptTable.Rows.Length >= 60, $"{PromptTable.Rows.Length} rows");

    [Theory, MemberData(nameof(PromptTable.All), MemberType = typeof(PromptTable))]
    public void Plan_ProducesTheTabledPlan(PromptTable.Row row)
    {
        var plan = RulePlanner.Plan(row.Prompt, ["x", "hackernews"], null, PromptTable.Now);

        if (row.Refused)
        {
            Assert.NotNull(plan.Refusal);
            Assert.Contains("date_range", plan.Refusal);
            return;
        }
        Assert.Null(plan.Refusal);
        Assert.Equal(row.Terms, plan.Terms);
        var window = row.Window.Split("..");
        Assert.Equal((DateTimeOffset.Parse(window[0]), DateTimeOffset.Parse(window[1])), (plan.Window.From, plan.Window.To));
        Assert.Equal(row.Intent, plan.Intent.ToString().ToLowerInvariant());
        var exclusions = (row.Exclusions ?? []).SelectMany(e => e == PromptTable.JobAds ? RulePlanner.JobAdWords : [e]).ToList();
        Assert.Equal(exclusions, plan.Exclusions);
        Assert.Equal(row.Authors ?? [], plan.ExcludedAuthors);
        Assert.Equal(row.Language, plan.Language);
        Assert.Equal(row.Reposts, plan.IncludeReposts);
        Assert.Contains(plan.Notes, n => n.Contains(row.Reposts ? "were counted as mentions" : "were not counted as mentions"));
        if (row.WindowNote) Assert.Contains(plan.Notes, n => n.Contains("7 days"));
        if (exclusions.Count > 0 && row.Exclusions!.Contains(PromptTable.JobAds)) Assert.Contains(plan.Notes, n => n.StartsWith("Job ads were excluded"));
        Assert.DoesNotContain(plan.Notes, n => n.Contains("not among the selected sources"));
    }
}
