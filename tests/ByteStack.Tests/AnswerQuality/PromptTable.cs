namespace ByteStack.Tests.AnswerQuality;

/// <summary>
/// Phrasings people really type, each with the plan it must produce and the exact counts the X
/// and Algolia fixtures' answer-quality corpus gives for it (at <see cref="Now"/>, Thursday
/// 30 April 2026, 07:59:30 UTC). Planner unit tests and the end-to-end tests read this one table.
/// </summary>
public static class PromptTable
{
    public static readonly DateTimeOffset Now = new(2026, 4, 30, 7, 59, 30, TimeSpan.Zero);

    /// <summary>"jobads" in <see cref="Row.Exclusions"/> stands for the planner's whole job-ads vocabulary.</summary>
    public const string JobAds = "jobads";

    /// <summary>
    /// One phrasing. <see cref="Window"/> is "from..to" in ISO form; <see cref="Refused"/> rows must fail with a clear
    /// message instead. <see cref="X"/> and <see cref="Hn"/> are each source's count; <see cref="ByTerm"/> the per-term
    /// counts across both ("Globex=14,Initech=5") when there are several terms.
    /// </summary>
    public sealed record Row(
        string Prompt, string[] Terms, string Window, string Intent = "count", string[]? Exclusions = null, string[]? Authors = null,
        string? Language = null, bool Reposts = false, long X = 0, long Hn = 0, string? ByTerm = null, bool Refused = false, bool WindowNote = false)
    {
        public override string ToString() => Prompt;
    }

    private const string Today = "2026-04-30T00:00:00Z..2026-04-30T07:59:30Z";
    private const string Yesterday = "2026-04-29T00:00:00Z..2026-04-30T00:00:00Z";
    private const string SinceMonday = "2026-04-27T00:00:00Z..2026-04-30T07:59:30Z";
    private const string Last3Days = "2026-04-27T07:59:30Z..2026-04-30T07:59:30Z";
    private const string Last48Hours = "2026-04-28T07:59:30Z..2026-04-30T07:59:30Z";
    private const string Last24Hours = "2026-04-29T07:59:30Z..2026-04-30T07:59:30Z";
    private const string Last7Days = "2026-04-23T07:59:30Z..2026-04-30T07:59:30Z";
    private const string None = "";

    public static readonly Row[] Rows =
    [
        // time: relative, explicit, in words
        new("How many times was Globex mentioned today?", ["Globex"], Today, X: 8, Hn: 6),
        new("How many times was Globex mentioned on X and Hacker News yesterday?", ["Globex"], Yesterday, X: 4, Hn: 2),
        new("Globex mentions since midnight", ["Globex"], Today, X: 8, Hn: 6),
        new("How many posts mentioned Globex since Monday?", ["Globex"], SinceMonday, X: 13, Hn: 10),
        new("Globex mentions over the last three days", ["Globex"], Last3Days, X: 13, Hn: 10),
        new("How often was Globex mentioned in the past 48 hours?", ["Globex"], Last48Hours, X: 12, Hn: 9),
        new("Count Globex mentions in the last 24 hours", ["Globex"], Last24Hours, X: 12, Hn: 8),
        new("Globex in the past twelve hours", ["Globex"], "2026-04-29T19:59:30Z..2026-04-30T07:59:30Z", X: 8, Hn: 6),
        new("How many times was Globex mentioned this week?", ["Globex"], SinceMonday, X: 13, Hn: 10),
        new("Globex mentions last week", ["Globex"], Last7Days, X: 15, Hn: 10, WindowNote: true),
        new("How many times was Globex mentioned between April 27 and April 28?", ["Globex"], "2026-04-27T00:00:00Z..2026-04-29T00:00:00Z", X: 1, Hn: 2),
        new("Globex mentions from 2026-04-28 to 2026-04-29", ["Globex"], "2026-04-28T00:00:00Z..2026-04-30T00:00:00Z", X: 4, Hn: 3),
        new("How many times was Globex mentioned on April 29?", ["Globex"], Yesterday, X: 4, Hn: 2),
        new("Globex mentions on Monday", ["Globex"], "2026-04-27T00:00:00Z..2026-04-28T00:00:00Z", X: 1, Hn: 1),
        new("Globex mentions since April 28", ["Globex"], "2026-04-28T00:00:00Z..2026-04-30T07:59:30Z", X: 12, Hn: 9),
        new("How many times was Globex mentioned?", ["Globex"], Last7Days, X: 15, Hn: 10, WindowNote: true),
        new("Globex mentions this month", ["Globex"], "2026-04-01T00:00:00Z..2026-04-30T07:59:30Z", X: 15, Hn: 10),
        new("Globex mentions over the past forty-eight hours", ["Globex"], Last48Hours, X: 12, Hn: 9),
        new("Globex mentions in the last 6 hours", ["Globex"], "2026-04-30T01:59:30Z..2026-04-30T07:59:30Z", X: 7, Hn: 5),
        new("How many times was Globex mentioned in the past hour?", ["Globex"], "2026-04-30T06:59:30Z..2026-04-30T07:59:30Z", X: 1, Hn: 0),
        new("How many times was Hooli mentioned on Hacker News and X in the last 3 days?", ["Hooli"], Last3Days, X: 1, Hn: 1),
        new("Hooli mentions in the last week", ["Hooli"], Last7Days, X: 2, Hn: 1),
        new("How many times was Initech mentioned in the past 2 days?", ["Initech"], Last48Hours, X: 4, Hn: 2),
        new("Globex on Hacker News today", ["Globex"], Today, X: 8, Hn: 6),
        // time that is not understood is refused, never replaced by a default window
        new("Globex mentions during the launch", ["Globex"], None, Refused: true),
        new("Globex mentions after the outage", ["Globex"], None, Refused: true),
        new("Globex mentions in Q3", ["Globex"], None, Refused: true),
        new("Globex mentions on 4/29", ["Globex"], None, Refused: true),
        new("Globex mentions since 2026-05-10", ["Globex"], None, Refused: true),
        new("Globex mentions between April 29 and April 27", ["Globex"], None, Refused: true),
        new("Globex mentions tomorrow", ["Globex"], None, Refused: true),
        // hashtags and handles are terms of their own
        new("How many posts with #launchday today?", ["#launchday"], Today, X: 1, Hn: 0),
        new("Posts with #launchday in the last 24 hours", ["#launchday"], Last24Hours, X: 2, Hn: 0),
        new("How many times was launchday mentioned today?", ["launchday"], Today, X: 2, Hn: 0),
        new("Mentions of @globex this week", ["@globex"], SinceMonday, X: 2, Hn: 0),
        new("How many tweets mention @globex today?", ["@globex"], Today, X: 1, Hn: 0),
        new("What's the buzz around #launchday and @globex this week?", ["#launchday", "@globex"], SinceMonday, X: 4, Hn: 0, ByTerm: "#launchday=2,@globex=2"),
        // several brands are several terms, each with its count
        new("Globex or Initech today", ["Globex", "Initech"], Today, X: 9, Hn: 8, ByTerm: "Globex=14,Initech=5"),
        new("Globex and Initech mentions today", ["Globex", "Initech"], Today, X: 9, Hn: 8, ByTerm: "Globex=14,Initech=5"),
        new("Globex vs Initech this week", ["Globex", "Initech"], SinceMonday, X: 15, Hn: 12, ByTerm: "Globex=23,Initech=6"),
        new("Compare Globex, Initech and Hooli today", ["Globex", "Initech", "Hooli"], Today, X: 10, Hn: 8, ByTerm: "Globex=14,Initech=5,Hooli=1"),
        new("How many times were Globex or Initech mentioned yesterday?", ["Globex", "Initech"], Yesterday, X: 4, Hn: 2, ByTerm: "Globex=6,Initech=0"),
        new("How many times was \"Globex Cloud\" mentioned today?", ["Globex Cloud"], Today, X: 1, Hn: 1),
        new("Mentions of Globex Cloud today", ["Globex Cloud"], Today, X: 1, Hn: 1),
        // exclusions in words
        new("Globex mentions today excluding retweets", ["Globex"], Today, X: 8, Hn: 6),
        new("Globex mentions today including retweets", ["Globex"], Today, Reposts: true, X: 9, Hn: 6),
        new("How many times was Globex mentioned today, not counting job ads?", ["Globex"], Today, Exclusions: [JobAds], X: 7, Hn: 5),
        new("Globex posts today without hiring posts", ["Globex"], Today, Exclusions: [JobAds], X: 7, Hn: 5),
        new("Globex mentions today except posts from @globexjobs", ["Globex"], Today, Authors: ["globexjobs"], X: 7, Hn: 5),
        new("Globex mentions this week excluding @globexjobs", ["Globex"], SinceMonday, Authors: ["globexjobs"], X: 11, Hn: 9),
        new("Globex mentions today excluding Initech", ["Globex"], Today, Exclusions: ["Initech"], X: 6, Hn: 6),
        new("Globex -Initech today", ["Globex"], Today, Exclusions: ["Initech"], X: 6, Hn: 6),
        // language
        new("Globex mentions in English today", ["Globex"], Today, Language: "en", X: 6, Hn: 5),
        new("Spanish posts about Globex today", ["Globex"], Today, Language: "es", X: 1, Hn: 1),
        new("Globex mentions in German today", ["Globex"], Today, Language: "de", X: 1, Hn: 0),
        new("Globex mentions in English excluding retweets, not counting job ads, this week", ["Globex"], SinceMonday, Exclusions: [JobAds], Language: "en", X: 9, Hn: 8),
        new("How many tweets about Globex today, except posts from @globexjobs, in English?", ["Globex"], Today, Authors: ["globexjobs"], Language: "en", X: 5, Hn: 4),
        // the summary answers the question asked
        new("How many unique users mentioned Globex today?", ["Globex"], Today, Intent: "users", X: 8, Hn: 6),
        new("How many negative posts about Globex today?", ["Globex"], Today, Intent: "negative", X: 8, Hn: 6),
        new("What do people think of Globex today?", ["Globex"], Today, Intent: "sentiment", X: 8, Hn: 6),
        new("Sentiment around Initech this week", ["Initech"], SinceMonday, Intent: "sentiment", X: 4, Hn: 2),
        new("Initech sentiment over the last two days", ["Initech"], Last48Hours, Intent: "sentiment", X: 4, Hn: 2),
        new("Top posts about Globex today", ["Globex"], Today, Intent: "top", X: 8, Hn: 6),
        new("List posts mentioning Hooli today", ["Hooli"], Today, Intent: "list", X: 1, Hn: 0),
    ];

    public static TheoryData<Row> All => [.. Rows];

    public static TheoryData<Row> Answered => [.. Rows.Where(r => !r.Refused)];
}
