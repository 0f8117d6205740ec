using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;

namespace ByteStack.Server.Scheduling;

/// <summary><c>GET /v1/schedules/preview?schedule=…&amp;count=5</c>: description and next fire times, for forms.</summary>
public static class SchedulePreviewApi
{
    public const int MaxCount = 100;

    public sealed record PreviewResponse(ScheduleResponse Schedule, IReadOnlyList<DateTimeOffset> Next);

    public static void MapSchedulePreviewApi(this IEndpointRouteBuilder v1)
    {
        v1.MapGet("/schedules/preview", (TimeProvider clock, string? schedule, string? count) =>
        {
            var n = 5;
            if (count is not null && (!InputRules.TryParseWholeNumber(count, out n) || n is < 1 or > MaxCount))
                return Problems.BadParameter("count", "invalid_count", $"count must be a whole number from 1 to {MaxCount}.");
            if (string.IsNullOrWhiteSpace(schedule))
                return Problems.BadParameter("schedule", "invalid_schedule", "schedule is required, e.g. daily or 0 8 * * *.");
            if (!Schedule.TryParseString(schedule, out var parsed, out var error))
                return Problems.BadParameter("schedule", "invalid_schedule", error);
            return Results.Ok(new PreviewResponse(ScheduleResponse.From(parsed), parsed.NextOccurrences(clock.GetUtcNow(), n)));
        }).WithTags("Jobs");
    }
}
