using ByteStack.Server.Persistence;

namespace ByteStack.Server.Jobs;

/// <summary>
/// The job lifecycle as pure functions of a job and <c>now</c> (SPEC §3): what a create,
/// pause, resume or edit does to state and <c>next_sync_at</c>. Stores only persist the result.
/// </summary>
public static class JobRules
{
    public const int DefaultLimit = 100;

    public static Job Create(string projectId, JobDraft draft, DateTimeOffset now) => new(
        Ids.New("job", now), projectId, draft.Name, draft.Prompt, draft.Sources, draft.Schedule, draft.Limit,
        draft.DateRange, draft.WebhookUrl, JobState.Active,
        LastSyncAt: null, NextSyncAt: draft.Schedule.NextAfter(now), Failure: null,
        CreatedAt: now, UpdatedAt: now, Version: 0);

    /// <summary>Paused jobs never run on schedule, so they have no next sync.</summary>
    public static Job Pause(Job job, DateTimeOffset now) =>
        job.State == JobState.Paused ? job : job with { State = JobState.Paused, NextSyncAt = null, UpdatedAt = now };

    /// <summary>
    /// Resuming a paused or failed job computes the next occurrence from now: the slots that
    /// passed while it was stopped are not run in a burst. The failure is cleared.
    /// </summary>
    public static Job Resume(Job job, DateTimeOffset now) =>
        job.State is JobState.Paused or JobState.Failed
            ? job with { State = JobState.Active, Failure = null, NextSyncAt = job.Schedule.NextAfter(now), UpdatedAt = now }
            : job;

    public static Job Apply(Job job, JobPatch patch, DateTimeOffset now)
    {
        var edited = job with
        {
            Name = patch.Name ?? job.Name,
            Prompt = patch.Prompt ?? job.Prompt,
            Sources = patch.Sources ?? job.Sources,
            Schedule = patch.Schedule ?? job.Schedule,
            Limit = patch.Limit ?? job.Limit,
            DateRange = patch.DateRange.Or(job.DateRange),
            WebhookUrl = patch.WebhookUrl.Or(job.WebhookUrl),
            UpdatedAt = now,
        };

        // A new schedule counts from now; it never fires retroactively.
        if (patch.Schedule is not null && edited.State is JobState.Active or JobState.Running)
            edited = edited with { NextSyncAt = edited.Schedule.NextAfter(now) };

        return patch.State switch
        {
            JobState.Paused => Pause(edited, now),
            JobState.Active => Resume(edited, now),
            _ => edited,
        };
    }
}
