using ByteStack.Server.Hosting;
using System.Text.RegularExpressions;

namespace ByteStack.Server.Storage;

/// <summary>A stored file found for download: its index entry and where its bytes are (a local path, or the bytes themselves).</summary>
public sealed record StoredFile(StoredObject Object, string? LocalPath, byte[]? Bytes);

/// <summary>
/// The project's stored files: list, find, read and delete (the storage index and the object
/// store together). The storage API, the runs API (raw logs) and the dashboard go through here.
/// </summary>
public sealed partial class StorageService(StorageIndex index, IObjectStore files)
{
    public async Task<Outcome<Page<StorageItem>>> ListAsync(string projectId, string? prefix, string? jobId, int? limit, string? cursor, CancellationToken ct)
    {
        var take = limit ?? PageRequest.DefaultLimit;
        if (take is < 1 or > PageRequest.MaxLimit) return PageRequest.InvalidLimit();
        (long, string)? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = StorageIndex.ReadCursor(cursor)) is null)
            return Problems.BadParameter("cursor", ErrorCodes.InvalidCursor, "cursor is not one this API returned.");
        var rows = await index.ListAsync(projectId, string.IsNullOrEmpty(prefix) ? null : prefix, jobId, after, take + 1, ct);
        var shown = rows.Take(take).ToList();
        return new Page<StorageItem>(shown.Select(ToItem).ToList(), rows.Count > take ? StorageIndex.Cursor(shown[^1]) : null);
    }

    /// <summary>
    /// A file by key, or a query's result by its query id (<c>qry_…</c>). A key may arrive with its
    /// slashes percent-escaped (<c>job_…%2F2026-…json</c>): the server leaves <c>%2F</c> encoded in paths, so it is decoded here.
    /// </summary>
    public async Task<Outcome<StoredFile>> FindAsync(string projectId, string key, CancellationToken ct)
    {
        key = Unescape(key);
        if (!StorageKeys.IsValid(key)) return InvalidKey();
        var found = QueryKey().IsMatch(key) ? await index.ForQueryAsync(projectId, key, ct) : await index.GetAsync(projectId, key, ct);
        if (found is null) return NotFound(key);
        // A local file is streamed from disk (HEAD reads nothing); an S3 object is fetched whole (results are small JSON).
        if (files is FileStorage local)
            return File.Exists(local.PathOf(found.Key)) ? new StoredFile(found, local.PathOf(found.Key), null) : NotFound(key);
        return await files.ReadAsync(found.Key, ct) is { } bytes ? new StoredFile(found, null, bytes) : NotFound(key);
    }

    public async Task<Outcome> DeleteAsync(string projectId, string key, CancellationToken ct)
    {
        key = Unescape(key);
        if (!StorageKeys.IsValid(key)) return InvalidKey();
        if (!await index.DeleteAsync(projectId, key, ct)) return NotFound(key);
        await files.DeleteAsync(key, ct);
        return Outcome.Done;
    }

    /// <summary>Deletes every file of a job (its results and raw logs).</summary>
    public async Task DeleteForJobAsync(string projectId, string jobId, CancellationToken ct)
    {
        foreach (var key in await index.DeleteForJobAsync(projectId, jobId, ct)) await files.DeleteAsync(key, ct);
    }

    /// <summary>A run's raw scrape logs with their bytes; a log purged between listing and reading is left out.</summary>
    public async Task<IReadOnlyList<(StoredObject File, byte[] Bytes)>> LogsForRunAsync(string projectId, string runId, CancellationToken ct)
    {
        var logs = new List<(StoredObject, byte[])>();
        foreach (var file in await index.LogsForRunAsync(projectId, runId, ct))
        {
            if (await files.ReadAsync(file.Key, ct) is { } bytes) logs.Add((file, bytes));
        }
        return logs;
    }

    /// <summary>Every file is in built-in storage; "bucket" once the outbox delivered it to the connected bucket.</summary>
    public static StorageItem ToItem(StoredObject o) =>
        new(o.Key, o.SizeBytes, o.CreatedAt, o.JobId, o.RunId, o.QueryId, o.InBucket ? ["builtin", "bucket"] : ["builtin"]);

    private static string Unescape(string key) => key.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static ApiProblem InvalidKey() => Problems.BadParameter("key", ErrorCodes.InvalidKey,
        $"A storage key is a relative path of at most {StorageKeys.MaxBytes} bytes, without '..', '.', empty segments, a leading '/', backslashes or control characters.");

    private static ApiProblem NotFound(string key) => Problems.NotFound(ErrorCodes.StorageNotFound, $"No file '{key}' in this project's storage.");

    [GeneratedRegex("^qry_[0-9a-hjkmnp-tv-z]{26}$")]
    private static partial Regex QueryKey();
}
