using System.Security.Claims;
using System.Text.RegularExpressions;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using Microsoft.Net.Http.Headers;

namespace ByteStack.Server.Storage;

/// <summary><c>/v1/storage</c>: every result file of the project, newest first; read (ETag, Range), inspect, delete.</summary>
public static partial class StorageApi
{
    public sealed record StorageItem(
        string Key, long SizeBytes, DateTimeOffset CreatedAt,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? JobId,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? RunId,
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? QueryId,
        IReadOnlyList<string> Locations)
    {
        /// <summary>Every file is in built-in storage; "bucket" once the outbox delivered it to the connected bucket.</summary>
        public static StorageItem From(StoredObject o) => new(o.Key, o.SizeBytes, o.CreatedAt, o.JobId, o.RunId, o.QueryId, o.InBucket ? ["builtin", "bucket"] : ["builtin"]);
    }

    public static void MapStorageApi(this IEndpointRouteBuilder v1)
    {
        var storage = v1.MapGroup("/storage").WithTags("Storage");

        storage.MapGet("/", async (ClaimsPrincipal user, StorageIndex index, Delivery.Outbox outbox, string? prefix, string? job_id, string? limit, string? cursor, CancellationToken ct) =>
        {
            var take = PageRequest.DefaultLimit;
            if (limit is not null && (!int.TryParse(limit, out take) || take is < 1 or > PageRequest.MaxLimit))
                return Problems.BadParameter("limit", "invalid_limit", $"limit must be a whole number from 1 to {PageRequest.MaxLimit}.");
            (long, string)? after = null;
            if (!string.IsNullOrEmpty(cursor) && (after = StorageIndex.ReadCursor(cursor)) is null)
                return Problems.BadParameter("cursor", "invalid_cursor", "cursor is not one this API returned.");
            var rows = await index.ListAsync(user.ProjectId(), string.IsNullOrEmpty(prefix) ? null : prefix, job_id, after, take + 1, ct);
            var shown = rows.Take(take).ToList();
            var inBucket = await outbox.DeliveredToBucketAsync(user.ProjectId(), shown.Select(o => o.Key).ToList(), ct);
            return Results.Ok(new Page<StorageItem>(shown.Select(o => StorageItem.From(o with { InBucket = inBucket.Contains(o.Key) })).ToList(), rows.Count > take ? StorageIndex.Cursor(shown[^1]) : null));
        });

        storage.MapMethods("/{**key}", [HttpMethods.Get, HttpMethods.Head], async (ClaimsPrincipal user, StorageIndex index, IObjectStore files, ResultFiles results, string key, CancellationToken ct) =>
        {
            if (!StorageKeys.IsValid(key)) return InvalidKey();
            var found = QueryKey().IsMatch(key)
                ? await index.ForQueryAsync(user.ProjectId(), key, ct)
                : await index.GetAsync(user.ProjectId(), key, ct);
            if (found is null) return NotFound(key);
            var etag = EntityTagHeaderValue.Parse(found.ETag);
            // Both results answer If-None-Match (304), Range (206/416) and HEAD by themselves; a local
            // file is streamed from disk (HEAD reads nothing), an S3 object is fetched whole (results are small JSON).
            if (files is FileStorage local)
                return ResultFiles.OpenLocal(local, found) is { } stream
                    ? Results.File(stream, "application/json", fileDownloadName: null, lastModified: found.CreatedAt, entityTag: etag, enableRangeProcessing: true)
                    : NotFound(key);
            return await results.ReadAsync(found, ct) is { } bytes
                ? Results.Bytes(bytes, "application/json", fileDownloadName: null, enableRangeProcessing: true, lastModified: found.CreatedAt, entityTag: etag)
                : NotFound(key);
        });

        storage.MapDelete("/{**key}", async (ClaimsPrincipal user, StorageIndex index, IObjectStore files, string key, CancellationToken ct) =>
        {
            if (!StorageKeys.IsValid(key)) return InvalidKey();
            if (!await index.DeleteAsync(user.ProjectId(), key, ct)) return NotFound(key);
            await files.DeleteAsync(key, ct);
            return Results.NoContent();
        }).RequireAuthorization(Scopes.Write);
    }

    private static IResult InvalidKey() => Problems.BadParameter("key", "invalid_key",
        $"A storage key is a relative path of at most {StorageKeys.MaxBytes} bytes, without '..', '.', empty segments, a leading '/', backslashes or control characters.");

    private static IResult NotFound(string key) => Problems.NotFound("storage_not_found", $"No file '{key}' in this project's storage.");

    [GeneratedRegex("^qry_[0-9a-hjkmnp-tv-z]{26}$")]
    private static partial Regex QueryKey();
}
