using System.Text.Json;

namespace ByteStack.Server.Dashboard.Storage;

/// <summary>
/// What the preview shows of a result file (a job run's or a query's: <c>{…, result: {…}}</c>),
/// read leniently: a field that is missing shows as absent, never as an error.
/// </summary>
public sealed record ResultPreview(
    string? Summary, long? TotalResults, long? UniqueUsers, long? Positive, long? Negative, long? Neutral,
    IReadOnlyList<(string Source, long Mentions, string? Status)> BySource, IReadOnlyList<PreviewRecord> Records, string? Prompt, string? CompletedAt)
{
    public static ResultPreview? From(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return null;
        var result = root.TryGetProperty("result", out var r) && r.ValueKind == JsonValueKind.Object ? r : root;
        var sentiment = result.TryGetProperty("sentiment", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var bySource = new List<(string, long, string?)>();
        if (result.TryGetProperty("by_source", out var sources) && sources.ValueKind == JsonValueKind.Object)
            foreach (var source in sources.EnumerateObject())
                bySource.Add((source.Name, Long(source.Value, "mentions") ?? 0, Text(source.Value, "status")));
        var records = new List<PreviewRecord>();
        if (result.TryGetProperty("records", out var list) && list.ValueKind == JsonValueKind.Array)
            foreach (var record in list.EnumerateArray())
                records.Add(new PreviewRecord(Text(record, "source") ?? "", Text(record, "author") ?? "", Text(record, "text") ?? "",
                    Text(record, "created_at") ?? "", Text(record, "sentiment") ?? "", Text(record, "url")));
        return new ResultPreview(Text(result, "summary"), Long(result, "total_results"), Long(result, "unique_users"),
            Long(sentiment, "positive_count"), Long(sentiment, "negative_count"), Long(sentiment, "neutral_count"),
            bySource, records, Text(root, "prompt"), Text(root, "completed_at"));
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;
}

public sealed record PreviewRecord(string Source, string Author, string Text, string CreatedAt, string Sentiment, string? Url);
