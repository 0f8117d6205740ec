using System.Data.Common;
using System.Security.Cryptography;

namespace ByteStack.Server.Storage;

/// <summary>
/// Writes result files to built-in storage and records them in the storage index, so the API can
/// list and serve them to their project (and only to it). A run's files are staged under keys of
/// their attempt before its fenced completion and published to their keys after it commits; reads
/// find a file at its key or, in the moment before the publish, where it was staged.
/// </summary>
public sealed class ResultFiles(IObjectStore storage, StorageIndex index, TimeProvider clock)
{
    /// <summary>Writes the file in place, then its index entry (query results: nothing fences them).</summary>
    public async Task<StoredObject> WriteAsync(string projectId, string key, byte[] content, string? jobId, string? runId, string? queryId,
        CancellationToken ct, DbTransaction? transaction = null)
    {
        await storage.WriteAsync(key, content, ct);
        var stored = Describe(projectId, key, content, jobId, runId, queryId);
        await index.UpsertAsync(stored, ct, transaction);
        return stored;
    }

    /// <summary>Writes a run attempt's file under its staging key; nothing lists or serves it until its completion indexes it.</summary>
    public async Task<StoredObject> StageAsync(string projectId, string key, byte[] content, string jobId, string runId, int attempt, CancellationToken ct)
    {
        var staged = StorageKeys.Staged(runId, attempt, key);
        await storage.StageAsync(staged, content, ct);
        return Describe(projectId, key, content, jobId, runId, null) with { StagedKey = staged };
    }

    /// <summary>Makes a batch's staged files durable, before the commit that indexes them: a committed row never points at a lost file.</summary>
    public Task SyncStagedAsync(IEnumerable<StoredObject> files, CancellationToken ct) =>
        storage.SyncAsync(files.Select(f => f.StagedKey).OfType<string>().ToList(), ct);

    /// <summary>After the completion committed: each staged file moves to its key.</summary>
    public async Task PublishAsync(IEnumerable<StoredObject> files, CancellationToken ct)
    {
        foreach (var file in files)
            if (file.StagedKey is { } staged) await storage.PublishAsync(staged, file.Key, ct);
    }

    /// <summary>A fenced-out attempt's files: never indexed, removed at once (the staging sweeper catches what a crash leaves).</summary>
    public async Task DiscardAsync(IEnumerable<StoredObject> files, CancellationToken ct)
    {
        foreach (var file in files)
            if (file.StagedKey is { } staged) await storage.DeleteAsync(staged, ct);
    }

    /// <summary>
    /// An indexed file's bytes: at its key, else (committed, not yet published) where it was staged,
    /// else at its key again (published between the two reads). Null when it is gone.
    /// </summary>
    public async Task<byte[]?> ReadAsync(StoredObject file, CancellationToken ct) =>
        await storage.ReadAsync(file.Key, ct)
        ?? (file.StagedKey is { } staged ? await storage.ReadAsync(staged, ct) ?? await storage.ReadAsync(file.Key, ct) : null);

    /// <summary>A project's file by key (the delivery worker's read), through its index entry.</summary>
    public async Task<byte[]?> ReadAsync(string projectId, string key, CancellationToken ct) =>
        await storage.ReadAsync(key, ct) ?? (await index.GetAsync(projectId, key, ct) is { } file ? await ReadAsync(file, ct) : null);

    private StoredObject Describe(string projectId, string key, byte[] content, string? jobId, string? runId, string? queryId) =>
        // A strong validator from the bytes: the same result rewritten keeps its ETag.
        new(key, projectId, content.Length, $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"", jobId, runId, queryId, clock.GetUtcNow());
}
