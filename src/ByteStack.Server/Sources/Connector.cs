using System.Text.Json;

namespace ByteStack.Server.Sources;

public enum SourceReadiness { Ready, NeedsCredentials, Unavailable }

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
            var posts = fetch.Posts.Where(p => query.Window.Contains(p.CreatedAt)).Take(query.MaxPosts).ToList();
            return fetch with
            {
                Posts = posts,
                TotalResults = Math.Max(fetch.TotalResults, posts.Count),
                Status = posts.Count == 0 && fetch.TotalResults == 0 ? FetchStatus.Empty : FetchStatus.Ok,
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

    /// <summary>Fetch newest first until <c>Limit</c> posts or the window's start; the base re-checks the window.</summary>
    protected abstract Task<SourceFetch> FetchCoreAsync(SourceQuery query, CancellationToken ct);

    /// <summary>Whether a post's text contains an excluded term; APIs without a NOT operator are filtered here.</summary>
    protected static bool IsExcluded(string text, IReadOnlyList<string> exclusions) =>
        exclusions.Any(e => text.Contains(e, StringComparison.OrdinalIgnoreCase));

    protected static string Iso(DateTimeOffset instant) => Hosting.Json.Format(instant);

    /// <summary>A search term as a phrase: multi-word terms in double quotes (stray quotes removed).</summary>
    protected static string Quote(string term) => term.Contains(' ') ? $"\"{term.Replace("\"", "")}\"" : term;
}
