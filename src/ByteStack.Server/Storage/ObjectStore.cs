namespace ByteStack.Server.Storage;

/// <summary>
/// Built-in storage: the file system (default, one node) or an S3 bucket (several nodes). Both
/// behave alike: a write is atomic (a reader sees the old object or the whole new one, never
/// half), a missing key reads as null, deleting a missing key is not an error.
/// </summary>
public interface IObjectStore
{
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>
    /// Writes an object no reader sees yet (a run attempt's staged file): not atomic, and not yet
    /// durable — <see cref="SyncAsync"/> makes a batch of them durable at once, before their commit.
    /// </summary>
    Task StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>Makes the staged objects <paramref name="keys"/> durable: after it returns, a power cut loses none of them.</summary>
    Task SyncAsync(IReadOnlyCollection<string> keys, CancellationToken ct);

    /// <summary>The whole object, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>
    /// Moves a staged object to its key, atomically for readers of that key (they see no object or
    /// the whole one). Moving an object already moved is not an error.
    /// </summary>
    Task PublishAsync(string stagedKey, string key, CancellationToken ct);

    /// <summary>Up to <paramref name="take"/> keys under <paramref name="prefix"/> (for the staging sweeper).</summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, int take, CancellationToken ct);
}

/// <summary>The rules every storage key follows, whichever backend holds it.</summary>
public static class StorageKeys
{
    public const int MaxBytes = 1024;

    /// <summary>Where a write is staged (file system) — never a user's key.</summary>
    public const string TempFolder = ".tmp";

    /// <summary>
    /// Where a run's attempt writes its files before its fenced completion. Never a user's key.
    /// </summary>
    public const string StagingFolder = ".staged";

    /// <summary>
    /// <c>.staged/{run_id}-{attempt}-{key with % and / escaped}</c>: one flat folder, so staging a
    /// file creates no folders and publishing it leaves none to remove (on a file system both cost
    /// more than the write itself), and the name alone still says whose file it is and where it goes.
    /// </summary>
    public static string Staged(string runId, int attempt, string key) =>
        $"{StagingFolder}/{runId}-{attempt}-{key.Replace("%", "%25").Replace("/", "%2F")}";

    /// <summary>The run, attempt and final key of a staged key; null for any other key.</summary>
    public static (string RunId, int Attempt, string Key)? ParseStaged(string stagedKey)
    {
        var parts = stagedKey.Split('/', 3);
        if (parts[0] != StagingFolder) return null;
        // .staged/{run}-{attempt}/{key}: the layout of earlier versions, which a crash may have left behind.
        if (parts.Length == 3)
            return parts[1].LastIndexOf('-') is var dash and > 0 && int.TryParse(parts[1][(dash + 1)..], out var old) ? (parts[1][..dash], old, parts[2]) : null;
        if (parts.Length != 2) return null;
        var name = parts[1].Split('-', 3);
        return name.Length == 3 && int.TryParse(name[1], out var attempt) && name[0].Length > 0
            ? (name[0], attempt, name[2].Replace("%2F", "/").Replace("%25", "%"))
            : null;
    }

    /// <summary>Whether <paramref name="key"/> is a relative path of plain segments that stays inside storage.</summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key)
        && System.Text.Encoding.UTF8.GetByteCount(key) <= MaxBytes
        && !key.StartsWith('/') && !key.Contains('\\')
        && !key.Any(char.IsControl)
        && key.Split('/').All(s => s is not ("" or "." or "..") && !s.StartsWith(TempFolder, StringComparison.Ordinal))
        && !key.StartsWith(StagingFolder + "/", StringComparison.Ordinal);

    /// <summary>A user's key, or a staged one (which only the engine writes).</summary>
    public static bool IsValidOrStaged(string key) => IsValid(key) || (ParseStaged(key) is { } staged && IsValid(staged.Key));
}
