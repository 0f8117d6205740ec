using Microsoft.AspNetCore.DataProtection;

namespace ByteStack.Server.Delivery;

/// <summary>
/// Secrets the service must use again (bucket secret keys, webhook signing secrets), encrypted at
/// rest with ASP.NET Core Data Protection; the key ring is kept with the data (<c>&lt;data-dir&gt;/keys</c>),
/// so every node that shares the data directory can read them.
/// </summary>
public sealed class Secrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("ByteStack.Secrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string stored) => protector.Unprotect(stored);
}
