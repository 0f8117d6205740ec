namespace ByteStack.Server.Storage;

/// <summary>
/// Built-in storage: the file system (default, one node) or an S3 bucket (several nodes). Both
/// behave alike: a write is atomic (a reader sees the old object or the whole new one, never
/// half), a missing key reads as null, deleting a missing key is not an error.
/// </summary>
public interface IObjectStore
{
    Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct);

    /// <summary>The whole object, or null when there is none.</summary>
    Task<byte[]?> ReadAsync(string key, CancellationToken ct);

    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>The rules every storage key follows, whichever backend holds it.</summary>
public static class StorageKeys
{
    public const int MaxBytes = 1024;

    /// <summary>Where a write is staged (file system) — never a user's key.</summary>
    public const string TempFolder = ".tmp";

    /// <summary>Whether <paramref name="key"/> is a relative path of plain segments that stays inside storage.</summary>
    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key)
        && System.Text.Encoding.UTF8.GetByteCount(key) <= MaxBytes
        && !key.StartsWith('/') && !key.Contains('\\')
        && !key.Any(char.IsControl)
        && key.Split('/').All(s => s is not ("" or "." or "..") && !s.StartsWith(TempFolder, StringComparison.Ordinal));
}
