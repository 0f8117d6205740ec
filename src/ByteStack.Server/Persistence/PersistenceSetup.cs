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
        var keysDir = builder.Configuration["ByteStack:DataProtection:KeysDir"] is { Length: > 0 } shared ? shared : Path.Combine(dataDirectory.Path, "keys");
        builder.Services.AddDataProtection()
            .SetApplicationName("bytestack")
            .PersistKeysToFileSystem(new DirectoryInfo(keysDir));
    }
}
