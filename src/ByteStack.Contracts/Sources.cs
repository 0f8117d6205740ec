namespace ByteStack.Contracts;

/// <summary>A source and whether this node can query it.</summary>
/// <param name="Detail">What to configure, or why it is unavailable.</param>
public sealed record SourceResponse(string Id, string Name, SourceReadiness Status, string Detail);

/// <summary>The answer of <c>/healthz</c> and <c>/readyz</c>.</summary>
/// <param name="Status"><c>ok</c> or <c>unavailable</c>.</param>
/// <param name="Checks">Each check by name (<c>database</c>, <c>storage</c>); empty for <c>/healthz</c>.</param>
public sealed record HealthResponse(string Status, IReadOnlyDictionary<string, HealthCheckResponse> Checks);

/// <summary>One readiness check.</summary>
public sealed record HealthCheckResponse(string Status, string? Detail);
