using System.Globalization;
using System.Security.Claims;
using ByteStack.Server.Projects;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ByteStack.Server.Dashboard;

/// <summary>Who is signed in, and what the session's key may do (the server checks again on every change).</summary>
public sealed record Viewer(string KeyId, string KeyName, string ProjectId, bool CanWrite, bool CanAdmin)
{
    public string Scope => CanAdmin ? Scopes.Admin : CanWrite ? Scopes.Write : Scopes.Read;

    public static Viewer? From(ClaimsPrincipal user)
    {
        if (user.Identity?.AuthenticationType != DashboardSetup.Scheme) return null;
        var scopes = user.FindAll(ApiKeyAuthentication.ScopeClaim).Select(c => c.Value).ToList();
        return new Viewer(user.KeyId(), user.FindFirstValue(ClaimTypes.Name) ?? "", user.ProjectId(),
            Scopes.Allows(scopes, Scopes.Write), Scopes.Allows(scopes, Scopes.Admin));
    }
}

/// <summary>What every page's shell needs: title, the highlighted section, the viewer, the antiforgery token, now.</summary>
public sealed record Frame(string Title, string Section, Viewer? Viewer, string Antiforgery, DateTimeOffset Now, string? Notice = null)
{
    public static Frame For(HttpContext http, string title, string section, string? notice = null) => new(
        title, section, Viewer.From(http.User),
        http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http).RequestToken ?? "",
        http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow(), notice);

    public bool CanWrite => Viewer?.CanWrite == true;

    public bool CanAdmin => Viewer?.CanAdmin == true;
}

/// <summary>Renders a page or fragment component with its parameters.</summary>
public static class Page
{
    public static IResult Render<T>(Frame frame, object? model = null, int status = StatusCodes.Status200OK) where T : IComponent =>
        new RazorComponentResult<T>(new Dictionary<string, object?> { ["Frame"] = frame, ["Model"] = model }) { StatusCode = status };

    public static IResult Fragment<T>(object model) where T : IComponent =>
        new RazorComponentResult<T>(new Dictionary<string, object?> { ["Model"] = model });
}

/// <summary>How times and sizes read on the pages: relative for the eye, the exact UTC instant on hover.</summary>
public static class Display
{
    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var delta = at - now;
        var span = delta.Duration();
        string amount =
            span < TimeSpan.FromSeconds(45) ? "" :
            span < TimeSpan.FromMinutes(90) ? Plural((int)Math.Round(span.TotalMinutes), "minute") :
            span < TimeSpan.FromHours(36) ? Plural((int)Math.Round(span.TotalHours), "hour") :
            Plural((int)Math.Round(span.TotalDays), "day");
        if (amount == "") return delta >= TimeSpan.Zero ? "in a few seconds" : "just now";
        return delta >= TimeSpan.Zero ? $"in {amount}" : $"{amount} ago";
    }

    public static string Duration(long? ms) => ms switch
    {
        null => "—",
        < 1000 => $"{ms} ms",
        < 60_000 => (ms.Value / 1000.0).ToString("0.0", CultureInfo.InvariantCulture) + " s",
        _ => $"{ms.Value / 60_000} min {ms.Value % 60_000 / 1000} s",
    };

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB",
    };

    /// <summary>A period's length in words: "24 hours", "7 days", "2.5 days".</summary>
    public static string Span(TimeSpan span) =>
        span.TotalHours <= 48 ? Plural((int)Math.Round(span.TotalHours), "hour")
        : span.TotalDays % 1 == 0 ? Plural((int)span.TotalDays, "day")
        : span.TotalDays.ToString("0.#", CultureInfo.InvariantCulture) + " days";

    public static string Number(long? n) => n is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "—";

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}

/// <summary>What a confirmation page asks, and the form it posts when the user agrees.</summary>
public sealed record Confirmation(string Question, string Action, string Confirm, string Cancel, IReadOnlyList<(string Name, string Value)>? Fields = null);
