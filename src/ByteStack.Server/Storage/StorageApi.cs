using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;
using Microsoft.Net.Http.Headers;

namespace ByteStack.Server.Storage;

/// <summary><c>/v1/storage</c> over <see cref="StorageService"/>: every result file of the project, newest first; read (ETag, Range), inspect, delete.</summary>
public static class StorageApi
{
    public static void MapStorageApi(this IEndpointRouteBuilder v1)
    {
        var storage = v1.MapGroup("/storage").WithTags("Storage");
        storage.MapGet("/", List).WithName("listStorage").WithSummary("List the project's files, newest first")
            .Returns<Page<StorageItem>>().Fails(400);
        storage.MapGet("/{**key}", Download).WithName("downloadFile")
            .WithSummary("Download a file; its key may contain '/' raw or escaped as %2F; qry_<id> finds a query's result")
            .Returns<JobResultFile>().Produces(206).Produces(304).Fails(400, 404, 416);
        storage.MapMethods("/{**key}", [HttpMethods.Head], Download).WithName("headFile").WithSummary("A file's metadata (ETag, size)")
            .Produces(200).Produces(304).Fails(400, 404);
        storage.MapDelete("/{**key}", Delete).WithName("deleteFile").WithSummary("Delete a file")
            .RequireAuthorization(Scopes.Write).Produces(204).Fails(400, 404);
    }

    private static async Task<IResult> List(ClaimsPrincipal user, StorageService storage, string? prefix, string? job_id, int? limit, string? cursor, CancellationToken ct) =>
        (await storage.ListAsync(user.ProjectId(), prefix, job_id, limit, cursor, ct)).ToResult(TypedResults.Ok);

    // Both results answer If-None-Match (304), Range (206/416) and HEAD by themselves.
    private static async Task<IResult> Download(ClaimsPrincipal user, StorageService storage, string key, CancellationToken ct) =>
        (await storage.FindAsync(user.ProjectId(), key, ct)).ToResult(file =>
        {
            var etag = EntityTagHeaderValue.Parse(file.Object.ETag);
            return file.LocalPath is { } path
                ? Results.File(path, "application/json", fileDownloadName: null, lastModified: file.Object.CreatedAt, entityTag: etag, enableRangeProcessing: true)
                : Results.Bytes(file.Bytes!, "application/json", fileDownloadName: null, enableRangeProcessing: true, lastModified: file.Object.CreatedAt, entityTag: etag);
        });

    private static async Task<IResult> Delete(ClaimsPrincipal user, StorageService storage, string key, CancellationToken ct) =>
        (await storage.DeleteAsync(user.ProjectId(), key, ct)).ToResult(TypedResults.NoContent);
}
