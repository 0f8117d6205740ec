using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using ByteStack.Server.Hosting;

namespace ByteStack.Server.Storage;

/// <summary>Where an S3-compatible bucket is and how to sign for it: built-in S3 storage and a project's connected bucket alike.</summary>
public sealed record S3Target(string Endpoint, string Bucket, string AccessKey, string SecretKey, string? Region, bool ForcePathStyle, string? Prefix)
{
    /// <summary>The object key for a storage key: the optional prefix, then the key unchanged.</summary>
    public string ObjectKey(string key) => string.IsNullOrEmpty(Prefix) ? key : $"{Prefix.TrimEnd('/')}/{key}";

    /// <summary>
    /// A client that works with AWS S3, Cloudflare R2, MinIO and Backblaze B2: checksums only
    /// where the API requires them and plain (not aws-chunked) bodies, which R2, B2 and older MinIO
    /// reject; connections checked against private networks unless <paramref name="allowPrivate"/>.
    /// </summary>
    public IAmazonS3 CreateClient(bool allowPrivate, TimeSpan timeout) =>
        new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = Endpoint,
            AuthenticationRegion = string.IsNullOrEmpty(Region) ? "us-east-1" : Region,
            ForcePathStyle = ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = timeout,
            // Retries belong to the delivery outbox, which backs off across restarts.
            MaxErrorRetry = 0,
            HttpClientFactory = new GuardedHttpClients(allowPrivate, timeout),
        });

    /// <summary>
    /// One connection pool per client, every connection checked by the private-network guard. The
    /// SDK asks for an HttpClient per request when its own caching is off, so they all share this
    /// handler (and are not disposed with it).
    /// </summary>
    private sealed class GuardedHttpClients(bool allowPrivate, TimeSpan timeout) : HttpClientFactory
    {
        private readonly SocketsHttpHandler handler = new()
        {
            ConnectCallback = NetworkTargets.Connect(allowPrivate),
            AllowAutoRedirect = false,
            UseProxy = false, // a proxy would hide the target's address from the guard
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false) { Timeout = timeout };

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}

/// <summary>Built-in storage in an S3 bucket, shared by every node. An S3 PUT is atomic: readers see the old object or the new one.</summary>
public sealed class S3Storage(S3Target target) : IObjectStore, IDisposable
{
    private readonly IAmazonS3 client = target.CreateClient(allowPrivate: true, TimeSpan.FromSeconds(30)); // the operator's own endpoint

    public async Task WriteAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        await client.PutAsync(target.Bucket, target.ObjectKey(key), content, ct);

    /// <summary>A PUT either way: S3 answers it only once the object is stored.</summary>
    public Task StageAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct) => WriteAsync(key, content, ct);

    /// <summary>Nothing to do: every staged PUT was durable when it was answered.</summary>
    public Task SyncAsync(IReadOnlyCollection<string> keys, CancellationToken ct) => Task.CompletedTask;

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetObjectAsync(target.Bucket, target.ObjectKey(key), ct);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, ct);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await client.DeleteObjectAsync(target.Bucket, target.ObjectKey(key), ct);

    /// <summary>
    /// S3 has no rename: the staged object is written to its key (a PUT is atomic for readers: the
    /// whole object or none), then removed. Not a server-side copy, which not every S3-compatible
    /// store implements alike. A staged object already gone was published before.
    /// </summary>
    public async Task PublishAsync(string stagedKey, string key, CancellationToken ct)
    {
        if (await ReadAsync(stagedKey, ct) is not { } content) return;
        await WriteAsync(key, content, ct);
        await DeleteAsync(stagedKey, ct);
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, int take, CancellationToken ct)
    {
        var keys = new List<string>();
        var request = new ListObjectsV2Request { BucketName = target.Bucket, Prefix = target.ObjectKey(prefix), MaxKeys = Math.Min(take, 1000) };
        var strip = target.ObjectKey("").Length;
        do
        {
            var page = await client.ListObjectsV2Async(request, ct);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key[strip..]));
            request.ContinuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (request.ContinuationToken is not null && keys.Count < take);
        return keys.Take(take).ToList();
    }

    public void Dispose() => client.Dispose();
}

public static class S3Writes
{
    /// <summary>A plain PUT: a seekable body with a known length, no streaming signature.</summary>
    public static Task<PutObjectResponse> PutAsync(this IAmazonS3 client, string bucket, string objectKey, ReadOnlyMemory<byte> content, CancellationToken ct) =>
        client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = objectKey,
            InputStream = new MemoryStream(content.ToArray(), writable: false),
            ContentType = "application/json",
            UseChunkEncoding = false,
        }, ct);
}

/// <summary>What went wrong talking to a bucket, in words a user can act on.</summary>
public sealed record S3Failure(string Reason, string Detail)
{
    public static S3Failure Explain(Exception error, S3Target target)
    {
        if (NetworkTargets.IsRefusal(error))
            return new("private_network", $"{new Uri(target.Endpoint).Host} is on a private or loopback network; buckets must be reachable on the public internet.");
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is AmazonS3Exception s3)
                return s3.ErrorCode switch
                {
                    "InvalidAccessKeyId" => new("bad_access_key", $"The storage provider does not know the access key '{Mask(target.AccessKey)}'. Check the access key."),
                    "SignatureDoesNotMatch" => new("wrong_secret", "The secret key does not match the access key. Check the secret key."),
                    "NoSuchBucket" => new("no_such_bucket", $"There is no bucket '{target.Bucket}' at {target.Endpoint}. Check the bucket name and the endpoint."),
                    "AccessDenied" or "AllAccessDisabled" => new("no_permission",
                        $"The credentials are valid but may not write to bucket '{target.Bucket}'. Allow s3:PutObject and s3:DeleteObject for them."),
                    "PermanentRedirect" or "AuthorizationHeaderMalformed" or "IllegalLocationConstraintException" => new("wrong_region",
                        $"The bucket '{target.Bucket}' is in another region than '{target.Region ?? "us-east-1"}'. Set the bucket's region or use its regional endpoint."),
                    _ => new("provider_error", $"The storage provider refused the request: {s3.ErrorCode} (HTTP {(int)s3.StatusCode}) {s3.Message}"),
                };
            if (e is AuthenticationException)
                return new("tls_error", $"The TLS connection to {target.Endpoint} failed: {e.Message} Check the endpoint's certificate (and that the URL's scheme is right).");
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError })
                return new("tls_error", $"The TLS connection to {target.Endpoint} failed: {e.Message}");
            if (e is SocketException or HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError })
                return new("endpoint_unreachable", $"The endpoint {target.Endpoint} could not be reached: {e.Message} Check the URL and that the service is up.");
            if (e is TaskCanceledException or TimeoutException)
                return new("endpoint_unreachable", $"The endpoint {target.Endpoint} did not answer in time.");
        }
        return new("provider_error", $"Talking to {target.Endpoint} failed: {error.Message}");
    }

    /// <summary>An access key shown as its first four and last four characters, as on the connection object.</summary>
    public static string Mask(string accessKey) => accessKey.Length <= 8 ? new string('*', accessKey.Length) : $"{accessKey[..4]}…{accessKey[^4..]}";
}
