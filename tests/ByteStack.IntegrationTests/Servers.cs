using ByteStack.Server.Persistence;

namespace ByteStack.IntegrationTests;

/// <summary>
/// One running server per database for a test class. Tests still own their data: each one
/// works in a project of its own (<see cref="RunningServer.NewProjectClientAsync"/>).
/// </summary>
public sealed class Servers : IAsyncLifetime
{
    private readonly Dictionary<DatabaseProvider, Task<RunningServer>> started = [];
    private readonly Lock gate = new();

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    public Task<RunningServer> Get(DatabaseProvider provider)
    {
        lock (gate)
        {
            if (!started.TryGetValue(provider, out var server))
                started[provider] = server = RunningServer.StartAsync(provider);
            return server;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in started.Values) await (await server).DisposeAsync();
    }
}
