using System.Security.Claims;
using System.Text.Json;
using ByteStack.Server.Hosting;

namespace ByteStack.Server.Projects;

/// <summary><c>/v1/keys</c>: list, create (value shown once) and revoke API keys. Admin only.</summary>
public static class KeysApi
{
    public sealed record KeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes,
        DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt)
    {
        public static KeyResponse From(ApiKey key) => new(key.Id, key.Name, key.Prefix, key.Scopes, key.CreatedAt, key.RevokedAt);
    }

    public sealed record CreatedKeyResponse(string Id, string Name, string Prefix, IReadOnlyList<string> Scopes,
        DateTimeOffset CreatedAt, string Key);

    public static void MapKeysApi(this IEndpointRouteBuilder v1)
    {
        var keys = v1.MapGroup("/keys").RequireAuthorization(Scopes.Admin).WithTags("API keys");

        keys.MapGet("/", async (ClaimsPrincipal user, ProjectStore store, string? limit, string? cursor, CancellationToken ct) =>
        {
            if (!PageRequest.TryParse(limit, cursor, "key", out var page, out var problem)) return problem!;
            var rows = await store.ListKeysAsync(user.ProjectId(), page, ct);
            return Results.Ok(page.ToPage(rows, k => k.Id, KeyResponse.From));
        });

        keys.MapPost("/", async (ClaimsPrincipal user, ProjectStore store, JsonElement body, CancellationToken ct) =>
        {
            var reader = new JsonFields(body, ["name", "scopes"]);
            if (!reader.IsObject) return Problems.Validation(reader.Errors);
            var name = reader.RequiredString("name", maxLength: 200);
            var scopes = reader.StringArray("scopes", "invalid_scopes", s => Scopes.All.Contains(s),
                $"Each scope must be one of: {string.Join(", ", Scopes.All)}.") ?? [Scopes.Read];
            if (reader.Errors.Count > 0) return Problems.Validation(reader.Errors);

            var issued = await store.CreateKeyAsync(user.ProjectId(), name!, scopes.Distinct().ToList(), ct);
            var k = issued.Key;
            return Results.Created($"/v1/keys/{k.Id}",
                new CreatedKeyResponse(k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedAt, issued.Secret));
        });

        keys.MapDelete("/{id}", async (ClaimsPrincipal user, ProjectStore store, string id, CancellationToken ct) =>
            await store.RevokeKeyAsync(user.ProjectId(), id, ct)
                ? Results.NoContent()
                : Problems.NotFound("key_not_found", $"No API key '{id}' in this project."));
    }
}
