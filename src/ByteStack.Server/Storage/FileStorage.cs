using ByteStack.Server.Hosting;

namespace ByteStack.Server.Storage;

/// <summary>
/// Built-in storage on the local file system: each key is the same relative path under
/// <c>&lt;data-dir&gt;/storage/</c>, so results can be read with ordinary tools. A write goes to a
/// temporary file first and is renamed into place, so no reader ever sees half a file.
/// </summary>
public sealed class FileStorage(DataDirectory dataDirectory)
{
    private const string TempFolder = ".tmp";

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var path = PathOf(key);
        var temp = Path.Combine(dataDirectory.Storage, TempFolder, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            await stream.WriteAsync(content, ct);
            await stream.FlushAsync(ct);
        }
        File.Move(temp, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    /// <summary>Deletes every file under <paramref name="prefix"/> (a folder such as <c>job_…/</c>).</summary>
    public Task DeleteFolderAsync(string prefix)
    {
        var path = PathOf(prefix.TrimEnd('/'));
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>The file of a key; keys that could leave the storage folder are refused.</summary>
    public string PathOf(string key)
    {
        if (string.IsNullOrEmpty(key) || key.StartsWith('/') || key.Split('/').Any(s => s is "" or "." or "..") || key.Any(char.IsControl))
            throw new ArgumentException($"'{key}' is not a valid storage key.", nameof(key));
        return Path.Combine(dataDirectory.Storage, key);
    }
}
