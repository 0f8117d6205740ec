using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using Dapper;

namespace ByteStack.Server.Delivery;

public sealed record Webhook(string Id, string ProjectId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt);

/// <summary>Registered webhooks and the project's signing secret, every secret encrypted at rest.</summary>
public sealed class WebhookStore(Database database, Secrets secrets)
{
    public async Task InsertAsync(Webhook webhook, string secret, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO webhooks (id, project_id, url, events, secret_protected, created_at) VALUES (@Id, @ProjectId, @Url, @Events, @Secret, @CreatedAt)",
            new
            {
                webhook.Id, webhook.ProjectId, webhook.Url, Events = JsonSerializer.Serialize(webhook.Events), Secret = secrets.Protect(secret),
                CreatedAt = webhook.CreatedAt.ToUnixTimeMilliseconds(),
            }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Webhook>> ListAsync(string projectId, PageRequest page, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            "SELECT * FROM webhooks WHERE project_id = @projectId AND (@afterId IS NULL OR id < @afterId) ORDER BY id DESC LIMIT @take",
            new { projectId, afterId = page.AfterId, take = page.Limit + 1 }, cancellationToken: ct))).Select(r => r.ToWebhook()).ToList();
    }

    /// <summary>The webhooks of these projects subscribed to <paramref name="eventName"/>, by project, oldest first.</summary>
    public async Task<ILookup<string, Webhook>> SubscribedAsync(IReadOnlyCollection<string> projectIds, string eventName, CancellationToken ct)
    {
        if (projectIds.Count == 0) return Array.Empty<Webhook>().ToLookup(w => w.ProjectId);
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT * FROM webhooks WHERE {database.In("project_id", "projectIds")} ORDER BY id", new { projectIds = projectIds.ToList() }, cancellationToken: ct)))
            .Select(r => r.ToWebhook()).Where(w => w.Events.Contains(eventName)).ToLookup(w => w.ProjectId);
    }

    public async Task<Webhook?> GetAsync(string projectId, string id, CancellationToken ct) => (await GetRowAsync(projectId, id, ct))?.ToWebhook();

    /// <summary>The secret that signs this webhook's deliveries; null when the webhook was deleted.</summary>
    public async Task<string?> SecretAsync(string projectId, string id, CancellationToken ct) =>
        await GetRowAsync(projectId, id, ct) is { } row ? secrets.Unprotect(row.SecretProtected) : null;

    public async Task<bool> RotateSecretAsync(string projectId, string id, string secret, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE webhooks SET secret_protected = @secret WHERE id = @id AND project_id = @projectId",
            new { id, projectId, secret = secrets.Protect(secret) }, cancellationToken: ct)) == 1;
    }

    public async Task<bool> DeleteAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM webhooks WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// The project's signing secret for jobs' own <c>webhook_url</c>; made on first use (two nodes
    /// racing keep whichever was written first).
    /// </summary>
    public async Task<string> ProjectSecretAsync(string projectId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE projects SET signing_secret_protected = @secret WHERE id = @projectId AND signing_secret_protected IS NULL",
            new { projectId, secret = secrets.Protect(WebhookSignature.NewSecret()) }, cancellationToken: ct));
        return secrets.Unprotect(await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT signing_secret_protected FROM projects WHERE id = @projectId", new { projectId }, cancellationToken: ct)) ?? "");
    }

    public async Task RotateProjectSecretAsync(string projectId, string secret, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE projects SET signing_secret_protected = @secret WHERE id = @projectId",
            new { projectId, secret = secrets.Protect(secret) }, cancellationToken: ct));
    }

    private async Task<Row?> GetRowAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            "SELECT * FROM webhooks WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct));
    }

    private sealed record Row
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string Url { get; init; } = "";
        public string Events { get; init; } = "[]";
        public string SecretProtected { get; init; } = "";
        public long CreatedAt { get; init; }

        public Webhook ToWebhook() => new(Id, ProjectId, Url, JsonSerializer.Deserialize<List<string>>(Events)!, UnixTime.FromMillis(CreatedAt));
    }
}
