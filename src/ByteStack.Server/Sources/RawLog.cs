using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ByteStack.Server.Sources;

/// <summary>One raw answer of a source API, as a run's scrape log keeps it.</summary>
public sealed record RawResponse(string Source, string Method, string Url, int Status, DateTimeOffset ReceivedAt, string Body, bool Truncated);

/// <summary>
/// Collects the raw answers of the source APIs while a run executes: <see cref="Begin"/> opens a
/// log for the current async flow (the connectors' parallel requests included), and
/// <see cref="SourceHttp"/> adds every data request's answer to it. Credential exchanges (POSTs:
/// OAuth tokens, sessions) are never recorded, and secrets in query strings are masked.
/// </summary>
public sealed partial class RawLog
{
    /// <summary>Bodies longer than this are cut (the log is for looking into a run, not a second copy of the API).</summary>
    public const int MaxBodyChars = 1_000_000;

    private static readonly AsyncLocal<RawLog?> Current = new();
    private readonly ConcurrentQueue<RawResponse> responses = new();

    public IReadOnlyList<RawResponse> Responses => responses.OrderBy(r => r.ReceivedAt).ToList();

    /// <summary>Starts collecting for the calling flow until the returned scope is disposed.</summary>
    public static IDisposable Begin(out RawLog log)
    {
        var previous = Current.Value;
        Current.Value = log = new RawLog();
        return new Scope(previous);
    }

    internal static async Task RecordAsync(string source, HttpRequestMessage request, HttpResponseMessage response, TimeProvider clock, CancellationToken ct)
    {
        if (Current.Value is not { } log || request.Method != HttpMethod.Get) return;
        // The content is buffered (ResponseContentRead), so the connector can still read it afterwards.
        // Read as UTF-8 whatever the declared charset: keeping a log must never fail the request.
        var body = response.Content is null ? "" : System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync(ct));
        var truncated = body.Length > MaxBodyChars;
        log.responses.Enqueue(new RawResponse(source, request.Method.Method, Redact(request.RequestUri?.ToString() ?? ""), (int)response.StatusCode,
            clock.GetUtcNow(), truncated ? body[..MaxBodyChars] : body, truncated));
    }

    /// <summary>Masks credentials in a URL: user info (<c>user:pass@</c>) and query parameters such as <c>key</c>, <c>apiKey</c>, <c>access_token</c>.</summary>
    public static string Redact(string url) =>
        SecretParameter().Replace(UserInfo().Replace(url, "${scheme}REDACTED@"), m => $"{m.Groups[1].Value}REDACTED");

    [GeneratedRegex(@"(?<scheme>^[a-z][a-z0-9+.-]*://)[^/@?#]+@", RegexOptions.IgnoreCase)]
    private static partial Regex UserInfo();

    [GeneratedRegex(@"(?<=[?&])((?:api_?key|key|access_token|token|secret|client_secret|password|signature|sig)=)[^&#]*", RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();

    private sealed class Scope(RawLog? previous) : IDisposable
    {
        public void Dispose() => Current.Value = previous;
    }

    /// <summary>The storage key of the <paramref name="index"/>-th raw response of a run's <paramref name="attempt"/> (attempts never share a file).</summary>
    public static string Key(string jobId, string runId, int attempt, int index, string source) =>
        $"logs/{jobId}/{runId}/{attempt}-{index:000}-{new string(source.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).ToArray())}.json";

    public static byte[] Serialize(RawResponse response) =>
        Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(response, Hosting.Json.Options));
}
