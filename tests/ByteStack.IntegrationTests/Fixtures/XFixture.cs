using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record Tweet(string Id, string Username, string Text, DateTimeOffset At);

    /// <summary>Counts report 342 matches today; search returns these four (3 authors: 1 positive, 2 negative, 1 neutral).</summary>
    public static readonly Tweet[] Tweets =
    [
        new("1850000000000000004", "dana", "Really impressed with the new Acme release", Today.AddHours(6)),
        new("1850000000000000003", "sam", "Acme is down again 😡", Today.AddHours(5)),
        new("1850000000000000002", "dana", "Acme event starts at 9", Today.AddHours(4)),
        new("1850000000000000001", "lee", "Acme docs are good but the API is awful", Today.AddHours(3)),
    ];

    public const long XTotal = 342;

    private void MapX(WebApplication app)
    {
        app.MapGet("/x/2/tweets/counts/recent", (HttpRequest r) => XEndpoint(r, counts: true));
        app.MapGet("/x/2/tweets/search/recent", (HttpRequest r) => XEndpoint(r, counts: false));
    }

    private IResult XEndpoint(HttpRequest r, bool counts)
    {
        var unauthorized = Json(new { title = "Unauthorized", type = "about:blank", status = 401, detail = "Unauthorized" }, 401, contentType: "application/problem+json");
        if (r.Headers.Authorization != $"Bearer {XToken}") return unauthorized;
        string? query = r.Query["query"], start = r.Query["start_time"], end = r.Query["end_time"];
        if (string.IsNullOrEmpty(query)) return Fail("query is required");
        if (!DateTimeOffset.TryParseExact(start, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
            || !DateTimeOffset.TryParseExact(end, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to))
            return Fail("start_time and end_time must be YYYY-MM-DDTHH:mm:ssZ");
        if (to > Now.AddSeconds(-10) || from < Now.AddDays(-7))
            return Json(new { errors = new[] { new { message = "Invalid 'end_time': must be a minimum of 10 seconds prior to the request time." } }, title = "Invalid Request", type = "https://api.twitter.com/2/problems/invalid-request" }, 400);
        if (!counts && (!int.TryParse(r.Query["max_results"], out var max) || max is < 10 or > 100 || r.Query["expansions"] != "author_id"
                        || !r.Query["tweet.fields"].ToString().Contains("created_at")))
            return Fail("search needs max_results 10-100, expansions=author_id and tweet.fields with created_at");
        if (IsCorpusQuery(query)) return XCorpus(r, query, from, to, counts);

        var asked = query.Split(' ')[0].Trim('(', ')', '"');
        var term = asked.ToLowerInvariant();
        var reset = new Dictionary<string, string> { ["x-rate-limit-limit"] = "450", ["x-rate-limit-remaining"] = "0" };
        switch (term)
        {
            case "authfail": return unauthorized;
            case "ratelimited":
                reset["x-rate-limit-reset"] = Epoch(Now.AddHours(1)).ToString();
                return Json(new { title = "Too Many Requests", type = "about:blank", status = 429, detail = "Too Many Requests" }, 429, reset, "application/problem+json");
            case "ratelimitedsoon" when First("x-soon"):
                reset["x-rate-limit-reset"] = Epoch(Now).ToString();
                return Json(new { title = "Too Many Requests", type = "about:blank", status = 429, detail = "Too Many Requests" }, 429, reset, "application/problem+json");
            case "soft": return Json(new { title = "CreditsDepleted", type = "about:blank", status = 402, detail = "Your account has no remaining credits." }, 402, contentType: "application/problem+json");
            case "boom": return Json(new { title = "Internal Error", status = 500 }, 500);
            case "flaky" when First("x-flaky"): return Json(new { title = "Service Unavailable", status = 503 }, 503);
        }
        var empty = term == "nothing";
        var page2 = r.Query["next_token"] == "p2";
        if (counts)
        {
            if (empty) return Json(new { data = new[] { new { start = Iso(Today), end = Iso(Today.AddDays(1)), tweet_count = 0 } }, meta = new { total_tweet_count = 0 } });
            return page2
                ? Json(new { data = new[] { new { start = Iso(Today), end = Iso(Today.AddDays(1)), tweet_count = 42 } }, meta = new { total_tweet_count = 42 } })
                : Json(new { data = new[] { new { start = Iso(Today.AddDays(-1)), end = Iso(Today), tweet_count = 300 } }, meta = new { total_tweet_count = 300, next_token = "p2" } });
        }
        if (empty) return Json(new { meta = new { result_count = 0 } });

        var page = page2 ? Tweets[3..] : Tweets[..3];
        return Json(new
        {
            data = page.Select(t => new
            {
                id = t.Id, text = Echo(t.Text, asked), edit_history_tweet_ids = new[] { t.Id }, author_id = "u-" + t.Username, created_at = t.At.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"),
                public_metrics = new { retweet_count = 5, reply_count = 2, like_count = 42, quote_count = 1, bookmark_count = 3, impression_count = 1200 },
            }),
            includes = new { users = page.Select(t => t.Username).Distinct().Select(u => new { id = "u-" + u, name = u.ToUpperInvariant(), username = u }) },
            meta = page2
                ? (object)new { newest_id = page[0].Id, oldest_id = page[^1].Id, result_count = page.Length }
                : new { newest_id = page[0].Id, oldest_id = page[^1].Id, result_count = page.Length, next_token = "p2" },
        });
    }

    /// <summary>The older scenarios' posts name the term asked ("flaky" gets "flaky is down again"), as a real search's would.</summary>
    private static string Echo(string text, string term) => term.Equals("acme", StringComparison.OrdinalIgnoreCase) ? text : text.Replace("Acme", term);

    private IResult XCorpus(HttpRequest r, string query, DateTimeOffset from, DateTimeOffset to, bool counts)
    {
        var matching = CorpusTweets.Where(t => t.At >= from && t.At < to && XMatches(query, t)).OrderByDescending(t => t.At).ToList();
        if (counts)
        {
            var days = matching.GroupBy(t => t.At.UtcDateTime.Date).OrderBy(g => g.Key)
                .Select(g => new { start = Iso(new DateTimeOffset(g.Key, TimeSpan.Zero)), end = Iso(new DateTimeOffset(g.Key.AddDays(1), TimeSpan.Zero)), tweet_count = g.Count() });
            return Json(new { data = days, meta = new { total_tweet_count = matching.Count } });
        }
        var offset = int.TryParse(r.Query["next_token"], out var o) ? o : 0;
        var max = int.Parse(r.Query["max_results"]!);
        var page = matching.Skip(offset).Take(max).ToList();
        if (page.Count == 0) return Json(new { meta = new { result_count = 0 } });
        var more = offset + max < matching.Count;
        return Json(new
        {
            data = page.Select(CorpusTweetJson),
            includes = new { users = page.Select(t => t.Username).Distinct().Select(u => new { id = "u-" + u, name = u, username = u }) },
            meta = more
                ? (object)new { newest_id = page[0].Id, oldest_id = page[^1].Id, result_count = page.Count, next_token = (offset + max).ToString(CultureInfo.InvariantCulture) }
                : new { newest_id = page[0].Id, oldest_id = page[^1].Id, result_count = page.Count },
        });
    }

    private static string Iso(DateTimeOffset t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
}
