using System.Security.Claims;
using ByteStack.Server.Dashboard.Analytics;
using ByteStack.Server.Dashboard.Jobs;
using ByteStack.Server.Dashboard.Settings;
using ByteStack.Server.Dashboard.Storage;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace ByteStack.Server.Dashboard;

/// <summary>
/// The dashboard at <c>/</c>: Razor components rendered on the server as plain HTML, htmx for
/// partial updates. Its session is a cookie that names an API key by id; the key is read again on
/// every request, so revoking it ends the session at once.
/// </summary>
public static class DashboardSetup
{
    public const string Scheme = "Dashboard";
    public const string SessionCookie = "bytestack_session";
    public const string AntiforgeryCookie = "bytestack_af";

    /// <summary>No inline script or style: everything the pages run comes from this origin's files.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static void AddDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = AntiforgeryCookie;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.HeaderName = "RequestVerificationToken";
        });
        builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = SessionCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = ValidateSessionAsync,
                OnRedirectToLogin = ctx =>
                {
                    // htmx follows HX-Redirect with a full page load; a plain 302 would swap the sign-in page into a fragment.
                    if (ctx.Request.Headers.ContainsKey("HX-Request"))
                    {
                        ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        ctx.Response.Headers["HX-Redirect"] = "/signin";
                    }
                    else ctx.Response.Redirect("/signin?return=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString));
                    return Task.CompletedTask;
                },
                OnRedirectToAccessDenied = ctx => Problems.Create(StatusCodes.Status403Forbidden, "insufficient_scope",
                    "The API key lacks a scope.", "This session's API key may not make this change.").ToResult().ExecuteAsync(ctx.HttpContext),
            };
        });
    }

    /// <summary>The key behind the session must still be live; its scopes are read afresh, so a session never outlives a revocation.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext ctx)
    {
        var keyId = ctx.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var store = ctx.HttpContext.RequestServices.GetRequiredService<ProjectStore>();
        var key = keyId is null ? null : await store.FindActiveKeyByIdAsync(keyId, ctx.HttpContext.RequestAborted);
        if (key is null)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Scheme);
            return;
        }
        ctx.ReplacePrincipal(Principal(key));
    }

    public static ClaimsPrincipal Principal(ApiKey key)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name),
            new(ApiKeyAuthentication.ProjectClaim, key.ProjectId),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(ApiKeyAuthentication.ScopeClaim, s)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    /// <summary>A session allowed at least <paramref name="scope"/>; the server checks it whatever the page shows.</summary>
    public static TBuilder RequireSession<TBuilder>(this TBuilder endpoints, string scope) where TBuilder : IEndpointConventionBuilder =>
        endpoints.RequireAuthorization(new AuthorizeAttribute(scope) { AuthenticationSchemes = Scheme });

    /// <summary>Security headers on every answer, then the dashboard's files (before authentication: they are public).</summary>
    public static void UseDashboardAssets(this WebApplication app)
    {
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "same-origin";
            ctx.Response.Headers.XFrameOptions = "DENY";
            await next();
        });
        app.UseStaticFiles();
    }

    public static void MapDashboard(this WebApplication app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().AddEndpointFilter(RequireAntiforgeryAsync);
        pages.MapSignIn();
        var signedIn = pages.MapGroup("").RequireSession(Scopes.Read);
        signedIn.MapJobPages();
        signedIn.MapStoragePages();
        signedIn.MapAnalyticsPages();
        signedIn.MapSettingsPages();
    }

    /// <summary>Every state-changing request carries the antiforgery token: a form field, or htmx's header (dashboard.js).</summary>
    private static async ValueTask<object?> RequireAntiforgeryAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        var http = ctx.HttpContext;
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)) return await next(ctx);
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http))
            return Problems.Create(StatusCodes.Status400BadRequest, "antiforgery_failed", "The form is out of date.",
                "The request lacks a valid antiforgery token. Reload the page and try again.").ToResult();
        return await next(ctx);
    }
}
