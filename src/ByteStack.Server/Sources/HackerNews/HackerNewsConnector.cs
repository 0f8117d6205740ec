using System.Text.Json;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Sources.HackerNews;

/// <summary>
/// Hacker News through Algolia's <c>search_by_date</c> (newest first, no key). The window goes
/// into <c>numericFilters</c> on <c>created_at_i</c>; one request per term, deduplicated by
/// <c>objectID</c>. Algolia stops at 1,000 hits per query.
/// </summary>
public sealed class HackerNewsConnector(HttpClient client, SourceHttp http, IOptions<SourcesOptions> options) : Connector(http)
{
    private const int MaxHits = 1000;
    private SourceOptions Source => options.Value.HackerNews;

    public override string Id => "hackernews";

    public override (SourceReadiness, string) Readiness => (SourceReadiness.Ready, "Algolia HN Search API, no key needed.");

    protected override async Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct)
    {
        var posts = new Dictionary<string, SourcePost>();
        long reported = 0;
        foreach (var term in query.Terms)
        {
            for (var page = 0; posts.Count < query.MaxPosts && page * 100 < MaxHits; page++)
            {
                var url = $"{Source.BaseUrl.TrimEnd('/')}/search_by_date?query={Uri.EscapeDataString(term)}&tags=(story,comment)" +
                          $"&numericFilters=created_at_i>={query.Window.From.ToUnixTimeSeconds()},created_at_i<{query.Window.To.ToUnixTimeSeconds()}" +
                          $"&hitsPerPage={Math.Min(100, query.MaxPosts)}&page={page}";
                using var response = await Http.SendAsync(client, "Hacker News", Source, () => new HttpRequestMessage(HttpMethod.Get, url),
                    (r, now) => RateLimitHeaders.RetryAfter(r.Headers, now), ct);
                await SourceHttp.EnsureSuccessAsync(response, "Hacker News", ct);

                using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
                var root = json.RootElement;
                if (page == 0) reported += root.GetProperty("nbHits").GetInt64();
                foreach (var hit in root.GetProperty("hits").EnumerateArray())
                {
                    var post = ToPost(hit);
                    if (!IsExcluded(post.Text, query.Exclusions)) posts.TryAdd(post.Id, post);
                }
                if (page + 1 >= root.GetProperty("nbPages").GetInt32()) break;
            }
        }
        // Several terms can match one item: their hit counts overlap, so only a single term's count is exact.
        var total = query.Terms.Count == 1 && query.Exclusions.Count == 0 ? reported : posts.Count;
        return new SourceFetch(query.Source, FetchStatus.Ok, posts.Values.OrderByDescending(p => p.CreatedAt).ToList(), total, "api");
    }

    private static SourcePost ToPost(JsonElement hit)
    {
        var id = hit.GetProperty("objectID").GetString()!;
        string? Str(string name) => hit.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        long Num(string name) => hit.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
        var text = string.Join(" — ", new[] { Str("title"), Html.ToText(Str("story_text")), Html.ToText(Str("comment_text")) }
            .Where(t => !string.IsNullOrWhiteSpace(t)));
        return new SourcePost(id, Str("author") ?? "", text, $"https://news.ycombinator.com/item?id={id}",
            DateTimeOffset.FromUnixTimeSeconds(Num("created_at_i")),
            new Dictionary<string, long> { ["points"] = Num("points"), ["comments"] = Num("num_comments") });
    }
}
