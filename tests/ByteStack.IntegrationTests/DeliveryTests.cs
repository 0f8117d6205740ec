using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using ByteStack.IntegrationTests.Fixtures;
using ByteStack.Server.Delivery;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using ByteStack.Server.Scheduling;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ByteStack.IntegrationTests;

/// <summary>
/// Results reach the user's bucket (a real s3rver) and events reach webhooks (a receiver in the
/// test), through the outbox, across failures and restarts, one dispatcher round at a time.
/// </summary>
public sealed class DeliveryTests(SourceFixtures sources) : IClassFixture<SourceFixtures>
{
    private static readonly DateTimeOffset T0800 = new(2026, 4, 30, 8, 0, 0, TimeSpan.Zero);
    private const string PublicUrl = "https://bytestack.example";

    private sealed class Node(RunningServer server) : IAsyncDisposable
    {
        public RunningServer Server { get; } = server;
        public HttpClient Client { get; set; } = null!;
        public string AdminKey { get; set; } = "";
        public T Get<T>() where T : notnull => Server.App.Services.GetRequiredService<T>();
        public DateTimeOffset Now { get => Server.Clock.Now; set => Server.Clock.Now = value; }

        public async Task<string> CreateJobAsync(string schedule = "every_hour", string? webhookUrl = null)
        {
            var hook = webhookUrl is null ? "" : $",\"webhook_url\":\"{webhookUrl}\"";
            var response = await Client.PostJsonAsync("/v1/jobs",
                $$"""{"name":"n","prompt":"How many times was Acme mentioned today?","sources":["hackernews"],"schedule":"{{schedule}}"{{hook}}}""");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadJsonAsync()).Str("id");
        }

        /// <summary>Schedules and runs every due occurrence to the end.</summary>
        public async Task RunDueAsync()
        {
            while (await Get<Scheduler>().RunOnceAsync(CancellationToken.None)) { }
            while (await Get<RunExecutor>().RunOnceAsync(CancellationToken.None) > 0) { }
        }

        public async Task<int> DispatchAsync() => await Get<DeliveryWorker>().RunOnceAsync(CancellationToken.None);

        /// <summary>s3rver checks no secret, so any value works; this one is easy to look for.</summary>
        public const string Secret = "s3rver-accepts-any-secret-7f3a";

        public async Task<HttpResponseMessage> ConnectAsync(S3Server s3, string bucket = "results", string? prefix = null) =>
            await Client.PutAsync("/v1/storage/bucket", Body(new { endpoint = s3.Endpoint, bucket, access_key = S3Server.AccessKey, secret_key = Secret, prefix }));

        public async Task<T> ScalarAsync<T>(string sql, object? args = null)
        {
            await using var connection = await Get<Database>().OpenAsync(CancellationToken.None);
            return (await connection.ExecuteScalarAsync<T>(sql, args))!;
        }

        public async ValueTask DisposeAsync() => await Server.DisposeAsync();
    }

    private static StringContent Body(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private async Task<Node> StartAsync(DatabaseProvider provider, params string[] extra)
    {
        var server = await RunningServer.StartAsync(provider, sources.Server.ConnectorArgs().Concat(
            ["--ByteStack:Delivery:PublicUrl=" + PublicUrl, "--ByteStack:Delivery:BaseDelay=00:00:10", "--ByteStack:Delivery:MaxDelay=00:05:00", .. extra]));
        var node = new Node(server) { Client = await server.NewProjectClientAsync() };
        node.AdminKey = node.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        return node;
    }

    private static async Task<byte[]> ReadAsync(IAmazonS3 client, string bucket, string key)
    {
        using var response = await client.GetObjectAsync(bucket, key);
        using var buffer = new MemoryStream();
        await response.ResponseStream.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    // ---- bucket connection ----

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task ConnectBucket_TestWritesThenSaves_AndNeverShowsTheSecret(DatabaseProvider provider)
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(provider);

        var saved = await node.ConnectAsync(s3, prefix: "bytestack/");
        var shown = await node.Client.GetAsync("/v1/storage/bucket");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var body = await saved.ReadJsonAsync();
        Assert.Equal(("active", "results", "bytestack", "2026-04-30T07:59:30Z"), (body.Str("status"), body.Str("bucket"), body.Str("prefix"), body.Str("verified_at")));
        Assert.Equal("******", body.Str("access_key")); // a key of 8 characters or fewer is masked whole
        var text = await shown.Content.ReadAsStringAsync() + await saved.Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret", text);
        Assert.DoesNotContain(Node.Secret, text);
        // At rest the secret is encrypted, not stored as given.
        var stored = await node.ScalarAsync<string>("SELECT secret_protected FROM bucket_connections");
        Assert.DoesNotContain(Node.Secret, stored);
        // The verification object was put and deleted again.
        using var client = s3.Client();
        Assert.Empty((await client.ListObjectsV2Async(new() { BucketName = "results" })).S3Objects ?? []);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.PostAsync("/v1/storage/bucket/verify", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await node.Client.DeleteAsync("/v1/storage/bucket")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/v1/storage/bucket")).StatusCode);
    }

    public static TheoryData<string, string> FailureKinds() => new()
    {
        { "bad_access_key", "does not know the access key" },
        { "no_such_bucket", "no bucket 'missing'" },
        { "endpoint_unreachable", "could not be reached" },
        { "tls_error", "TLS" },
        { "wrong_secret", "secret key does not match" },
        { "no_permission", "may not write to bucket" },
    };

    [Theory, MemberData(nameof(FailureKinds))]
    public async Task ConnectBucket_SaysWhatFailed_AndSavesNothing(string reason, string words)
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var refuseSecret = await WebhookReceiver.S3ErrorAsync(403, "SignatureDoesNotMatch", "The request signature we calculated does not match.");
        await using var refuseWrite = await WebhookReceiver.S3ErrorAsync(403, "AccessDenied", "Access Denied");
        await using var node = await StartAsync(DatabaseProvider.Sqlite);
        var closedPort = $"http://127.0.0.1:{FreePort()}";
        object request = reason switch
        {
            "bad_access_key" => new { endpoint = s3.Endpoint, bucket = "results", access_key = "AKIAUNKNOWN1234", secret_key = "x" },
            "no_such_bucket" => new { endpoint = s3.Endpoint, bucket = "missing", access_key = S3Server.AccessKey, secret_key = S3Server.SecretKey },
            "endpoint_unreachable" => new { endpoint = closedPort, bucket = "results", access_key = S3Server.AccessKey, secret_key = S3Server.SecretKey },
            // TLS spoken to a plain-HTTP server: the handshake fails, as with a broken certificate.
            "tls_error" => new { endpoint = $"https://127.0.0.1:{s3.Port}", bucket = "results", access_key = S3Server.AccessKey, secret_key = S3Server.SecretKey },
            "wrong_secret" => new { endpoint = refuseSecret.Url.ToString(), bucket = "results", access_key = "AKIAEXAMPLE12345", secret_key = "wrong" },
            _ => new { endpoint = refuseWrite.Url.ToString(), bucket = "results", access_key = "AKIAEXAMPLE12345", secret_key = "right" },
        };

        var response = await node.Client.PutAsync("/v1/storage/bucket", Body(request));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.ReadJsonAsync();
        Assert.Equal(("bucket_verification_failed", reason), (problem.Str("code"), problem.Str("reason")));
        Assert.Contains(words, problem.Str("detail"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/v1/storage/bucket")).StatusCode);
    }

    [Fact]
    public async Task ConnectBucket_OnAPrivateNetwork_IsRefusedUnlessAllowed()
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Security:AllowPrivateNetworkTargets=false");

        var response = await node.ConnectAsync(s3);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("private_network", (await response.ReadJsonAsync()).Str("reason"));
    }

    [Fact]
    public async Task ConnectBucket_BadInput_IsAValidationProblem()
    {
        await using var node = await StartAsync(DatabaseProvider.Sqlite);

        var response = await node.Client.PutAsync("/v1/storage/bucket", Body(new { endpoint = "not a url", bucket = "A", secret_key = 5, extra = 1 }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.All(new[] { "endpoint", "bucket", "access_key", "secret_key", "extra" }, f => Assert.True(errors.TryGetProperty(f, out _), f));
    }

    // ---- results to the bucket ----

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task RunResult_ReachesTheBucket_ByteForByte(DatabaseProvider provider)
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(provider);
        Assert.Equal(HttpStatusCode.OK, (await node.ConnectAsync(s3, prefix: "acme")).StatusCode);
        var job = await node.CreateJobAsync();
        node.Now = T0800;
        await node.RunDueAsync();
        var key = $"{job}/2026-04-30T08:00:00Z.json";

        var run = Assert.Single((await (await node.Client.GetAsync($"/v1/jobs/{job}/runs")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal("pending", run.GetProperty("deliveries").Str("bucket"));
        Assert.Equal(1, await node.DispatchAsync());

        var builtin = await (await node.Client.GetAsync($"/v1/storage/{key}")).Content.ReadAsByteArrayAsync();
        using var client = s3.Client();
        Assert.Equal(builtin, await ReadAsync(client, "results", $"acme/{key}"));
        var delivered = await (await node.Client.GetAsync($"/v1/runs/{run.Str("id")}")).ReadJsonAsync();
        Assert.Equal("delivered", delivered.GetProperty("deliveries").Str("bucket"));
        var listed = Assert.Single((await (await node.Client.GetAsync("/v1/storage")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(["builtin", "bucket"], listed.GetProperty("locations").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(0, await node.DispatchAsync()); // nothing more to do
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task BucketDown_WhileFiftyRunsComplete_EveryResultIsDeliveredOnceItIsBack(DatabaseProvider provider)
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(provider, "--ByteStack:Engine:Workers=16", "--ByteStack:Delivery:Concurrency=16");
        Assert.Equal(HttpStatusCode.OK, (await node.ConnectAsync(s3)).StatusCode);
        for (var i = 0; i < 50; i++) await node.CreateJobAsync();
        await s3.StopAsync();

        node.Now = T0800;
        await node.RunDueAsync();
        while (await node.DispatchAsync() > 0) { } // every first attempt fails; each goes back to wait

        Assert.Equal(50L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM runs WHERE status = 'completed'"));
        Assert.Equal(50L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE status = 'pending' AND attempts = 1 AND last_error LIKE '%could not be reached%'"));
        var failed = await (await node.Client.GetAsync("/v1/storage/deliveries?status=pending&limit=100")).ReadJsonAsync();
        Assert.Equal(50, failed.GetProperty("data").GetArrayLength());

        // The bucket is back, and the backoff (10 s after the first failure) has passed.
        await s3.StartAsync();
        node.Now = T0800.AddSeconds(11);
        while (await node.DispatchAsync() > 0) { }

        Assert.Equal(50L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE status = 'delivered' AND attempts = 2"));
        using var client = s3.Client();
        var objects = (await client.ListObjectsV2Async(new() { BucketName = "results", MaxKeys = 1000 })).S3Objects;
        Assert.Equal(50, objects.Count);
        Assert.Equal(50, objects.Select(o => o.Key.Split('/')[0]).Distinct().Count());
    }

    [Fact]
    public async Task Backlog_SurvivesARestart_AndIsDeliveredAfterIt()
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Delivery:Concurrency=2");
        Assert.Equal(HttpStatusCode.OK, (await node.ConnectAsync(s3)).StatusCode);
        for (var i = 0; i < 6; i++) await node.CreateJobAsync();
        node.Now = T0800;
        await node.RunDueAsync();
        Assert.Equal(2, await node.DispatchAsync()); // two delivered, four still in the outbox

        await node.Server.RestartAsync();
        node.Client = node.Server.Client(node.AdminKey);
        while (await node.DispatchAsync() > 0) { }

        Assert.Equal(6L, await node.ScalarAsync<long>("SELECT COUNT(*) FROM deliveries WHERE status = 'delivered' AND attempts = 1"));
        using var client = s3.Client();
        Assert.Equal(6, (await client.ListObjectsV2Async(new() { BucketName = "results" })).S3Objects.Count);
    }

    [Fact]
    public async Task DeliveryThatKeepsFailing_EndsFailed_AndCanBeRetried()
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Delivery:MaxAttempts=2");
        Assert.Equal(HttpStatusCode.OK, (await node.ConnectAsync(s3)).StatusCode);
        await node.CreateJobAsync();
        await s3.StopAsync();
        node.Now = T0800;
        await node.RunDueAsync();
        await node.DispatchAsync();
        node.Now = T0800.AddSeconds(11);
        await node.DispatchAsync();

        var failed = Assert.Single((await (await node.Client.GetAsync("/v1/storage/deliveries?status=failed")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(("bucket", 2), (failed.Str("kind"), failed.GetProperty("attempts").GetInt32()));
        Assert.Contains("could not be reached", failed.Str("last_error"));
        Assert.Equal("failed", (await (await node.Client.GetAsync($"/v1/runs/{failed.Str("run_id")}")).ReadJsonAsync()).GetProperty("deliveries").Str("bucket"));
        node.Now = T0800.AddHours(1).AddMinutes(30);
        Assert.Equal(0, await node.DispatchAsync()); // failed for good: no more attempts on its own

        await s3.StartAsync();
        var retried = await (await node.Client.PostAsync("/v1/storage/deliveries/retry", null)).ReadJsonAsync();
        Assert.Equal(1, retried.GetProperty("retried").GetInt32());
        Assert.Equal(1, await node.DispatchAsync());
        Assert.Equal("delivered", await node.ScalarAsync<string>("SELECT status FROM deliveries"));
    }

    // ---- webhooks ----

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task Webhooks_ReceiveSignedEvents_ForRegisteredEndpointsAndTheJobsOwnUrl(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartAsync(provider);
        var registered = await (await node.Client.PostAsync("/v1/webhooks", Body(new { url = new Uri(receiver.Url, "/registered").ToString(), events = new[] { "job.completed" } }))).ReadJsonAsync();
        var hookSecret = registered.Str("secret");
        var projectSecret = (await (await node.Client.PostAsync("/v1/webhooks/signing-secret", null)).ReadJsonAsync()).Str("secret");
        var job = await node.CreateJobAsync(webhookUrl: new Uri(receiver.Url, "/own").ToString());
        node.Now = T0800;
        await node.RunDueAsync();

        Assert.Equal(2, await node.DispatchAsync());

        var got = receiver.Requests.OrderBy(r => r.Path).ToList();
        Assert.Equal(["/own", "/registered"], got.Select(r => r.Path));
        foreach (var (request, secret) in got.Zip([projectSecret, hookSecret]))
        {
            Assert.True(WebhookSignature.Verify(secret, request.Body, request.Headers["X-ByteStack-Signature"]), request.Path);
            using var payload = JsonDocument.Parse(request.Body);
            var p = payload.RootElement;
            Assert.Equal(("job.completed", job, "completed"), (p.Str("event"), p.Str("job_id"), p.Str("status")));
            Assert.Equal($"{PublicUrl}/v1/storage/{job}/2026-04-30T08:00:00Z.json", p.Str("result_url"));
            Assert.StartsWith("run_", p.Str("run_id"));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", p.Str("timestamp"));
        }
        Assert.False(WebhookSignature.Verify(hookSecret, got[0].Body, got[0].Headers["X-ByteStack-Signature"])); // each target its own secret
        var listed = await (await node.Client.GetAsync("/v1/webhooks")).ReadJsonAsync();
        Assert.DoesNotContain("secret", listed.GetRawText());
    }

    [Fact]
    public async Task Webhook_Answering500ThenTimingOut_IsRetriedWithBackoff_UntilDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        // The timeout leaves room for a cold first request on a busy machine; the slow answer is far beyond it.
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Delivery:WebhookTimeout=00:00:01.500");
        receiver.Answer((500, TimeSpan.Zero), (200, TimeSpan.FromSeconds(60)));
        var job = await node.CreateJobAsync(webhookUrl: receiver.Url.ToString());
        node.Now = T0800;
        await node.RunDueAsync();

        await node.DispatchAsync();
        Assert.Contains("HTTP 500", await node.ScalarAsync<string>("SELECT last_error FROM deliveries"));
        node.Now = T0800.AddSeconds(9);
        Assert.Equal(0, await node.DispatchAsync()); // not before the backoff of 10 s
        node.Now = T0800.AddSeconds(10);
        await node.DispatchAsync();
        Assert.Contains("did not answer within", await node.ScalarAsync<string>("SELECT last_error FROM deliveries"));
        node.Now = T0800.AddSeconds(10 + 19);
        Assert.Equal(0, await node.DispatchAsync()); // the second wait is twice as long
        node.Now = T0800.AddSeconds(10 + 20);
        await node.DispatchAsync();

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => Encoding.UTF8.GetString(r.Body)).Distinct()); // the same event each time
        var delivery = Assert.Single((await (await node.Client.GetAsync("/v1/storage/deliveries?kind=webhook")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(("delivered", 3), (delivery.Str("status"), delivery.GetProperty("attempts").GetInt32()));
        Assert.Equal(receiver.Url.GetLeftPart(UriPartial.Authority), delivery.Str("target")); // origin only
        // Every attempt is kept with its outcome.
        var history = (await (await node.Client.GetAsync($"/v1/storage/deliveries/{delivery.Str("id")}")).ReadJsonAsync()).GetProperty("history").EnumerateArray().ToList();
        Assert.Equal([(1, "failed"), (2, "failed"), (3, "delivered")], history.Select(h => (h.GetProperty("number").GetInt32(), h.Str("outcome"))));
        Assert.Contains("HTTP 500", history[0].Str("error"));
        Assert.Contains("did not answer within", history[1].Str("error"));
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync("/v1/storage/deliveries/dlv_01hx9jk2p4n5m6r7s8t9u0v1wq")).StatusCode);
        var run = Assert.Single((await (await node.Client.GetAsync($"/v1/jobs/{job}/runs")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal("delivered", run.GetProperty("deliveries").Str("webhook"));
    }

    [Fact]
    public async Task FailedRun_StillNotifiesItsWebhook_WithoutAResultUrl()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartAsync(DatabaseProvider.Sqlite);
        var response = await node.Client.PostJsonAsync("/v1/jobs",
            $$"""{"name":"n","prompt":"\"boom\" today","sources":["hackernews"],"schedule":"every_hour","webhook_url":"{{receiver.Url}}"}""");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        node.Now = T0800;
        await node.RunDueAsync();

        await node.DispatchAsync();

        using var payload = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal("failed", payload.RootElement.Str("status"));
        Assert.Equal(JsonValueKind.Null, payload.RootElement.GetProperty("result_url").ValueKind);
    }

    [Fact]
    public async Task Webhooks_Api_ValidatesRotatesDeletes_AndRefusesPrivateTargetsUnlessAllowed()
    {
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Security:AllowPrivateNetworkTargets=false");

        var bad = await node.Client.PostAsync("/v1/webhooks", Body(new { url = "ftp://x", events = new[] { "job.started" } }));
        var jobHook = await node.Client.PostJsonAsync("/v1/jobs",
            """{"name":"n","prompt":"Acme today","sources":["hackernews"],"schedule":"daily","webhook_url":"http://localhost:9/hook"}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, jobHook.StatusCode);
        Assert.Equal("private_network_target", (await jobHook.ReadJsonAsync()).Str("code"));
        var loopback = await node.Client.PostAsync("/v1/webhooks", Body(new { url = "http://127.0.0.1:9/hook" }));
        var made = await node.Client.PostAsync("/v1/webhooks", Body(new { url = "https://93.184.215.14/hook" }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var errors = (await bad.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("url", out _) && errors.TryGetProperty("events", out _));
        Assert.Equal("private_network_target", (await loopback.ReadJsonAsync()).Str("code"));
        Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        var hook = await made.ReadJsonAsync();
        Assert.Equal(["job.completed"], hook.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("wh_", hook.Str("id"));

        var rotated = await (await node.Client.PostAsync($"/v1/webhooks/{hook.Str("id")}/rotate-secret", null)).ReadJsonAsync();
        Assert.NotEqual(hook.Str("secret"), rotated.Str("secret"));
        Assert.Equal(HttpStatusCode.NoContent, (await node.Client.DeleteAsync($"/v1/webhooks/{hook.Str("id")}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await node.Client.GetAsync($"/v1/webhooks/{hook.Str("id")}")).StatusCode);
        // Webhooks are admin business.
        var reader = node.Server.Client((await (await node.Client.PostJsonAsync("/v1/keys", """{"name":"r","scopes":["write"]}""")).ReadJsonAsync()).Str("key"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/v1/webhooks")).StatusCode);
    }

    [Fact]
    public async Task RunFailedForTooManyInterruptions_StillNotifiesItsWebhook()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartAsync(DatabaseProvider.Sqlite);
        await node.CreateJobAsync(webhookUrl: receiver.Url.ToString());
        node.Now = T0800;
        await node.Get<Scheduler>().RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 3; i++)
            Assert.Single(await node.Get<RunStore>().ClaimAsync($"dying-{i}", 10, T0800.AddMinutes(i), TimeSpan.FromSeconds(30), 3, CancellationToken.None));

        node.Now = T0800.AddMinutes(5);
        Assert.Equal(0, await node.Get<RunExecutor>().RunOnceAsync(CancellationToken.None)); // the sweep fails the run
        Assert.Equal(1, await node.DispatchAsync());

        using var payload = JsonDocument.Parse(Assert.Single(receiver.Requests).Body);
        Assert.Equal("failed", payload.RootElement.Str("status"));
    }

    [Theory, MemberData(nameof(Servers.Providers), MemberType = typeof(Servers))]
    public async Task AttemptThatOutlivedItsLease_CannotRecordItsOutcome(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartAsync(provider);
        await node.CreateJobAsync(webhookUrl: receiver.Url.ToString());
        node.Now = T0800;
        await node.RunDueAsync();
        var outbox = node.Get<Outbox>();
        var lease = TimeSpan.FromMinutes(2); // DeliveryOptions.Lease

        var first = Assert.Single(await outbox.ClaimAsync(10, T0800.AddSeconds(1), CancellationToken.None));
        Assert.Empty(await outbox.ClaimAsync(10, T0800.AddSeconds(2), CancellationToken.None)); // held
        var second = Assert.Single(await outbox.ClaimAsync(10, T0800.AddSeconds(1) + lease + TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.Equal((1, 2), (first.Attempts, second.Attempts));
        Assert.False(await outbox.FinishAsync(first, new AttemptOutcome(false, "late"), T0800.AddMinutes(3), CancellationToken.None));
        Assert.True(await outbox.FinishAsync(second, AttemptOutcome.Success, T0800.AddMinutes(3), CancellationToken.None));
        Assert.Equal("delivered", await node.ScalarAsync<string>("SELECT status FROM deliveries"));
        Assert.Null(await node.ScalarAsync<string?>("SELECT last_error FROM deliveries"));
    }

    [Fact]
    public async Task WebhookThatNowResolvesToAPrivateAddress_FailsAtOnce_WithoutARequest()
    {
        // Registered when it pointed elsewhere (DNS can change after registration): the guard at
        // connection time still refuses it, and no retry can help.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var node = await StartAsync(DatabaseProvider.Sqlite, "--ByteStack:Security:AllowPrivateNetworkTargets=false");
        var job = await node.CreateJobAsync();
        node.Now = T0800;
        await node.RunDueAsync();
        var runId = await node.ScalarAsync<string>("SELECT id FROM runs");
        await using (var connection = await node.Get<Database>().OpenAsync(CancellationToken.None))
            await connection.ExecuteAsync(
                """
                INSERT INTO deliveries (id, project_id, job_id, run_id, kind, target, payload, status, attempts, next_attempt_at, created_at)
                SELECT 'dlv_01hx9jk2p4n5m6r7s8t9u0v1wq', project_id, job_id, id, 'webhook', @url, '{}', 'pending', 0, @at, @at FROM runs
                """, new { url = receiver.Url.ToString(), at = T0800.ToUnixTimeMilliseconds() });

        Assert.Equal(1, await node.DispatchAsync());

        Assert.Empty(receiver.Requests);
        var delivery = await (await node.Client.GetAsync("/v1/storage/deliveries/dlv_01hx9jk2p4n5m6r7s8t9u0v1wq")).ReadJsonAsync();
        Assert.Equal(("failed", 1), (delivery.Str("status"), delivery.GetProperty("attempts").GetInt32()));
        Assert.Contains("private or loopback network", delivery.Str("last_error"));
        Assert.Equal(job, delivery.Str("job_id"));
        Assert.Equal(runId, delivery.Str("run_id"));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
