namespace ByteStack.Server.Sources;

/// <summary>
/// Who wrote a post, decided here for every source, so <c>unique_users</c> counts people and
/// not spellings of them. A display name is never an identity (two channels may share one);
/// each source's stable account id is. The README's "Who is a user" table repeats this.
/// </summary>
public static class AuthorIdentity
{
    /// <summary>
    /// Reddit: the username, which Reddit never reassigns. <c>[deleted]</c> (and <c>[removed]</c>)
    /// stand for no known person and are not counted. Documented in Reddit's API listing format:
    /// https://github.com/reddit-archive/reddit/wiki/JSON ("author": "the account name of the poster").
    /// </summary>
    public static string Reddit(string author) => author is "[deleted]" or "[removed]" or "" ? "" : author.ToLowerInvariant();

    /// <summary>
    /// Bluesky: the account's DID. Handles change, and an account whose handle no longer
    /// verifies shows <c>handle.invalid</c> (https://docs.bsky.app/docs/advanced-guides/resolution):
    /// the DID is the permanent identifier (https://atproto.com/specs/did).
    /// </summary>
    public static string Bluesky(string did) => did;

    /// <summary>
    /// Mastodon: the account's profile URL, which is the same whichever instance reports the
    /// account. <c>acct</c> is relative ("the username for local users, username@domain for
    /// remote ones": https://docs.joinmastodon.org/entities/Account/#acct), so it is made
    /// absolute with <see cref="MastodonAcct"/> for display.
    /// </summary>
    public static string Mastodon(string? accountUrl, string absoluteAcct) =>
        string.IsNullOrEmpty(accountUrl) ? absoluteAcct.ToLowerInvariant() : accountUrl;

    /// <summary>
    /// <c>user@domain</c> for every account: a local account's <c>acct</c> has no domain, so the
    /// host of its profile URL (the instance's web domain) is added.
    /// </summary>
    public static string MastodonAcct(string acct, string? accountUrl) =>
        acct.Contains('@') || !Uri.TryCreate(accountUrl, UriKind.Absolute, out var url) ? acct : $"{acct}@{url.Host}";

    /// <summary>
    /// YouTube: the channel id; <c>channelTitle</c> is a display name that several channels can
    /// share (https://developers.google.com/youtube/v3/docs/search#snippet.channelId).
    /// </summary>
    public static string YouTube(string channelId) => channelId;

    /// <summary>
    /// Whether <paramref name="excluded"/> (a handle as a person writes it, with or without
    /// <c>@</c>) names the post's author: the handle or id itself, or its first part, so
    /// <c>acmejobs</c> names <c>acmejobs.bsky.social</c> and <c>acmejobs@mastodon.social</c>.
    /// </summary>
    public static bool IsAuthor(SourcePost post, string excluded)
    {
        var name = excluded.Trim().TrimStart('@');
        if (name.Length == 0) return false;
        return post.Author.Equals(name, StringComparison.OrdinalIgnoreCase)
            || post.AuthorId.Equals(name, StringComparison.OrdinalIgnoreCase)
            || (post.Author.Length > name.Length && post.Author[name.Length] is '@' or '.'
                && post.Author.StartsWith(name, StringComparison.OrdinalIgnoreCase));
    }
}
