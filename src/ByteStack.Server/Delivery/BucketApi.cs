using System.Security.Claims;
using ByteStack.Server.Hosting;
using ByteStack.Server.Projects;

namespace ByteStack.Server.Delivery;

/// <summary>
/// <c>/v1/storage/bucket</c> and <c>/v1/storage/deliveries</c> over <see cref="BucketService"/>: connect,
/// show, test and disconnect the project's bucket; what the outbox delivered, is trying, or gave up on.
/// </summary>
public static class BucketApi
{
    public static void MapBucketApi(this IEndpointRouteBuilder v1)
    {
        var storage = v1.MapGroup("/storage").WithTags("Bucket and deliveries");
        storage.MapPut("/bucket", Connect).WithName("connectBucket")
            .WithSummary("Connect (or replace) the project's bucket after a test write; 422 bucket_verification_failed says what failed")
            .RequireAuthorization(Scopes.Admin).Body<ConnectBucketRequest>().Returns<BucketResponse>();
        storage.MapGet("/bucket", Get).WithName("getBucket").WithSummary("Show the connected bucket").Returns<BucketResponse>().Fails(404);
        storage.MapDelete("/bucket", Disconnect).WithName("disconnectBucket").WithSummary("Disconnect the bucket")
            .RequireAuthorization(Scopes.Admin).Produces(204).Fails(404);
        storage.MapPost("/bucket/verify", Verify).WithName("verifyBucket").WithSummary("Test the connected bucket again")
            .RequireAuthorization(Scopes.Admin).Returns<BucketResponse>().Fails(404, 422);
        storage.MapGet("/deliveries", ListDeliveries).WithName("listDeliveries").WithSummary("List deliveries, newest first")
            .Returns<Page<DeliveryResponse>>().Fails(400);
        storage.MapGet("/deliveries/{id}", GetDelivery).WithName("getDelivery").WithSummary("A delivery with every attempt")
            .Returns<DeliveryResponse>().Fails(404);
        storage.MapPost("/deliveries/retry", Retry).WithName("retryDeliveries")
            .WithSummary("Queue failed deliveries again: those named, or all of the project's")
            .RequireAuthorization(Scopes.Write).Body<RetryDeliveriesRequest>(required: false).Returns<RetryDeliveriesResponse>();
    }

    private static async Task<IResult> Connect(ClaimsPrincipal user, BucketService buckets, JsonBody<ConnectBucketRequest> body, CancellationToken ct) =>
        (await buckets.ConnectAsync(user.ProjectId(), body.Value, ct, body.Errors)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Get(ClaimsPrincipal user, BucketService buckets, CancellationToken ct) =>
        (await buckets.GetAsync(user.ProjectId(), ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Disconnect(ClaimsPrincipal user, BucketService buckets, CancellationToken ct) =>
        (await buckets.DisconnectAsync(user.ProjectId(), ct)).ToResult(TypedResults.NoContent);

    private static async Task<IResult> Verify(ClaimsPrincipal user, BucketService buckets, CancellationToken ct) =>
        (await buckets.VerifyAsync(user.ProjectId(), ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> ListDeliveries(ClaimsPrincipal user, BucketService buckets, string? status, string? kind, int? limit, string? cursor, CancellationToken ct) =>
        (await buckets.ListDeliveriesAsync(user.ProjectId(), status, kind, limit, cursor, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> GetDelivery(ClaimsPrincipal user, BucketService buckets, string id, CancellationToken ct) =>
        (await buckets.GetDeliveryAsync(user.ProjectId(), id, ct)).ToResult(TypedResults.Ok);

    private static async Task<IResult> Retry(ClaimsPrincipal user, BucketService buckets, JsonBody<RetryDeliveriesRequest>? body, CancellationToken ct) =>
        (await buckets.RetryAsync(user.ProjectId(), body?.Value, ct, body?.Errors)).ToResult(TypedResults.Ok);
}
