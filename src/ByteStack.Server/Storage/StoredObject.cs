namespace ByteStack.Server.Storage;

/// <summary>A file in built-in storage, as the index knows it.</summary>
public sealed record StoredObject(
    string Key, string ProjectId, long SizeBytes, string ETag, string? JobId, string? RunId, string? QueryId, DateTimeOffset CreatedAt,
    bool InBucket = false);
