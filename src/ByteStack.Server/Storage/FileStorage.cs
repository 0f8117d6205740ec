using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
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
        var path = LocalPath(key);
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

    /// <summary>Straight to its (attempt-specific, unlisted) path: no temporary file, no rename, no flush — <see cref="SyncAsync"/> does that for the batch.</summary>
    public async Task StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = LocalPath(key);
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        }
        catch (DirectoryNotFoundException)
        {
            // Only the first file (or one staged by an older layout) needs its folder made.
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            handle = File.OpenHandle(path, FileMode.Create, FileAccess.Write);
        }
        using (handle) await RandomAccess.WriteAsync(handle, content, 0, ct);
    }

    /// <summary>
    /// On Linux one <c>syncfs</c> for the whole batch: it writes back every dirty page and
    /// directory entry of the file system, the staged files' among them, in one journal commit,
    /// where an <c>fsync</c> per file costs a journal commit each. Elsewhere each file is flushed.
    /// </summary>
    public Task SyncAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return Task.CompletedTask;
        if (OperatingSystem.IsLinux())
        {
            var staging = Path.Combine(dataDirectory.Storage, StorageKeys.StagingFolder);
            Directory.CreateDirectory(staging);
            // A file to name the file system by (syncfs takes a descriptor; .NET opens no folders).
            using var anchor = File.OpenHandle(Path.Combine(staging, ".sync"), FileMode.OpenOrCreate, FileAccess.Read);
            if (SyncFileSystem((int)anchor.DangerousGetHandle()) != 0)
                throw new IOException($"syncfs failed (errno {Marshal.GetLastPInvokeError()}); the batch's staged files may not be on disk.");
            return Task.CompletedTask;
        }
        foreach (var key in keys)
        {
            using var handle = File.OpenHandle(LocalPath(key), FileMode.Open, FileAccess.Write);
            RandomAccess.FlushToDisk(handle);
        }
        return Task.CompletedTask;
    }

    // A plain int in and out: nothing to marshal, so no generated (unsafe) stub is needed.
    [DllImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static extern int SyncFileSystem(int fd);

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        try
        {
            return await File.ReadAllBytesAsync(LocalPath(key), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>A rename on one file system: readers of the key see no file or the whole one.</summary>
    public Task PublishAsync(string stagedKey, string key, CancellationToken ct)
    {
        var from = LocalPath(stagedKey);
        var to = LocalPath(key);
        try
        {
            File.Move(from, to, overwrite: true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (!File.Exists(from)) return Task.CompletedTask; // published already
            // The key's folder is new (a run's log folder): made only when the move says so.
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Move(from, to, overwrite: true);
        }
        RemoveEmptyFolders(from);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, int take, CancellationToken ct)
    {
        var root = Path.GetFullPath(dataDirectory.Storage);
        var folder = Path.Combine(root, prefix.TrimEnd('/'));
        IReadOnlyList<string> keys = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Take(take)
                .Select(f => Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/')).ToList()
            : [];
        return Task.FromResult(keys);
    }

    /// <summary>Deletes one file (a missing file is already what was asked for) and the folders it leaves empty.</summary>
    public Task DeleteAsync(string key, CancellationToken ct)
    {
        var path = LocalPath(key);
        if (!File.Exists(path)) return Task.CompletedTask;
        File.Delete(path);
        RemoveEmptyFolders(path);
        return Task.CompletedTask;
    }

    private void RemoveEmptyFolders(string path)
    {
        var root = Path.GetFullPath(dataDirectory.Storage);
        // The staging folder itself stays: other attempts are creating their folders in it right now.
        var staging = Path.Combine(root, StorageKeys.StagingFolder);
        for (var folder = Path.GetDirectoryName(path); folder is not null && folder.Length > root.Length && folder != staging
             && Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any(); folder = Path.GetDirectoryName(folder))
        {
            try
            {
                Directory.Delete(folder);
            }
            catch (IOException)
            {
                return; // a concurrent write put a file there again: the folder is in use
            }
        }
    }

    /// <summary>The file of a user's key; keys that could leave the storage folder are refused.</summary>
    public string PathOf(string key) => StorageKeys.IsValid(key)
        ? LocalPath(key)
        : throw new ArgumentException($"'{key}' is not a valid storage key.", nameof(key));

    /// <summary>The file of a key, staged ones included.</summary>
    private string LocalPath(string key)
    {
        if (!StorageKeys.IsValidOrStaged(key)) throw new ArgumentException($"'{key}' is not a valid storage key.", nameof(key));
        var root = Path.GetFullPath(dataDirectory.Storage) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(root, key));
        // Belt and braces: whatever the segments said, the final path must lie under the storage root.
        if (!path.StartsWith(root, StringComparison.Ordinal)) throw new ArgumentException($"'{key}' leaves the storage folder.", nameof(key));
        return path;
    }
}
