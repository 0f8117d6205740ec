using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ByteStack.Server.Runs;

namespace ByteStack.Server.Hosting;

/// <summary>
/// What <c>/metrics</c> shows, in Prometheus text format: run lateness (scheduled → started) as
/// a histogram and run outcomes of this node, source errors, and from the database the runs by
/// status, the claim backlog and the query queue. (No Prometheus exporter package is available
/// here, and the text format is small.)
/// </summary>
public sealed class EngineMetrics
{
    private static readonly double[] LatenessBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];
    private readonly long[] latenessCounts = new long[LatenessBuckets.Length + 1];
    private readonly Lock gate = new();
    private double latenessSum;
    private long latenessCount;
    private long completed;
    private long failed;
    private long commitBatches;
    private long commitRuns;
    private long commitSyncTicks;
    private long commitWriteTicks;
    private readonly ConcurrentDictionary<(string Source, string Code), long> sourceErrors = new();
    private readonly ConcurrentDictionary<string, long> sourceQuota = new();

    public void ObserveLateness(TimeSpan lateness)
    {
        var seconds = Math.Max(0, lateness.TotalSeconds);
        lock (gate)
        {
            var bucket = Array.FindIndex(LatenessBuckets, b => seconds <= b);
            latenessCounts[bucket < 0 ? LatenessBuckets.Length : bucket]++;
            latenessSum += seconds;
            latenessCount++;
        }
    }

    /// <summary>One group commit: how many run ends it wrote, how long their staged files took to reach the disk, and its transaction.</summary>
    public void ObserveCommit(int runs, TimeSpan sync, TimeSpan write)
    {
        Interlocked.Increment(ref commitBatches);
        Interlocked.Add(ref commitRuns, runs);
        Interlocked.Add(ref commitSyncTicks, sync.Ticks);
        Interlocked.Add(ref commitWriteTicks, write.Ticks);
    }

    /// <summary>The group commits so far (the bench reads them; <c>/metrics</c> shows them).</summary>
    public (long Batches, long Runs, TimeSpan Sync, TimeSpan Write) Commits =>
        (Interlocked.Read(ref commitBatches), Interlocked.Read(ref commitRuns),
            TimeSpan.FromTicks(Interlocked.Read(ref commitSyncTicks)), TimeSpan.FromTicks(Interlocked.Read(ref commitWriteTicks)));

    public void CountRun(bool succeeded) => Interlocked.Increment(ref succeeded ? ref completed : ref failed);

    public void CountSourceError(string source, string code) => sourceErrors.AddOrUpdate((source, code), 1, (_, n) => n + 1);

    /// <summary>Quota units a source's API charged (YouTube counts every call against a daily quota).</summary>
    public void CountSourceQuota(string source, long units) => sourceQuota.AddOrUpdate(source, units, (_, n) => n + units);

    public static void MapMetrics(IEndpointRouteBuilder app) => app.MapGet("/metrics", async (EngineMetrics metrics, RunStore runs, Delivery.Outbox outbox,
        Queries.QueryStore queries, TimeProvider clock, CancellationToken ct) =>
    {
        var text = new StringBuilder();
        metrics.Write(text);

        text.AppendLine("# HELP bytestack_runs Runs in the ledger by status.").AppendLine("# TYPE bytestack_runs gauge");
        foreach (var (status, count) in await runs.CountByStatusAsync(ct)) text.AppendLine(Inv($"bytestack_runs{{status=\"{status}\"}} {count}"));
        text.AppendLine("# HELP bytestack_claim_backlog Runs due and not yet claimed by any worker.").AppendLine("# TYPE bytestack_claim_backlog gauge");
        text.AppendLine(Inv($"bytestack_claim_backlog {await runs.BacklogAsync(clock.GetUtcNow(), ct)}"));

        text.AppendLine("# HELP bytestack_delivery_backlog Deliveries (bucket uploads, webhook calls) waiting for an attempt.").AppendLine("# TYPE bytestack_delivery_backlog gauge");
        var backlog = await outbox.BacklogAsync(ct);
        foreach (var kind in new[] { "bucket", "webhook" }) text.AppendLine(Inv($"bytestack_delivery_backlog{{kind=\"{kind}\"}} {backlog.GetValueOrDefault(kind)}"));

        text.AppendLine("# HELP bytestack_queries One-off queries by status.").AppendLine("# TYPE bytestack_queries gauge");
        foreach (var (status, count) in await queries.CountByStatusAsync(ct))
            text.AppendLine(Inv($"bytestack_queries{{status=\"{status}\"}} {count}"));
        return Results.Text(text.ToString(), "text/plain; version=0.0.4", Encoding.UTF8);
    }).WithTags("Health").WithName("getMetrics").WithSummary("Prometheus metrics: run lateness and outcomes, backlogs, source errors, queries")
        .Produces<string>(StatusCodes.Status200OK, "text/plain");

    private void Write(StringBuilder text)
    {
        text.AppendLine("# HELP bytestack_run_lateness_seconds Time from a run's scheduled instant to its start, on this node.")
            .AppendLine("# TYPE bytestack_run_lateness_seconds histogram");
        lock (gate)
        {
            long cumulative = 0;
            for (var i = 0; i < LatenessBuckets.Length; i++)
            {
                cumulative += latenessCounts[i];
                text.AppendLine(Inv($"bytestack_run_lateness_seconds_bucket{{le=\"{LatenessBuckets[i]}\"}} {cumulative}"));
            }
            text.AppendLine(Inv($"bytestack_run_lateness_seconds_bucket{{le=\"+Inf\"}} {latenessCount}"));
            text.AppendLine(Inv($"bytestack_run_lateness_seconds_sum {latenessSum}"));
            text.AppendLine(Inv($"bytestack_run_lateness_seconds_count {latenessCount}"));
        }
        text.AppendLine("# HELP bytestack_runs_finished_total Runs this node finished, by outcome.").AppendLine("# TYPE bytestack_runs_finished_total counter");
        text.AppendLine(Inv($"bytestack_runs_finished_total{{status=\"completed\"}} {Interlocked.Read(ref completed)}"));
        text.AppendLine(Inv($"bytestack_runs_finished_total{{status=\"failed\"}} {Interlocked.Read(ref failed)}"));
        var commits = Commits;
        text.AppendLine("# HELP bytestack_commit_batches_total Group commits of run ends on this node.").AppendLine("# TYPE bytestack_commit_batches_total counter");
        text.AppendLine(Inv($"bytestack_commit_batches_total {commits.Batches}"));
        text.AppendLine("# HELP bytestack_commit_runs_total Run ends written by those group commits.").AppendLine("# TYPE bytestack_commit_runs_total counter");
        text.AppendLine(Inv($"bytestack_commit_runs_total {commits.Runs}"));
        text.AppendLine("# HELP bytestack_commit_seconds_total Time group commits spent, by step: sync (staged files to disk) and write (the transaction).")
            .AppendLine("# TYPE bytestack_commit_seconds_total counter");
        text.AppendLine(Inv($"bytestack_commit_seconds_total{{step=\"sync\"}} {commits.Sync.TotalSeconds}"));
        text.AppendLine(Inv($"bytestack_commit_seconds_total{{step=\"write\"}} {commits.Write.TotalSeconds}"));
        text.AppendLine("# HELP bytestack_source_errors_total Source requests that ended unavailable, by source and reason.").AppendLine("# TYPE bytestack_source_errors_total counter");
        foreach (var ((source, code), count) in sourceErrors.OrderBy(e => e.Key))
            text.AppendLine(Inv($"bytestack_source_errors_total{{source=\"{Escape(source)}\",code=\"{code}\"}} {count}"));
        text.AppendLine("# HELP bytestack_source_quota_units_total API quota units this node's questions spent, by source (YouTube: 100 a search page, 1 a statistics lookup).")
            .AppendLine("# TYPE bytestack_source_quota_units_total counter");
        foreach (var (source, units) in sourceQuota.OrderBy(e => e.Key))
            text.AppendLine(Inv($"bytestack_source_quota_units_total{{source=\"{Escape(source)}\"}} {units}"));
    }

    private static string Escape(string label) => label.Replace("\\", "\\\\").Replace("\"", "\\\"");

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
