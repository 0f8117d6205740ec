namespace ByteStack.Server.Storage;

/// <summary>
/// The one rule for result files: <c>{owner id}/{instant}.json</c>, where the owner is the job
/// (<c>job_…</c>) or the one-off query (<c>qry_…</c>) and the instant, in UTC to the second
/// (<c>2026-04-30T08:00:00Z</c>), is a run's scheduled slot or a query's completion. So a job's
/// files list under its id in time order, and keys never need more than <c>/</c> to be read.
/// </summary>
public static class ResultKeys
{
    public static string For(string ownerId, DateTimeOffset instant) => $"{ownerId}/{ByteStackJson.Format(instant)}.json";
}
