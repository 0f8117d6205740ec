using Microsoft.AspNetCore.DataProtection;

namespace ByteStack.Server.Dashboard;

/// <summary>
/// A new secret (API key, webhook secret) carried from the POST that made it to the page that shows
/// it (post/redirect/get, so a reload never repeats the POST), without ever being in a URL: an
/// encrypted, HttpOnly, SameSite=Strict cookie that the page deletes as it reads it.
/// </summary>
public static class ShownOnce
{
    private const string Cookie = "bytestack_shown_once";

    public static void Set(HttpContext http, string value)
    {
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("ByteStack.Dashboard.ShownOnce");
        http.Response.Cookies.Append(Cookie, protector.Protect(value), new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/settings", IsEssential = true,
        });
    }

    public static string? Take(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(Cookie, out var stored)) return null;
        http.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/settings" });
        var protector = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("ByteStack.Dashboard.ShownOnce");
        try
        {
            return protector.Unprotect(stored);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // from an older key ring or tampered with: there is nothing to show
        }
    }
}
