using System.Text.Json;
using ByteStack.Contracts;
using ByteStack.Server.Delivery;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using ByteStack.Server.Runs;
using ByteStack.Server.Sources;
using ByteStack.Server.Storage;

namespace ByteStack.Server.Dashboard.Storage;

/// <summary>Storage: every result file (newest first, by job and prefix), preview, download, delete, and a run's raw logs.</summary>
public static class StoragePages
{
    public const int PageSize = 50;

    /// <summary>Pretty-printed JSON above this size is not shown inline (the table and the download still are).</summary>
    public const int MaxJsonView = 2 * 1024 * 1024;

    public sealed record ListModel(IReadOnlyList<StoredObject> Files, string? JobId, string? Prefix, string? NextCursor, bool BucketConnected);

    public sealed record FileModel(StoredObject File, ResultPreview? Preview, string? Json, string? Problem, bool BucketConnected);

    public sealed record LogsModel(string RunId, string JobId, IReadOnlyList<RawLogResponse> Logs);

    public static void MapStoragePages(this IEndpointRouteBuilder pages)
    {
        pages.MapGet("/storage", async (HttpContext http, StorageIndex index, BucketStore buckets, string? job_id, string? prefix, string? cursor, string? notice, CancellationToken ct) =>
        {
            var after = string.IsNullOrEmpty(cursor) ? null : StorageIndex.ReadCursor(cursor);
            var jobId = string.IsNullOrWhiteSpace(job_id) ? null : job_id.Trim();
            var keyPrefix = string.IsNullOrWhiteSpace(prefix) ? null : prefix.Trim();
            var rows = await index.ListAsync(http.User.ProjectId(), keyPrefix, jobId, after, PageSize + 1, ct);
            var shown = rows.Take(PageSize).ToList();
            var connected = await buckets.GetAsync(http.User.ProjectId(), ct) is not null;
            return Page.Render<StoragePage>(Frame.For(http, "Storage", "storage", Notices.Text(notice)),
                new ListModel(shown, jobId, keyPrefix, rows.Count > PageSize ? StorageIndex.Cursor(shown[^1]) : null, connected));
        });

        pages.MapGet("/storage/file", async (HttpContext http, StorageIndex index, IObjectStore files, BucketStore buckets, string? key, CancellationToken ct) =>
        {
            if (await FindAsync(http, index, key, ct) is not { } file) return NotFound(http, key);
            var bytes = await files.ReadAsync(file.Key, ct);
            if (bytes is null) return NotFound(http, key);
            var connected = await buckets.GetAsync(http.User.ProjectId(), ct) is not null;
            var listed = (await index.ListAsync(http.User.ProjectId(), file.Key, null, null, 1, ct)).FirstOrDefault(o => o.Key == file.Key) ?? file;
            FileModel model;
            try
            {
                using var document = JsonDocument.Parse(bytes);
                model = new FileModel(listed, ResultPreview.From(document.RootElement),
                    bytes.Length <= MaxJsonView ? JsonSerializer.Serialize(document.RootElement, Indented) : null, null, connected);
            }
            catch (JsonException e)
            {
                model = new FileModel(listed, null, null, $"This file is not valid JSON ({e.Message}); download it to inspect it.", connected);
            }
            return Page.Render<FilePage>(Frame.For(http, file.Key, "storage"), model);
        });

        // The same bytes as GET /v1/storage/{key}, offered as a download.
        pages.MapGet("/storage/download", async (HttpContext http, StorageIndex index, IObjectStore files, string? key, CancellationToken ct) =>
        {
            if (await FindAsync(http, index, key, ct) is not { } file || await files.ReadAsync(file.Key, ct) is not { } bytes) return NotFound(http, key);
            return Results.File(bytes, "application/json", fileDownloadName: file.Key.Replace('/', '_'), lastModified: file.CreatedAt);
        });

        pages.MapGet("/storage/delete", async (HttpContext http, StorageIndex index, string? key, CancellationToken ct) =>
            await FindAsync(http, index, key, ct) is { } file
                ? Page.Render<ConfirmPage>(Frame.For(http, "Delete this file?", "storage"), new Confirmation(
                    $"{file.Key} ({Display.Size(file.SizeBytes)}) is deleted from built-in storage for good. A copy already delivered to your bucket stays there.",
                    "/storage/delete", "Delete file", $"/storage/file?key={Uri.EscapeDataString(file.Key)}", [("key", file.Key)]))
                : NotFound(http, key));

        pages.MapPost("/storage/delete", async (HttpContext http, StorageIndex index, IObjectStore files, CancellationToken ct) =>
        {
            var key = (await http.Request.ReadFormAsync(ct))["key"].ToString();
            if (!StorageKeys.IsValid(key) || !await index.DeleteAsync(http.User.ProjectId(), key, ct)) return NotFound(http, key);
            await files.DeleteAsync(key, ct);
            return Results.Redirect("/storage?notice=deleted");
        }).RequireSession(Scopes.Write);

        pages.MapGet("/runs/{id}/logs", async (HttpContext http, RunStore runs, RunsService runsService, string id, CancellationToken ct) =>
        {
            var logs = await runsService.LogsAsync(http.User.ProjectId(), id, ct);
            if (!logs.Succeeded || await runs.GetAsync(http.User.ProjectId(), id, ct) is not { } run)
                return Page.Render<NotFoundPage>(Frame.For(http, "Not found", "storage"), $"No run '{id}' in this project.", StatusCodes.Status404NotFound);
            return Page.Render<RunLogsPage>(Frame.For(http, $"Raw logs of {id}", "storage"), new LogsModel(id, run.JobId, logs.Value.Data));
        });
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<StoredObject?> FindAsync(HttpContext http, StorageIndex index, string? key, CancellationToken ct) =>
        StorageKeys.IsValid(key) ? await index.GetAsync(http.User.ProjectId(), key!, ct) : null;

    private static IResult NotFound(HttpContext http, string? key) =>
        Page.Render<NotFoundPage>(Frame.For(http, "Not found", "storage"), $"No file '{key}' in this project's storage.", StatusCodes.Status404NotFound);
}
