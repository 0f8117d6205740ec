using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ByteStack.IntegrationTests.Fixtures;

public sealed partial class SourceFixtureServer
{
    public sealed record HnHit(string Id, string Author, bool IsStory, string Text, DateTimeOffset At);

    /// <summary>
    /// Five hits today (4 authors) and one yesterday. Read offline: 2 positive, 2 negative, 1 neutral
    /// ("Acme pricing changed today" is taken for a complaint, where a careful reader may see news).
    /// </summary>
    public static readonly HnHit[] HnHits =
    [
        new("41900005", "max", false, "Acme pricing changed today", Today.AddHours(5)),
        new("41900004", "lee", true, "Show HN: Acme plugin for Vim, love it", Today.AddHours(4)),
        new("41900003", "jdoe", false, "Acme support is terrible", Today.AddHours(3)),
        new("41900002", "kim", false, "We moved to Acme last year and it is great", Today.AddHours(2)),
        new("41900001", "jdoe", true, "Acme open-sources its scheduler", Today.AddHours(1)),
        new("41900000", "old", true, "Acme 1.0 released", Today.AddHours(-1)),
    ];

    private void MapHackerNews(WebApplication app) => app.MapGet("/hn/api/v1/search_by_date", async (HttpRequest r) =>
    {
        if (r.Query["query"] == "slow") await Task.Delay(TimeSpan.FromSeconds(5), r.HttpContext.RequestAborted);
        // A run that takes a while but succeeds: long enough to kill or freeze the node in the middle.
        if (r.Query["query"] == "slowish") await Task.Delay(TimeSpan.FromSeconds(2), r.HttpContext.RequestAborted);
        string? q = r.Query["query"], tags = r.Query["tags"], filters = r.Query["numericFilters"];
        if (string.IsNullOrEmpty(q) || string.IsNullOrEmpty(tags) || string.IsNullOrEmpty(filters) || !int.TryParse(r.Query["hitsPerPage"], out var perPage)
            || !int.TryParse(r.Query["page"], out var page))
            return Fail("search_by_date needs query, tags, numericFilters, hitsPerPage and page");
        var window = Regex.Match(filters, @"^created_at_i>=(\d+),created_at_i<(\d+)$");
        if (!window.Success) return Fail("numericFilters must be created_at_i>=FROM,created_at_i<TO");

        switch (q.ToLowerInvariant())
        {
            case "authfail": return Json(new { message = "Invalid Application-ID or API key", status = 403 }, 403);
            case "ratelimited": return Json(new { message = "Too many requests", status = 429 }, 429, new Dictionary<string, string> { ["Retry-After"] = "3600" });
            case "ratelimitedsoon" when First("hn-soon"): return Json(new { message = "Too many requests", status = 429 }, 429, new Dictionary<string, string> { ["Retry-After"] = "0" });
            case "boom": return Json(new { message = "Internal error", status = 500 }, 500);
            case "flaky" when First("hn-flaky"): return Json(new { message = "Service unavailable", status = 503 }, 503);
            case "soft": return Json(new { message = "invalid numericFilters: points is not filterable", status = 400 }, 400);
            case "wrongshape": return Json(new { results = Array.Empty<object>() });
        }

        long from = long.Parse(window.Groups[1].Value), to = long.Parse(window.Groups[2].Value);
        if (IsCorpusQuery(q))
        {
            bool typos = r.Query["typoTolerance"] != "false", prefix = r.Query["queryType"] != "prefixNone", advanced = r.Query["advancedSyntax"] == "true";
            var found = CorpusHits.Where(h => Epoch(h.At) >= from && Epoch(h.At) < to && AlgoliaMatches(q, h, typos, prefix, advanced))
                .OrderByDescending(h => h.At).ToList();
            return Json(new
            {
                hits = found.Skip(page * perPage).Take(perPage).Select(CorpusHitJson), nbHits = found.Count, page,
                nbPages = (found.Count + perPage - 1) / perPage, hitsPerPage = perPage, exhaustiveNbHits = true, query = q, processingTimeMS = 1,
            });
        }
        var asked = q.Trim('"');
        var matching = q is "nothing" or "slowish"
            ? []
            : HnHits.Where(h => Epoch(h.At) >= from && Epoch(h.At) < to).ToList();
        var hits = matching.Skip(page * perPage).Take(perPage).Select(h => h.IsStory
            ? (object)new
            {
                objectID = h.Id, created_at = h.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), created_at_i = Epoch(h.At), author = h.Author,
                title = Echo(h.Text, asked), url = "https://acme.example/blog", story_text = (string?)null, points = 120, num_comments = 45,
                _tags = new[] { "story", $"author_{h.Author}" },
            }
            : new
            {
                objectID = h.Id, created_at = h.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), created_at_i = Epoch(h.At), author = h.Author,
                comment_text = $"<p>{Echo(h.Text, asked)}</p>", story_id = 41900001, story_title = "Acme open-sources its scheduler",
                points = (int?)null, num_comments = (int?)null, _tags = new[] { "comment", $"author_{h.Author}" },
            });
        return Json(new
        {
            hits, nbHits = matching.Count, page, nbPages = (matching.Count + perPage - 1) / perPage, hitsPerPage = perPage,
            exhaustiveNbHits = true, query = q, processingTimeMS = 2,
        });
    });
}
