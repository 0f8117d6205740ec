namespace ByteStack.Server.Projects;

/// <summary>
/// Scopes are levels: <c>write</c> adds to <c>read</c>, <c>admin</c> adds to <c>write</c>
/// (SPEC §2), so a key is allowed what its highest scope allows.
/// </summary>
public static class Scopes
{
    public const string Read = "read";
    public const string Write = "write";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Read, Write, Admin];

    public static int Level(string scope) => scope switch
    {
        Read => 1,
        Write => 2,
        Admin => 3,
        _ => 0,
    };

    public static bool Allows(IEnumerable<string> granted, string required) =>
        granted.Any(g => Level(g) >= Level(required));
}
