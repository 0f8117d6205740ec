using ByteStack.Server.Hosting;
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
        KeyRing.Add(builder, dataDirectory);
    }
}

