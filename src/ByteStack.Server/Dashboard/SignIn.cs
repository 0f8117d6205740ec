using ByteStack.Server.Projects;
using Microsoft.AspNetCore.Authentication;

namespace ByteStack.Server.Dashboard;

/// <summary>
/// Sign in by pasting an API key (posted, never in a URL). The session cookie holds only the key's
/// id, encrypted with the Data Protection key ring kept in the data directory, so a restart signs no one out.
/// </summary>
public static class SignIn
{
    public sealed record Form(string ReturnUrl, string? Error);

    public static void MapSignIn(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/", () => Results.Redirect("/jobs"));

        pages.MapGet("/signin", (HttpContext http, string? @return) =>
            Page.Render<SignInPage>(Frame.For(http, "Sign in", "signin"), new Form(SafeReturn(@return), null)));

        pages.MapPost("/signin", async (HttpContext http, ProjectStore projects, CancellationToken ct) =>
        {
            var form = await http.Request.ReadFormAsync(ct);
            var secret = form["api_key"].ToString().Trim();
            var returnUrl = SafeReturn(form["return"]);
            var key = ApiKeySecret.LooksLikeKey(secret) ? await projects.FindActiveKeyAsync(secret, ct) : null;
            if (key is null)
                return Page.Render<SignInPage>(Frame.For(http, "Sign in", "signin"),
                    new Form(returnUrl, "That is not a live API key. Paste the whole key (bsk_…); revoked keys no longer sign in."),
                    StatusCodes.Status401Unauthorized);
            await http.SignInAsync(DashboardSetup.Scheme, DashboardSetup.Principal(key));
            return Results.Redirect(returnUrl);
        });

        pages.MapPost("/signout", async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardSetup.Scheme);
            return Results.Redirect("/signin");
        }).RequireSession(Scopes.Read); // its antiforgery token was issued to the session, so it is checked as the session
    }

    /// <summary>Only a path on this site: an absolute or protocol-relative URL would be an open redirect.</summary>
    public static string SafeReturn(string? url) =>
        url is { Length: > 1 } u && u[0] == '/' && u[1] is not ('/' or '\\') ? u : "/jobs";
}
