using System.Text.Json;

namespace ByteStack.Server.Hosting;

/// <summary>
/// What <see cref="JsonDocument"/> accepts but a request body must not hold. The parser checks
/// structure only: invalid UTF-8 inside a string, an unpaired surrogate escape (<c>"\ud800"</c>)
/// or a field named twice surface later, when a field is read (an exception, or a silent
/// "last one wins"). Checked once, right after parsing, so they are malformed JSON (400).
/// </summary>
public static class JsonText
{
    /// <summary>Null when the document is sound, else where (a JSON path such as <c>$.ids[0]</c>) and what is wrong.</summary>
    public static (string Path, string Problem)? FindProblem(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (!TryRead(() => property.Name, out var name))
                        return (path, "a field name is not valid UTF-8 or holds an unpaired surrogate");
                    var at = $"{path}.{JsonEncodedText.Encode(name)}";
                    if (!seen.Add(name)) return (at, "the field appears twice");
                    if (FindProblem(property.Value, at) is { } inner) return inner;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                    if (FindProblem(item, $"{path}[{index++}]") is { } inner) return inner;
                return null;
            case JsonValueKind.String:
                return TryRead(element.GetString, out _) ? null : (path, "the string is not valid UTF-8 or holds an unpaired surrogate");
            default:
                return null;
        }
    }

    private static bool TryRead(Func<string?> read, out string value)
    {
        try
        {
            value = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json's way of saying "Cannot transcode invalid UTF-8" / "invalid surrogate".
            value = "";
            return false;
        }
    }
}
