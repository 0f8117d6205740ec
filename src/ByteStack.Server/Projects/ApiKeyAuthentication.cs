using System.Security.Claims;
using System.Text.Encodings.Web;
using ByteStack.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Projects;

/// <summary>
/// <c>Authorization: Bearer bsk_…</c>. The key is looked up on every request (one indexed
/// read), so a revoked key stops working at once on every node.
/// </summary>
public sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ProjectStore projects)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string ProjectClaim = "bytestack:project";
    public const string ScopeClaim = "bytestack:scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer <key>'.");

        var secret = header["Bearer ".Length..].Trim();
        if (!ApiKeySecret.LooksLikeKey(secret))
            return AuthenticateResult.Fail("The API key is malformed.");

        var key = await projects.FindActiveKeyAsync(secret, Context.RequestAborted);
        if (key is null) return AuthenticateResult.Fail("The API key is unknown or revoked.");

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ProjectClaim, key.ProjectId),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ScopeClaim, s)));
        return AuthenticateResult.Success(new AuthenticationTicket(
            new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        await Problems.Create(StatusCodes.Status401Unauthorized, "unauthorized", "An API key is required.",
            failure ?? "Send 'Authorization: Bearer <key>' with a valid API key.").ToResult().ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        return Problems.Create(StatusCodes.Status403Forbidden, "insufficient_scope", "The API key lacks a scope.",
            "This API key's scopes do not allow this request.").ToResult().ExecuteAsync(Context);
    }
}

/// <summary>Registers the bearer scheme and one authorization policy per scope.</summary>
public static class ApiKeyAuthenticationSetup
{
    public static void AddApiKeyAuthentication(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(scope, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(ctx => Scopes.Allows(
                    ctx.User.FindAll(ApiKeyAuthentication.ScopeClaim).Select(c => c.Value), scope)));
        }
    }

    /// <summary>The project of the authenticated key; every store call is scoped by it.</summary>
    public static string ProjectId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ApiKeyAuthentication.ProjectClaim)
        ?? throw new InvalidOperationException("The endpoint requires authentication but none ran.");

    public static string KeyId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The endpoint requires authentication but none ran.");
}
