using System.Text.RegularExpressions;
using ByteStack.IntegrationTests;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ByteStack.BrowserTests;

/// <summary>
/// A running ByteStack (its own SQLite database, the local source fixtures, engine loops off so a
/// test runs one executor iteration at a time) and a browser page on its dashboard.
/// </summary>
public sealed class DashboardSession : IAsyncDisposable
{
    private DashboardSession(RunningServer server, IBrowserContext context, IPage page)
    {
        Server = server;
        Context = context;
        Page = page;
    }

    public RunningServer Server { get; }
    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public string AdminKey => Server.DefaultAdminKey;

    public static async Task<DashboardSession> StartAsync(ChromiumFixture chromium, SourceFixtures sources, int width = 1440, int height = 900,
        IEnumerable<string>? extraArgs = null)
    {
        var server = await RunningServer.StartAsync(DatabaseProvider.Sqlite,
            [.. sources.Server.ConnectorArgs(), "--ByteStack:Security:AllowPrivateNetworkTargets=true", .. extraArgs ?? []]);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
            TimezoneId = "UTC",
            Locale = "en-US",
        });
        // Generous: a busy 2-core CI machine runs the server, Chromium and the tests at once.
        context.SetDefaultTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        return new DashboardSession(server, context, page);
    }

    public async Task SignInAsync(string key)
    {
        await Page.GotoAsync("/signin");
        await Page.GetByLabel("API key").FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Page.WaitForURLAsync(new Regex("/jobs$"));
    }

    public sealed record Seeded(string JobId, string RunId, string ResultKey);

    /// <summary>A job with one completed manual run (through the API), so pages have something to show.</summary>
    public async Task<Seeded> SeedAsync()
    {
        using var api = Server.Client(AdminKey);
        var created = await api.PostJsonAsync("/v1/jobs",
            """{"name":"Acme on Hacker News","prompt":"How many times was Acme mentioned on Hacker News today?","sources":["hackernews"],"schedule":"every_hour"}""");
        var jobId = (await created.ReadJsonAsync()).Str("id");
        var run = await (await api.PostAsync($"/v1/jobs/{jobId}/run", null)).ReadJsonAsync();
        await RunOnceAsync();
        var done = await (await api.GetAsync($"/v1/runs/{run.Str("id")}")).ReadJsonAsync();
        return new Seeded(jobId, done.Str("id"), done.Str("result_key"));
    }

    /// <summary>A new key of the default project with this scope.</summary>
    public async Task<string> CreateKeyAsync(string scope)
    {
        using var api = Server.Client(AdminKey);
        var created = await api.PostJsonAsync("/v1/keys", $$"""{"name":"{{scope}} key","scopes":["{{scope}}"]}""");
        return (await created.ReadJsonAsync()).Str("key");
    }

    /// <summary>Runs what is claimable now, as one iteration of a worker's loop would.</summary>
    public Task<int> RunOnceAsync() => Server.App.Services.GetRequiredService<RunExecutor>().RunOnceAsync(CancellationToken.None);

    public async Task ScreenshotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots.Folder, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        await Server.DisposeAsync();
    }
}

/// <summary>docs/screenshots of the repository the tests were built from: the README shows them.</summary>
public static class Screenshots
{
    public static string Folder { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ByteStack.slnx")))
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
        return Directory.CreateTempSubdirectory("bytestack-screenshots-").FullName;
    }
}
