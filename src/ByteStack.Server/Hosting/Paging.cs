using System.Buffers.Text;
using System.Text;
using ByteStack.Server.Persistence;

namespace ByteStack.Server.Hosting;

/// <summary>
/// Keyset pagination over ULID ids, newest first. The cursor is the last id returned,
/// base64url-encoded so clients treat it as opaque.
/// </summary>
public readonly record struct PageRequest(int Limit, string? AfterId)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1000;

    public static ApiProblem InvalidLimit() =>
        Problems.BadParameter("limit", ErrorCodes.InvalidLimit, $"limit must be a whole number from 1 to {MaxLimit}.");

    /// <summary>Checks <c>?limit=</c> and <c>?cursor=</c>; on bad input returns the 400 to answer.</summary>
    public static bool TryParse(int? limit, string? cursor, string idPrefix, out PageRequest page, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out ApiProblem? problem)
    {
        page = default;
        problem = null;
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            problem = InvalidLimit();
            return false;
        }

        string? afterId = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            afterId = Decode(cursor);
            if (!Ids.IsValid(afterId, idPrefix))
            {
                problem = Problems.BadParameter("cursor", ErrorCodes.InvalidCursor, "cursor is not one this API returned.");
                return false;
            }
        }
        page = new PageRequest(size, afterId);
        return true;
    }

    /// <summary>Stores fetch <c>Limit + 1</c> rows; the extra row only says whether another page exists.</summary>
    public Page<TOut> ToPage<TRow, TOut>(IReadOnlyList<TRow> rows, Func<TRow, string> id, Func<TRow, TOut> map)
    {
        var hasMore = rows.Count > Limit;
        var shown = hasMore ? rows.Take(Limit).ToList() : rows;
        return new Page<TOut>(shown.Select(map).ToList(), hasMore ? Encode(id(shown[^1])) : null);
    }

    private static string Encode(string id) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(id));

    private static string? Decode(string cursor)
    {
        try { return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)); }
        catch (FormatException) { return null; }
    }
}
