namespace ByteStack.Contracts;

/// <summary>The list envelope of every collection endpoint: a page of items, newest first, and the cursor of the next page.</summary>
/// <param name="Data">The items of this page.</param>
/// <param name="NextCursor">Pass as <c>?cursor=</c> for the next page; null on the last page.</param>
public sealed record Page<T>(IReadOnlyList<T> Data, string? NextCursor);

/// <summary>A time window; both ends inclusive at second precision (UTC).</summary>
/// <param name="From">The first instant of the window.</param>
/// <param name="To">The last instant of the window.</param>
public sealed record DateRange(DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// A time window as a client writes it: <c>{"from": …, "to": …}</c>, each an ISO 8601 date-time
/// (<c>2026-04-30T08:00:00Z</c>) or a plain date (<c>2026-04-30</c>). A plain <c>to</c> date means the whole of that day.
/// </summary>
/// <param name="From">Start of the window: a date or a date-time.</param>
/// <param name="To">End of the window (inclusive): a date or a date-time.</param>
public sealed record DateRangeInput(string? From, string? To);

/// <summary>
/// An RFC 9457 problem document (<c>application/problem+json</c>), the body of every error.
/// </summary>
/// <param name="Type">A URI naming the problem kind: <c>urn:bytestack:error:{code}</c>.</param>
/// <param name="Title">A short human summary of the kind of problem.</param>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What went wrong with this request, in a sentence.</param>
/// <param name="Code">The stable machine code (see <see cref="ErrorCodes"/>).</param>
/// <param name="Errors">Validation errors by field: every invalid field at once.</param>
/// <param name="Reason">Why a bucket verification failed (<c>bad_access_key</c>, <c>no_such_bucket</c>, …).</param>
/// <param name="TraceId">The request's trace id, to find it in the server's logs (set by the server).</param>
public sealed record ApiProblem(
    string Type, string Title, int Status, string? Detail, string Code,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string[]>? Errors = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Reason = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? TraceId = null)
{
    /// <summary>The problem's <see cref="Type"/> for a code.</summary>
    public static string TypeFor(string code) => $"urn:bytestack:error:{code}";
}

/// <summary>One field's validation failure; <see cref="Code"/> is the stable machine code.</summary>
/// <param name="Field">The request field (snake_case), or <c>body</c> for the whole body.</param>
/// <param name="Code">The stable machine code, e.g. <c>invalid_schedule</c>.</param>
/// <param name="Message">What is wrong and what is accepted.</param>
public sealed record FieldError(string Field, string Code, string Message);
