using System.Data.Common;
using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Runs;
using Dapper;
using Microsoft.Extensions.Options;

namespace ByteStack.Server.Delivery;

public sealed record Delivery(
    string Id, string ProjectId, string JobId, string RunId, DeliveryKind Kind, string Target, string? WebhookId, string? Payload,
    DeliveryStatus Status, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? LastAttemptAt, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

public static class DeliveryText
{
    /// <summary>How a delivery's target is shown in lists and logs: a bucket key as is, a webhook by its origin only.</summary>
    public static string Describe(this Delivery d) =>
        d.Kind == DeliveryKind.Webhook && Uri.TryCreate(d.Target, UriKind.Absolute, out var url) ? url.GetLeftPart(UriPartial.Authority) : d.Target;
}

/// <summary>
/// The durable outbox. A finished run's deliveries are written in the run's own completing
/// transaction, so they exist exactly when the run's outcome does; dispatchers on any node claim
/// due rows (a lease pushed into <c>next_attempt_at</c>) and record each attempt, fenced by its number.
/// </summary>
public sealed class Outbox(Database database, Jobs.JobStore jobs, BucketStore buckets, WebhookStore webhooks, IOptions<DeliveryOptions> options)
{
    private bool Postgres => database.Provider == DatabaseProvider.Postgres;

    /// <summary>Who hears of finished runs: their jobs' own <c>webhook_url</c>, the projects with a bucket, each project's webhooks subscribed to <c>job.completed</c>.</summary>
    public sealed record Recipients(IReadOnlyDictionary<string, string> JobWebhookUrls, IReadOnlySet<string> WithBucket, ILookup<string, Webhook> Webhooks);

    /// <summary>
    /// Read once per batch of completions, before their transaction (through the stores that own
    /// those tables): a bucket connected or a webhook registered while a run ends may or may not
    /// hear of it, as before, but never half.
    /// </summary>
    public async Task<Recipients> RecipientsAsync(IReadOnlyCollection<Run> finished, CancellationToken ct)
    {
        var projects = finished.Select(r => r.ProjectId).Distinct().ToList();
        return new Recipients(await jobs.WebhookUrlsAsync(finished.Select(r => r.JobId).Distinct().ToList(), ct),
            await buckets.ConnectedAsync(projects, ct), await webhooks.SubscribedAsync(projects, WebhooksApi.JobCompleted, ct));
    }

    /// <summary>
    /// Inside the runs' completing transaction, one statement for the batch: each result file to
    /// its project's bucket (when the run has one and a bucket is connected) and each event to the
    /// job's <c>webhook_url</c> and to every webhook subscribed to <c>job.completed</c>.
    /// </summary>
    public async Task EnqueueAsync(DbTransaction transaction, IReadOnlyList<RunStore.Completing> finished, Recipients recipients, CancellationToken ct)
    {
        var rows = new List<Row>();
        foreach (var (run, done) in finished)
        {
            var webhookUrl = recipients.JobWebhookUrls.GetValueOrDefault(run.JobId);
            var at = done.CompletedAt.ToUnixTimeMilliseconds();
            void Add(DeliveryKind kind, string target, string? webhookId, string? payload) => rows.Add(new Row
            {
                Id = Ids.New("dlv", done.CompletedAt), ProjectId = run.ProjectId, JobId = run.JobId, RunId = run.Id, Kind = RunStore.Name(kind),
                Target = target, WebhookId = webhookId, Payload = payload, Status = "pending", NextAttemptAt = at, CreatedAt = at,
            });

            if (done.Succeeded && done.ResultKey is { } key && recipients.WithBucket.Contains(run.ProjectId)) Add(DeliveryKind.Bucket, key, null, null);
            var subscribed = recipients.Webhooks[run.ProjectId].ToList();
            if (webhookUrl is null && subscribed.Count == 0) continue;
            var resultUrl = done.Succeeded && done.ResultKey is { } k ? $"{PublicUrl}/v1/storage/{k}" : null;
            var payload = JsonSerializer.Serialize(new WebhookEvent(WebhooksApi.JobCompleted, run.JobId, run.Id,
                done.Succeeded ? "completed" : "failed", resultUrl, done.CompletedAt), Json.Options);
            if (webhookUrl is not null) Add(DeliveryKind.Webhook, webhookUrl, null, payload);
            foreach (var webhook in subscribed) Add(DeliveryKind.Webhook, webhook.Url, webhook.Id, payload);
        }
        if (rows.Count == 0) return;
        const string columns = "id, project_id, job_id, run_id, kind, target, webhook_id, payload, status, attempts, next_attempt_at, created_at";
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(Postgres
                ? $"""
                  INSERT INTO deliveries ({columns})
                  SELECT d.id, d.project_id, d.job_id, d.run_id, d.kind, d.target, d.webhook_id, d.payload, 'pending', 0, d.at, d.at
                  FROM unnest(@ids::text[], @projects::text[], @jobs::text[], @runs::text[], @kinds::text[], @targets::text[], @webhooks::text[],
                      @payloads::text[], @at::bigint[]) AS d (id, project_id, job_id, run_id, kind, target, webhook_id, payload, at)
                  """
                : $"""
                  INSERT INTO deliveries ({columns})
                  SELECT value ->> 'Id', value ->> 'ProjectId', value ->> 'JobId', value ->> 'RunId', value ->> 'Kind', value ->> 'Target',
                      value ->> 'WebhookId', value ->> 'Payload', 'pending', 0, value ->> 'CreatedAt', value ->> 'CreatedAt'
                  FROM json_each(@rows)
                  """,
            Postgres
                ? new
                {
                    ids = rows.Select(r => r.Id).ToArray(), projects = rows.Select(r => r.ProjectId).ToArray(), jobs = rows.Select(r => r.JobId).ToArray(),
                    runs = rows.Select(r => r.RunId).ToArray(), kinds = rows.Select(r => r.Kind).ToArray(), targets = rows.Select(r => r.Target).ToArray(),
                    webhooks = rows.Select(r => r.WebhookId).ToArray(), payloads = rows.Select(r => r.Payload).ToArray(), at = rows.Select(r => r.CreatedAt).ToArray(),
                }
                : new { rows = JsonSerializer.Serialize(rows) },
            transaction, cancellationToken: ct));
    }

    private string PublicUrl => (options.Value.PublicUrl ?? ServerApp.DefaultUrl).TrimEnd('/');

    /// <summary>Claims up to <paramref name="take"/> due deliveries for one attempt each.</summary>
    public async Task<IReadOnlyList<Delivery>> ClaimAsync(int take, DateTimeOffset now, CancellationToken ct)
    {
        if (take <= 0) return [];
        const string due = "SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @take";
        var sql = Postgres
            ? $"""
              WITH picked AS ({due} FOR UPDATE SKIP LOCKED)
              UPDATE deliveries d SET attempts = d.attempts + 1, next_attempt_at = @leaseUntil, last_attempt_at = @now
              FROM picked WHERE d.id = picked.id RETURNING d.*
              """
            : $"""
              UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = @leaseUntil, last_attempt_at = @now
              WHERE id IN ({due}) RETURNING *
              """;
        await using var connection = await database.OpenAsync(ct);
        await using var writing = await database.WriteLockAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var claimed = (await connection.QueryAsync<Row>(new CommandDefinition(sql,
            new { now = now.ToUnixTimeMilliseconds(), take, leaseUntil = (now + options.Value.Lease).ToUnixTimeMilliseconds() },
            transaction, cancellationToken: ct))).Select(r => r.ToDelivery()).ToList();
        await transaction.CommitAsync(ct);
        return claimed;
    }

    /// <summary>
    /// Records an attempt's outcome; false when the attempt was no longer the row's (its lease ran out and
    /// another took it). The claim instant fences along with the number, which a manual retry resets.
    /// </summary>
    public async Task<bool> FinishAsync(Delivery delivery, AttemptOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var (status, next) = DeliveryRules.After(outcome, delivery.Attempts, now, options.Value);
        await using var connection = await database.OpenAsync(ct);
        await using var writing = await database.WriteLockAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // The attempt is kept whether or not it still owns the row: it happened, and its outcome is history.
        var startedAt = (delivery.LastAttemptAt ?? now).ToUnixTimeMilliseconds();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO delivery_attempts (delivery_id, attempt, started_at, duration_ms, outcome, error)
            VALUES (@Id, @Attempts, @startedAt, @duration, @outcome, @error)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                delivery.Id, delivery.Attempts, startedAt, duration = Math.Max(0, now.ToUnixTimeMilliseconds() - startedAt),
                outcome = outcome.Delivered ? "delivered" : "failed", error = outcome.Error,
            }, transaction, cancellationToken: ct));
        var recorded = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE deliveries SET status = @status, next_attempt_at = @next, last_error = @error, delivered_at = @deliveredAt
            WHERE id = @Id AND attempts = @Attempts AND last_attempt_at = @LastAttemptAt AND status = 'pending'
            """,
            new
            {
                delivery.Id, delivery.Attempts, LastAttemptAt = delivery.LastAttemptAt?.ToUnixTimeMilliseconds(), status = RunStore.Name(status), next = next?.ToUnixTimeMilliseconds(), error = outcome.Error,
                deliveredAt = outcome.Delivered ? now.ToUnixTimeMilliseconds() : (long?)null,
            }, transaction, cancellationToken: ct)) == 1;
        await transaction.CommitAsync(ct);
        return recorded;
    }

    public sealed record Attempt(int Number, DateTimeOffset StartedAt, long DurationMs, string Outcome, string? Error);

    /// <summary>One delivery of the project with every attempt made, oldest first.</summary>
    public async Task<(Delivery Delivery, IReadOnlyList<Attempt> Attempts)?> GetAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM deliveries WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct));
        if (row is null) return null;
        var attempts = await connection.QueryAsync<(long Attempt, long StartedAt, long DurationMs, string Outcome, string? Error)>(new CommandDefinition(
            "SELECT attempt, started_at, duration_ms, outcome, error FROM delivery_attempts WHERE delivery_id = @id ORDER BY started_at, attempt",
            new { id }, cancellationToken: ct));
        return (row.ToDelivery(), attempts.Select(a => new Attempt((int)a.Attempt, UnixTime.FromMillis(a.StartedAt), a.DurationMs, a.Outcome, a.Error)).ToList());
    }

    public async Task<IReadOnlyList<Delivery>> ListAsync(string projectId, DeliveryStatus? status, DeliveryKind? kind, PageRequest page, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT * FROM deliveries
            WHERE project_id = @projectId AND (@status IS NULL OR status = @status) AND (@kind IS NULL OR kind = @kind)
              AND (@afterId IS NULL OR id < @afterId)
            ORDER BY id DESC LIMIT @take
            """,
            new
            {
                projectId, status = status is { } s ? RunStore.Name(s) : null, kind = kind is { } k ? RunStore.Name(k) : null,
                afterId = page.AfterId, take = page.Limit + 1,
            }, cancellationToken: ct))).Select(r => r.ToDelivery()).ToList();
    }

    /// <summary>Failed deliveries of the project (or the given ones) are attempted again now, with a fresh retry budget.</summary>
    public async Task<int> RetryFailedAsync(string projectId, IReadOnlyList<string>? ids, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now
            WHERE project_id = @projectId AND status = 'failed' {(ids is null ? "" : $"AND {database.In("id", "ids")}")}
            """, new { projectId, ids = ids?.ToList(), now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct));
    }

    /// <summary>Each run's deliveries by kind, summarised (the run object's <c>deliveries</c>).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> ForRunsAsync(IReadOnlyCollection<string> runIds, CancellationToken ct)
    {
        if (runIds.Count == 0) return new Dictionary<string, IReadOnlyDictionary<string, string>>();
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string RunId, string Kind, string Status)>(new CommandDefinition(
            $"SELECT run_id, kind, status FROM deliveries WHERE {database.In("run_id", "runIds")}", new { runIds = runIds.ToList() }, cancellationToken: ct));
        return rows.GroupBy(r => r.RunId).ToDictionary(run => run.Key, run => (IReadOnlyDictionary<string, string>)run.GroupBy(r => r.Kind)
            .ToDictionary(kind => kind.Key, kind => RunStore.Name(DeliveryRules.Summarise(kind.Select(r => Enum.Parse<DeliveryStatus>(r.Status, true))))));
    }

    /// <summary>Which of these files of the project were delivered to its bucket (a listing's <c>locations</c>).</summary>
    public async Task<IReadOnlySet<string>> DeliveredToBucketAsync(string projectId, IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        if (keys.Count == 0) return new HashSet<string>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT target FROM deliveries WHERE project_id = @projectId AND kind = 'bucket' AND status = 'delivered' AND {database.In("target", "keys")}",
            new { projectId, keys = keys.ToList() }, cancellationToken: ct))).ToHashSet();
    }

    /// <summary>Deliveries waiting for an attempt (the <c>/metrics</c> delivery backlog), by kind.</summary>
    public async Task<IReadOnlyDictionary<string, long>> BacklogAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string Kind, long Count)>(new CommandDefinition(
            "SELECT kind, COUNT(*) FROM deliveries WHERE status = 'pending' GROUP BY kind", cancellationToken: ct))).ToDictionary(r => r.Kind, r => r.Count);
    }

    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string JobId { get; init; } = "";
        public string RunId { get; init; } = "";
        public string Kind { get; init; } = "";
        public string Target { get; init; } = "";
        public string? WebhookId { get; init; }
        public string? Payload { get; init; }
        public string Status { get; init; } = "";
        public long Attempts { get; init; }
        public long? NextAttemptAt { get; init; }
        public long? LastAttemptAt { get; init; }
        public string? LastError { get; init; }
        public long CreatedAt { get; init; }
        public long? DeliveredAt { get; init; }

        public Delivery ToDelivery() => new(
            Id, ProjectId, JobId, RunId, Enum.Parse<DeliveryKind>(Kind, true), Target, WebhookId, Payload, Enum.Parse<DeliveryStatus>(Status, true),
            (int)Attempts, UnixTime.FromMillis(NextAttemptAt), UnixTime.FromMillis(LastAttemptAt), LastError, UnixTime.FromMillis(CreatedAt),
            UnixTime.FromMillis(DeliveredAt));
    }
}
