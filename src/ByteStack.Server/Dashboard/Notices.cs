namespace ByteStack.Server.Dashboard;

/// <summary>
/// What a page says after a change it was redirected from (<c>?notice=code</c>). Only known codes
/// are shown, so a crafted link cannot put its own words on the page.
/// </summary>
public static class Notices
{
    private static readonly Dictionary<string, string> Texts = new()
    {
        ["created"] = "Job created. It runs on its schedule; use Run now to run it at once.",
        ["saved"] = "Changes saved. The next run is computed from now.",
        ["paused"] = "Job paused. It will not run on its schedule until resumed.",
        ["resumed"] = "Job resumed. Its next run is computed from now; missed slots are not run.",
        ["run-started"] = "Run started. Its row below updates when it ends.",
        ["run-busy"] = "This job already has a run pending or running; try again when it ends.",
        ["deleted"] = "Deleted.",
        ["key-revoked"] = "Key revoked. Every session signed in with it has ended.",
        ["bucket-disconnected"] = "Bucket disconnected. Results stay in built-in storage.",
        ["webhook-deleted"] = "Webhook deleted.",
        ["retried"] = "Failed deliveries are queued again.",
    };

    public static string? Text(string? code) => code is not null && Texts.TryGetValue(code, out var text) ? text : null;
}
