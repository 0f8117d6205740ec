namespace ByteStack.Server.Storage;

/// <summary>
/// A file in built-in storage, as the index knows it. <see cref="StagedKey"/>: where a run's
/// attempt wrote it before its completion published it to <see cref="Key"/> (null: written in place).
/// </summary>
public sealed record StoredObject(
    string Key, string ProjectId, long SizeBytes, string ETag, string? JobId, string? RunId, string? QueryId, DateTimeOffset CreatedAt,
    bool InBucket = false, string? StagedKey = null);
