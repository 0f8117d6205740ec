using System.Text.Json;
using ByteStack.Server.Hosting;
using ByteStack.Server.Persistence;
using ByteStack.Server.Scheduling;
using Dapper;

namespace ByteStack.Server.Jobs;

/// <summary>Jobs in the database. Every statement is scoped by project id: no project sees another's jobs.</summary>
public sealed class JobStore(Database database)
{
    public async Task InsertAsync(Job job, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO jobs (id, project_id, name, prompt, sources, schedule_type, schedule_value, result_limit,
                              range_start, range_end, webhook_url, state, last_sync_at, next_sync_at, failure,
                              created_at, updated_at, version)
            VALUES (@Id, @ProjectId, @Name, @Prompt, @Sources, @ScheduleType, @ScheduleValue, @ResultLimit,
                    @RangeStart, @RangeEnd, @WebhookUrl, @State, @LastSyncAt, @NextSyncAt, @Failure,
                    @CreatedAt, @UpdatedAt, @Version)
            """, JobRow.From(job), cancellationToken: ct));
    }

    public async Task<Job?> GetAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            "SELECT * FROM jobs WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct));
        return row?.ToJob();
    }

    /// <summary>A job by id alone, for the engine (which acts for every project).</summary>
    public async Task<Job?> FindAsync(string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<JobRow>(new CommandDefinition(
            "SELECT * FROM jobs WHERE id = @id", new { id }, cancellationToken: ct));
        return row?.ToJob();
    }

    /// <summary>These jobs by id, in one statement (a claimed batch of runs reads its jobs at once); deleted ones are missing.</summary>
    public async Task<IReadOnlyDictionary<string, Job>> FindManyAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<string, Job>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<JobRow>(new CommandDefinition(
            $"SELECT * FROM jobs WHERE {database.In("id", "ids")}", new { ids = ids.ToList() }, cancellationToken: ct))).ToDictionary(r => r.Id, r => r.ToJob());
    }

    /// <summary>The <c>webhook_url</c> of each of these jobs that has one (the outbox's recipients).</summary>
    public async Task<IReadOnlyDictionary<string, string>> WebhookUrlsAsync(IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return new Dictionary<string, string>();
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QueryAsync<(string Id, string Url)>(new CommandDefinition(
            $"SELECT id, webhook_url FROM jobs WHERE {database.In("id", "ids")} AND webhook_url IS NOT NULL", new { ids = ids.ToList() }, cancellationToken: ct)))
            .ToDictionary(j => j.Id, j => j.Url);
    }

    /// <summary>Active and running jobs of a project (or one job), for the timeline's upcoming runs.</summary>
    public async Task<IReadOnlyList<Job>> ScheduledAsync(string projectId, string? jobId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            "SELECT * FROM jobs WHERE project_id = @projectId AND (@jobId IS NULL OR id = @jobId) AND state IN ('active', 'running')",
            new { projectId, jobId }, cancellationToken: ct));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <param name="search">Words found in the name or the prompt, case-insensitively, across every job of the project (not only one page).</param>
    public async Task<IReadOnlyList<Job>> ListAsync(string projectId, JobState? state, PageRequest page, CancellationToken ct, string? search = null)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<JobRow>(new CommandDefinition(
            """
            SELECT * FROM jobs
            WHERE project_id = @projectId
              AND (@state IS NULL OR state = @state)
              AND (@afterId IS NULL OR id < @afterId)
              AND (@pattern IS NULL OR lower(name) LIKE @pattern ESCAPE '\' OR lower(prompt) LIKE @pattern ESCAPE '\')
            ORDER BY id DESC LIMIT @take
            """,
            new { projectId, state = state is { } s ? StateName(s) : null, afterId = page.AfterId, take = page.Limit + 1, pattern = LikePattern(search) },
            cancellationToken: ct));
        return rows.Select(r => r.ToJob()).ToList();
    }

    /// <summary>
    /// Read, change with <paramref name="change"/>, write back — retried when another writer
    /// (a node starting a run, another request) changed the job in between. Null if there is no such job.
    /// </summary>
    public async Task<Job?> UpdateAsync(string projectId, string id, Func<Job, Job> change, CancellationToken ct)
    {
        while (true)
        {
            var current = await GetAsync(projectId, id, ct);
            if (current is null) return null;
            var changed = change(current);
            if (ReferenceEquals(changed, current)) return current;

            var next = changed with { Version = current.Version + 1 };
            await using var connection = await database.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var written = await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE jobs SET name = @Name, prompt = @Prompt, sources = @Sources, schedule_type = @ScheduleType,
                    schedule_value = @ScheduleValue, result_limit = @ResultLimit, range_start = @RangeStart,
                    range_end = @RangeEnd, webhook_url = @WebhookUrl, state = @State, last_sync_at = @LastSyncAt,
                    next_sync_at = @NextSyncAt, failure = @Failure, updated_at = @UpdatedAt, version = @Version
                WHERE id = @Id AND project_id = @ProjectId AND version = @Version - 1
                """, JobRow.From(next), transaction, cancellationToken: ct));
            if (written != 1) continue;
            // Pausing also stops what the scheduler already wrote: pending scheduled runs become skipped
            // (a run already claimed goes on; a manual run was asked for explicitly and stays).
            if (next.State == JobState.Paused && current.State != JobState.Paused)
                await Runs.RunStore.SkipPendingScheduledAsync(transaction, next.Id, ct);
            await transaction.CommitAsync(ct);
            return next;
        }
    }

    public async Task<bool> DeleteAsync(string projectId, string id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM jobs WHERE id = @id AND project_id = @projectId", new { id, projectId }, cancellationToken: ct)) > 0;
    }

    /// <summary><c>%words%</c> with LIKE's own wildcards escaped, so a search for "50%" finds "50%" only.</summary>
    public static string? LikePattern(string? search) =>
        string.IsNullOrWhiteSpace(search)
            ? null
            : "%" + search.Trim().ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";

    public static string StateName(JobState state) => JsonNamingPolicy.SnakeCaseLower.ConvertName(state.ToString());

    private sealed record JobRow
    {
        public string Id { get; init; } = "";
        public string ProjectId { get; init; } = "";
        public string Name { get; init; } = "";
        public string Prompt { get; init; } = "";
        public string Sources { get; init; } = "[]";
        public string ScheduleType { get; init; } = "";
        public string ScheduleValue { get; init; } = "";
        public long ResultLimit { get; init; }
        public long? RangeStart { get; init; }
        public long? RangeEnd { get; init; }
        public string? WebhookUrl { get; init; }
        public string State { get; init; } = "";
        public long? LastSyncAt { get; init; }
        public long? NextSyncAt { get; init; }
        public string? Failure { get; init; }
        public long CreatedAt { get; init; }
        public long UpdatedAt { get; init; }
        public long Version { get; init; }

        public static JobRow From(Job job) => new()
        {
            Id = job.Id,
            ProjectId = job.ProjectId,
            Name = job.Name,
            Prompt = job.Prompt,
            Sources = JsonSerializer.Serialize(job.Sources),
            ScheduleType = job.Schedule.Type == Contracts.ScheduleType.Interval ? "interval" : "cron",
            ScheduleValue = job.Schedule.Value,
            ResultLimit = job.Limit,
            RangeStart = job.DateRange?.From.ToUnixTimeMilliseconds(),
            RangeEnd = job.DateRange?.To.ToUnixTimeMilliseconds(),
            WebhookUrl = job.WebhookUrl,
            State = StateName(job.State),
            LastSyncAt = job.LastSyncAt?.ToUnixTimeMilliseconds(),
            NextSyncAt = job.NextSyncAt?.ToUnixTimeMilliseconds(),
            Failure = job.Failure,
            CreatedAt = job.CreatedAt.ToUnixTimeMilliseconds(),
            UpdatedAt = job.UpdatedAt.ToUnixTimeMilliseconds(),
            Version = job.Version,
        };

        public Job ToJob() => new(
            Id, ProjectId, Name, Prompt, JsonSerializer.Deserialize<List<string>>(Sources)!,
            Schedule.FromStored(ScheduleType == "interval" ? Contracts.ScheduleType.Interval : Contracts.ScheduleType.Cron, ScheduleValue),
            (int)ResultLimit,
            RangeStart is { } s && RangeEnd is { } e ? new DateRange(UnixTime.FromMillis(s), UnixTime.FromMillis(e)) : null,
            WebhookUrl, Enum.Parse<JobState>(State, ignoreCase: true),
            UnixTime.FromMillis(LastSyncAt), UnixTime.FromMillis(NextSyncAt), Failure,
            UnixTime.FromMillis(CreatedAt), UnixTime.FromMillis(UpdatedAt), Version);
    }
}
