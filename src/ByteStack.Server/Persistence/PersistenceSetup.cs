using ByteStack.Server.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Persistence;

public static class PersistenceSetup
{
    public static void AddPersistence(this WebApplicationBuilder builder)
    {
        var dataDirectory = DataDirectory.Resolve(builder.Configuration);
        builder.Services.AddSingleton(dataDirectory);
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton(sp => Database.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, dataDirectory.Path));
        builder.Services.AddSingleton<Migrator>();
        // The key ring that encrypts bucket and webhook secrets lives with the data, not in the user's
        // home, so it moves with the data directory — and not in the database, so a database dump alone
        // reveals no secret. Nodes of a cluster must share it: one folder (ByteStack:DataProtection:KeysDir).
        var keys = new DataProtectionKeys(builder.Configuration["ByteStack:DataProtection:KeysDir"] is { Length: > 0 } shared ? shared : Path.Combine(dataDirectory.Path, "keys"));
        builder.Services.AddSingleton(keys);
        builder.Services.AddDataProtection()
            .SetApplicationName("bytestack")
            .PersistKeysToFileSystem(keys.Create());
    }
}

/// <summary>
/// The folder of the Data Protection key ring. Linux has no machine key to encrypt the ring with, and a
/// certificate would only move the problem to another file, so the ring is kept unencrypted in a folder
/// only this user can open (0700), and the start-up log says so.
/// </summary>
public sealed record DataProtectionKeys(string Path)
{
    public DirectoryInfo Create() =>
        OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(Path)
            : Directory.CreateDirectory(Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
}
