using ByteStack.Server.Hosting;

namespace ByteStack.Server.Projects;

/// <summary>
/// First start: creates the default project and its admin key, prints the key once and
/// writes it to <c>&lt;data-dir&gt;/admin.key</c> (mode 0600). The key never goes to the log.
/// </summary>
public sealed class DefaultProject(ProjectStore projects, DataDirectory dataDirectory, ILogger<DefaultProject> logger)
{
    public async Task EnsureAsync(CancellationToken ct)
    {
        var created = await projects.CreateWithAdminKeyAsync(ProjectStore.DefaultSlug, "Default project", ct);
        if (created is not { } c) return;

        WriteSecretFile(dataDirectory.AdminKeyFile, c.AdminKey.Secret + "\n");
        logger.LogInformation("Created the default project {ProjectId}; its admin key was written to {File}", c.Project.Id, dataDirectory.AdminKeyFile);
        Console.Out.WriteLine($"""

            ByteStack created the default project ({c.Project.Id}) and an admin API key.
            It is shown only this once, and saved to {dataDirectory.AdminKeyFile}:

                {c.AdminKey.Secret}

            """);
    }

    /// <summary>Creates the file readable by its owner only, before any byte of the secret is written.</summary>
    public static void WriteSecretFile(string path, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    }
}
