using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>
/// The real ByteStack host (the same <see cref="ServerApp.StartAsync"/> that <c>bytestack serve</c>
/// runs) on a free loopback port, over its own database, with a clock the test controls.
/// </summary>
public sealed class RunningServer : IAsyncDisposable
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 4, 30, 7, 59, 30, TimeSpan.Zero);

    private readonly string[] args;

    private RunningServer(WebApplication app, TestDatabase database, ManualClock clock, Uri address, string[] args)
    {
        App = app;
        Database = database;
        Clock = clock;
        Address = address;
        this.args = args;
    }

    public WebApplication App { get; private set; }
    public TestDatabase Database { get; }
    public ManualClock Clock { get; }
    public Uri Address { get; private set; }

    public static async Task<RunningServer> StartAsync(DatabaseProvider provider, IEnumerable<string>? extraArgs = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new ManualClock(DefaultNow);
        var args = database.HostArgs();
        // The engine's loops stay off: tests run one iteration at a time (Scheduler/RunExecutor.RunOnceAsync);
        // one-off queries are answered as they come.
        args.Add("--ByteStack:Engine:Roles=api,queries");
        args.AddRange(extraArgs ?? []);
        args.Add("--urls=http://127.0.0.1:0");
        args.Add("--Logging:LogLevel:Default=Warning");
        var (app, address) = await HostAsync([.. args], clock);
        return new RunningServer(app, database, clock, address, [.. args]);
    }

    private static async Task<(WebApplication, Uri)> HostAsync(string[] args, ManualClock clock)
    {
        var app = await ServerApp.StartAsync(args, b => b.Services.AddSingleton<TimeProvider>(clock));
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()));
    }

    /// <summary>Stops the server and starts it again on the same database and data directory (a restart); clients must be made anew.</summary>
    public async Task RestartAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        (App, Address) = await HostAsync(args, Clock);
    }

    /// <summary>The admin key that first start wrote to <c>admin.key</c>.</summary>
    public string DefaultAdminKey => File.ReadAllText(Path.Combine(Database.Directory, "admin.key")).Trim();

    public HttpClient Client(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    /// <summary>A new project of the test's own with an admin key: tests never share data.</summary>
    public async Task<HttpClient> NewProjectClientAsync()
    {
        var created = await App.Services.GetRequiredService<ProjectStore>()
            .CreateWithAdminKeyAsync("p" + Guid.NewGuid().ToString("N"), "test project", CancellationToken.None);
        return Client(created!.Value.AdminKey.Secret);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Reading JSON answers in tests.</summary>
public static class HttpJson
{
    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>())!;

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, string json) =>
        client.PatchAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public static string Str(this JsonElement e, string name) => e.GetProperty(name).GetString()!;
}
