using System.Data.Common;
using System.Security.Cryptography;

namespace ByteStack.Server.Storage;

/// <summary>
/// Writes a result file to built-in storage and records it in the storage index, so the API can
/// list and serve it to its project (and only to it).
/// </summary>
public sealed class ResultFiles(IObjectStore storage, StorageIndex index, TimeProvider clock)
{
    /// <summary>Writes the file, then its index entry (inside <paramref name="transaction"/> when the caller fences the write with one).</summary>
    public async Task<StoredObject> WriteAsync(string projectId, string key, byte[] content, string? jobId, string? runId, string? queryId,
        CancellationToken ct, DbTransaction? transaction = null)
    {
        var stored = await StoreAsync(projectId, key, content, jobId, runId, queryId, ct);
        await index.UpsertAsync(stored, ct, transaction);
        return stored;
    }

    /// <summary>Writes the file only; it is listed and served once <see cref="IndexAsync"/> records it.</summary>
    public async Task<StoredObject> StoreAsync(string projectId, string key, byte[] content, string? jobId, string? runId, string? queryId, CancellationToken ct)
    {
        await storage.WriteAsync(key, content, ct);
        // A strong validator from the bytes: the same result rewritten (a retried occurrence) keeps its ETag.
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"";
        return new StoredObject(key, projectId, content.Length, etag, jobId, runId, queryId, clock.GetUtcNow());
    }

    public Task IndexAsync(StoredObject stored, CancellationToken ct, DbTransaction? transaction = null) => index.UpsertAsync(stored, ct, transaction);
}
