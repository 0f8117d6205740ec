using System.Collections.Concurrent;
using System.Text;
using Amazon.S3;
using ByteStack.Server.Persistence;
using ByteStack.Server.Storage;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Delivery;

/// <summary>
/// Talks to users' buckets: the test write that a connection must pass before it is saved, and
/// the result uploads of the outbox. Targets on private or loopback networks are refused unless
/// <c>ByteStack:Security:AllowPrivateNetworkTargets</c> is set.
/// </summary>
public sealed class BucketClients(IConfiguration configuration, IOptions<DeliveryOptions> options, TimeProvider clock) : IDisposable
{
    private readonly bool allowPrivate = configuration.GetValue<bool>(Hosting.NetworkTargets.AllowPrivateSetting);
    private readonly ConcurrentDictionary<S3Target, IAmazonS3> clients = new();

    private IAmazonS3 For(S3Target target) => clients.GetOrAdd(target, t => t.CreateClient(allowPrivate, options.Value.BucketTimeout));

    /// <summary>Puts then deletes a small object; null when both worked, else what failed in words a user can act on.</summary>
    public async Task<S3Failure?> VerifyAsync(S3Target target, CancellationToken ct)
    {
        var key = target.ObjectKey($".bytestack-verify/{Ids.NewUlid(clock.GetUtcNow())}.json");
        try
        {
            await For(target).PutAsync(target.Bucket, key, Encoding.UTF8.GetBytes("{\"bytestack\":\"verification\"}"), ct);
            await For(target).DeleteObjectAsync(target.Bucket, key, ct);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            Forget(target);
            return S3Failure.Explain(e, target);
        }
    }

    /// <summary>Uploads one result file under its storage key (plus the connection's prefix).</summary>
    public async Task<S3Failure?> PutAsync(S3Target target, string key, byte[] content, CancellationToken ct)
    {
        try
        {
            await For(target).PutAsync(target.Bucket, target.ObjectKey(key), content, ct);
            return null;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            return S3Failure.Explain(e, target);
        }
    }

    /// <summary>Drops the client of a target that is no longer used (a replaced or deleted connection).</summary>
    public void Forget(S3Target target)
    {
        if (clients.TryRemove(target, out var client)) client.Dispose();
    }

    public void Dispose()
    {
        foreach (var client in clients.Values) client.Dispose();
    }
}
