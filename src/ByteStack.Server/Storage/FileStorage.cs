using ByteStack.Server.Hosting;

namespace ByteStack.Server.Storage;

/// <summary>
/// Built-in storage on the local file system: each key is the same relative path under
/// <c>&lt;data-dir&gt;/storage/</c>, so results can be read with ordinary tools. A write goes to a
/// temporary file first and is renamed into place, so no reader ever sees half a file.
/// </summary>
public sealed class FileStorage(DataDirectory dataDirectory) : IObjectStore
{
    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = Path.Combine(dataDirectory.Storage, StorageKeys.TempFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                await stream.WriteAsync(content, ct);
                // On disk before the rename: after a power cut the index must not point at an empty file.
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    /// <summary>Deletes one file (a missing file is already what was asked for) and the folders it leaves empty.</summary>
    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.CompletedTask;
        File.Delete(path);
        var root = Path.GetFullPath(dataDirectory.Storage);
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > root.Length
             && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder))
            Directory.Delete(folder);
        return Task.CompletedTask;
    }

    /// <summary>The file of a key; keys that could leave the storage folder are refused.</summary>
    public string PathOf(string key)
    {
        if (!StorageKeys.IsValid(key)) throw new ArgumentException($"'{key}' is not a valid storage key.", nameof(key));
        var root = Path.GetFullPath(dataDirectory.Storage) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Belt and braces: whatever the segments said, the final path must lie under the storage root.
        if (!path.StartsWith(root, StringComparison.Ordinal)) throw new ArgumentException($"'{key}' leaves the storage folder.", nameof(key));
        return path;
    }
}
