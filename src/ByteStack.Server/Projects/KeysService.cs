using ByteStack.Server.Hosting;

namespace ByteStack.Server.Projects;

/// <summary>A project's API keys: list, create (value shown once) and revoke.</summary>
public sealed class KeysService(ProjectStore store)
{
    public const int MaxNameLength = 200;

    public async Task<Outcome<Page<KeyResponse>>> ListAsync(string projectId, int? limit, string? cursor, CancellationToken ct)
    {
        if (!PageRequest.TryParse(limit, cursor, "key", out var page, out var problem)) return problem;
        var rows = await store.ListKeysAsync(projectId, page, ct);
        return Outcome.Ok(page.ToPage(rows, k => k.Id, k => new KeyResponse(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, k.RevokedAt)));
    }

    /// <param name="bindingErrors">Shape errors found while reading the request's JSON, answered with the value errors.</param>
    public async Task<Outcome<CreatedKeyResponse>> CreateAsync(string projectId, CreateKeyRequest request, CancellationToken ct,
        IReadOnlyList<FieldError>? bindingErrors = null)
    {
        var checks = new FieldChecks(bindingErrors);
        if (checks.BodyInvalid) return checks.Problem!;
        var name = checks.Required("name", request.Name, MaxNameLength);
        var scopes = checks.StringArray("scopes", request.Scopes, "invalid_scopes", s => Scopes.All.Contains(s),
            $"Each scope must be one of: {string.Join(", ", Scopes.All)}.") ?? [Scopes.Read];
        if (checks.Problem is { } problem) return problem;

        var issued = await store.CreateKeyAsync(projectId, name!, scopes.Distinct().ToList(), ct);
        var k = issued.Key;
        return new CreatedKeyResponse(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, issued.Secret);
    }

    public async Task<Outcome> RevokeAsync(string projectId, string id, CancellationToken ct) =>
        await store.RevokeKeyAsync(projectId, id, ct) ? Outcome.Done : Problems.NotFound(ErrorCodes.KeyNotFound, $"No API key '{id}' in this project.");
}
