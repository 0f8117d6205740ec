namespace ByteStack.Contracts;

/// <summary>The body of <c>POST /v1/keys</c>.</summary>
public sealed record CreateKeyRequest
{
    /// <summary>A name for people (≤ 200 characters); fixed at creation. Required.</summary>
    public string? Name { get; init; }
    /// <summary><c>read</c>, <c>write</c> and/or <c>admin</c> (default <c>["read"]</c>); each includes the ones before it.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }
}

/// <summary>An API key (never its value: only a hash is stored).</summary>
/// <param name="Prefix">The key's first characters, to tell keys apart.</param>
public sealed record KeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A new API key with its value, shown this once.</summary>
public sealed record CreatedKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string Key);
