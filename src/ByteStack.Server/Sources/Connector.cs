using System.Text.Json;

namespace ByteStack.Server.Sources;

/// <summary>
/// A source API. Subclasses speak one API (paths, parameters, auth, paging, formats); this
/// base turns every failure into an honest <see cref="FetchStatus.Unavailable"/> answer with a
/// reason, so no failure ever reads as "no results".
/// </summary>
public abstract class Connector(SourceHttp http)
{
    /// <summary>The source id used in jobs and results (<c>x</c>, <c>hackernews</c>, …).</summary>
    public abstract string Id { get; }

    /// <summary>Whether configuration allows this connector to run, and why not.</summary>
    public abstract (SourceReadiness Readiness, string Detail) Readiness { get; }

    protected SourceHttp Http => http;

    public virtual bool Handles(string source) => source == Id;

    public async Task<SourceFetch> FetchAsync(SourceQuery query, CancellationToken ct)
    {
        if (Readiness is (SourceReadiness.NeedsCredentials, var detail))
            return SourceFetch.Unavailable(query.Source, "needs_credentials", detail);
        try
        {
            var fetch = await FetchCoreAsync(query, ct);
            // Pages can overlap (an item moves between two requests, or two requests per term find
            // one post), so every connector's posts are de-duplicated by the source's id here.
            var matching = fetch.Posts.DistinctBy(p => p.Id)
                .Where(p => query.Window.Contains(p.CreatedAt) && Counts(p, query))
                .ToList();
            var posts = matching.Take(query.MaxPosts).ToList();
            // A connector without an API count reports the posts it found; those that did not pass
            // the filters above are then not mentions either.
            var total = fetch.TotalResults == fetch.Posts.Count ? matching.Count : Math.Max(fetch.TotalResults, posts.Count);
            return fetch with
            {
                Posts = posts,
                TotalResults = total,
                Status = posts.Count == 0 && total == 0 ? FetchStatus.Empty : FetchStatus.Ok,
                Capped = fetch.Capped || matching.Count > query.MaxPosts,
            };
        }
        catch (SourceUnavailableException e)
        {
            return SourceFetch.Unavailable(query.Source, e.Code, e.Message, e.RetryAt);
        }
        catch (JsonException e)
        {
            return SourceFetch.Unavailable(query.Source, "invalid_response", $"{Id} answered something that is not its API's JSON: {e.Message}");
        }
        catch (System.Xml.XmlException e)
        {
            return SourceFetch.Unavailable(query.Source, "invalid_response", $"{Id} answered something that is not a feed: {e.Message}");
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A response of an unexpected shape (a missing field, a bad date): this source is unavailable, the query goes on.
            return SourceFetch.Unavailable(query.Source, "invalid_response", $"{Id} answered in an unexpected shape: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Whether a post the API found counts as a mention for this question: not a repost (unless
    /// asked for), in the asked language where the post says its language, and not by an
    /// excluded author. Applied to every connector, whether or not its API filtered already.
    /// </summary>
    public static bool Counts(SourcePost post, SourceQuery query) =>
        (query.IncludeReposts || !post.IsRepost)
        && (query.Language is null || post.Languages.Count == 0 || post.Languages.Any(l => SameLanguage(l, query.Language)))
        && !query.ExcludedAuthors.Any(a => AuthorIdentity.IsAuthor(post, a));

    /// <summary>"en" matches "en", "EN" and "en-US".</summary>
    private static bool SameLanguage(string tag, string language) =>
        tag.Equals(language, StringComparison.OrdinalIgnoreCase)
        || (tag.Length > language.Length && tag[language.Length] is '-' or '_' && tag.StartsWith(language, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Fetch newest first until <see cref="SourceQuery.MaxPosts"/> posts (setting
    /// <see cref="SourceFetch.Capped"/> when more were left) or the window's start; the base
    /// re-checks the window, removes duplicates and applies <see cref="Counts"/>.
    /// </summary>
    protected abstract Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct);

    /// <summary>Whether a post's text contains an excluded term; APIs without a NOT operator are filtered here.</summary>
    protected static bool IsExcluded(string text, IReadOnlyList<string> exclusions) =>
        TermMatch.MentionsAny(text, exclusions);

    protected static string Iso(DateTimeOffset instant) => Hosting.Json.Format(instant);

    /// <summary>A search term as a phrase: multi-word terms in double quotes (stray quotes removed).</summary>
    protected static string Quote(string term) => term.Contains(' ') ? $"\"{term.Replace("\"", "")}\"" : term;
}
