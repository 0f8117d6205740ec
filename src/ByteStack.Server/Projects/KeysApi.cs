using System.Security.Claims;
using ByteStack.Server.Hosting;

namespace ByteStack.Server.Projects;

/// <summary><c>/v1/keys</c> over <see cref="KeysService"/>. Admin only.</summary>
public static class KeysApi
{
    public static void MapKeysApi(this IEndpointRouteBuilder v1)
    {
        var keys = v1.MapGroup("/keys").RequireAuthorization(Scopes.Admin).WithTags("API keys");
        keys.MapGet("/", List).WithName("listKeys").WithSummary("List API keys, newest first").Returns<Page<KeyResponse>>().Fails(400);
        keys.MapPost("/", Create).WithName("createKey").WithSummary("Create an API key; its value is shown this once")
            .Body<CreateKeyRequest>().Returns<CreatedKeyResponse>(201);
        keys.MapDelete("/{id}", Revoke).WithName("revokeKey").WithSummary("Revoke an API key").Produces(204).Fails(404);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, KeysService keys, int? limit, string? cursor, CancellationToken ct) =>
        (await keys.ListAsync(user.ProjectId(), limit, cursor, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Create(ClaimsPrincipal user, KeysService keys, JsonBody<CreateKeyRequest> body, CancellationToken ct) =>
        (await keys.CreateAsync(user.ProjectId(), body.Value, ct, body.Errors)).ToResult(k => TypedResults.Created($"/v1/keys/{k.Id}", k));

    private static async Task<IResult> Revoke(ClaimsPrincipal user, KeysService keys, string id, CancellationToken ct) =>
        (await keys.RevokeAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.NoContent);
}
