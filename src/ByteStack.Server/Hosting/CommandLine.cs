using System.CommandLine;
using ByteStack.Server.Persistence;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Hosting;

/// <summary>The <c>bytestack</c> command: <c>serve</c>, and administration that works on the database directly.</summary>
public static class CommandLine
{
    public static RootCommand Create()
    {
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the SQLite file, file storage and admin.key live (default ./data)." };
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on (default {ServerApp.DefaultUrl})." };

        // Unmatched tokens pass through as .NET configuration (--ByteStack:Database:Provider=postgres).
        var serve = new Command("serve", "Run the API, the dashboard and the engine.") { dataDir, urls };
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction(async (parse, ct) =>
        {
            var app = await ServerApp.StartAsync(HostArgs(parse, dataDir, urls), ct: ct);
            await app.WaitForShutdownAsync(ct);
            return 0;
        });

        var slug = new Argument<string>("slug") { Description = "Short unique name of the project, e.g. marketing." };
        var createProject = new Command("create", "Create a project and print its first admin key.") { slug, dataDir };
        createProject.TreatUnmatchedTokensAsErrors = false;
        createProject.SetAction(async (parse, ct) =>
        {
            var app = ServerApp.Build(HostArgs(parse, dataDir, urls: null));
            await app.Services.GetRequiredService<Migrator>().MigrateAsync(ct);
            var name = parse.GetValue(slug)!;
            var created = await app.Services.GetRequiredService<ProjectStore>().CreateWithAdminKeyAsync(name, name, ct);
            if (created is not { } c)
            {
                await Console.Error.WriteLineAsync($"A project named '{name}' exists already.");
                return 1;
            }
            Console.Out.WriteLine($"Created project {c.Project.Id}. Its admin key (shown once):\n{c.AdminKey.Secret}");
            return 0;
        });

        var output = new Option<string?>("--output") { Description = "Write the document to this file instead of standard output (e.g. docs/openapi.json)." };
        var openapi = new Command("openapi", "Print the OpenAPI 3.1 document that /openapi/v1.json serves.") { output };
        openapi.SetAction(async (parse, ct) =>
        {
            var json = await ApiDocument.ServedAsync(ct);
            if (parse.GetValue(output) is { } path) await File.WriteAllTextAsync(path, json, ct);
            else await Console.Out.WriteAsync(json);
            return 0;
        });

        return new RootCommand("ByteStack: scheduled questions about what is said online.")
        {
            serve,
            openapi,
            new Command("projects", "Manage projects.") { createProject },
        };
    }

    private static string[] HostArgs(ParseResult parse, Option<string?> dataDir, Option<string?>? urls)
    {
        var args = new List<string>(parse.UnmatchedTokens);
        if (parse.GetValue(dataDir) is { } dir) args.Add($"--ByteStack:DataDir={dir}");
        if (urls is not null && parse.GetValue(urls) is { } u) args.Add($"--urls={u}");
        return [.. args];
    }
}
