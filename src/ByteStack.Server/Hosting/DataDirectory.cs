namespace ByteStack.Server.Hosting;

/// <summary>
/// Where the embedded defaults live: the SQLite file, file storage and <c>admin.key</c>.
/// <c>--data-dir</c>, then <c>BYTESTACK_DATA_DIR</c>, then <c>ByteStack:DataDir</c>, then <c>./data</c>.
/// </summary>
public sealed record DataDirectory(string Path)
{
    public string Storage => System.IO.Path.Combine(Path, "storage");

    public string AdminKeyFile => System.IO.Path.Combine(Path, "admin.key");

    public static DataDirectory Resolve(IConfiguration configuration)
    {
        var configured = configuration["ByteStack:DataDir"];
        if (string.IsNullOrWhiteSpace(configured)) configured = configuration["BYTESTACK_DATA_DIR"];
        return new DataDirectory(System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured));
    }
}
