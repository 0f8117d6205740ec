using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using ByteStack.Server.Hosting;
using ByteStack.Server.Jobs;
using ByteStack.Server.Projects;
using ByteStack.Server.Scheduling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The dashboard's Jobs page with many jobs: the real host on SQLite, a signed-in cookie session,
/// timed on loopback (an upper bound of server time), beside the same page of <c>GET /v1/jobs</c>
/// (the API's list, the baseline) in the same run.
/// </summary>
public static partial class DashboardBench
{
    public static async Task RunAsync(int jobs, int rounds)
    {
        var dir = Directory.CreateTempSubdirectory("bytestack-bench-dashboard-").FullName;
        var app = await ServerApp.StartAsync([$"--ByteStack:DataDir={dir}", "--urls=http://127.0.0.1:0", "--ByteStack:Engine:Roles=api", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            var key = File.ReadAllText(Path.Combine(dir, "admin.key")).Trim();
            var projectId = (await app.Services.GetRequiredService<ProjectStore>().FindActiveKeyAsync(key, CancellationToken.None))!.ProjectId;
            var store = app.Services.GetRequiredService<JobStore>();
            var now = TimeProvider.System.GetUtcNow();
            var seeding = Stopwatch.StartNew();
            for (var i = 0; i < jobs; i++)
            {
                var draft = new JobDraft($"Job {i:00000}", $"How many times was Brand{i} mentioned on Hacker News today?", ["hackernews"],
                    Schedule.Interval(i % 2 == 0 ? "every_hour" : "daily"), 100, null, null);
                var job = JobRules.Create(projectId, draft, now);
                await store.InsertAsync(i % 10 == 0 ? JobRules.Pause(job, now) : job, CancellationToken.None);
            }
            Console.WriteLine($"Seeded {jobs:N0} jobs in {seeding.Elapsed.TotalSeconds:0.0} s (SQLite, {Environment.ProcessorCount} cores).");

            using var api = new HttpClient { BaseAddress = address };
            api.DefaultRequestHeaders.Authorization = new("Bearer", key);
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address };
            var signin = await browser.GetStringAsync("/signin");
            var token = TokenField().Match(signin).Groups[1].Value;
            var signedIn = await browser.PostAsync("/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["api_key"] = key, ["__RequestVerificationToken"] = token }));
            if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in answered {signedIn.StatusCode}.");

            Console.WriteLine();
            Console.WriteLine($"| request ({jobs:N0} jobs) | rows | p50 | p95 | max |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            await TimeAsync(api, "/v1/jobs?limit=50", "API list, first page (baseline)", rounds);
            await TimeAsync(browser, "/jobs", "dashboard Jobs page, first page", rounds);
            await TimeAsync(browser, "/jobs?state=paused", "dashboard, state = paused", rounds);
            await TimeAsync(browser, "/jobs?q=brand4242", "dashboard, search (one match in the prompts)", rounds);
            await TimeAsync(browser, "/jobs?q=job+0", "dashboard, search (many matches)", rounds);
            var last = await LastPageCursorAsync(api);
            await TimeAsync(browser, $"/jobs?cursor={last}", "dashboard, a page about 9,000 jobs deep (cursor)", rounds);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }

    private static async Task TimeAsync(HttpClient client, string path, string label, int rounds)
    {
        var times = new List<double>();
        var rows = 0;
        for (var i = 0; i < rounds + 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{path} answered {response.StatusCode}.");
            rows = path.StartsWith("/v1/", StringComparison.Ordinal) ? Regex.Count(body, "\"id\":\"job_") : Regex.Count(body, "<tr>") - 1; // less the header row
            if (i >= 5) times.Add(watch.Elapsed.TotalMilliseconds); // the first rounds warm the JIT and the caches
        }
        times.Sort();
        Console.WriteLine($"| {label} | {rows} | {times[times.Count / 2]:0.0} ms | {times[(int)(times.Count * 0.95)]:0.0} ms | {times[^1]:0.0} ms |");
    }

    private static async Task<string> LastPageCursorAsync(HttpClient api)
    {
        string? cursor = null, last = null;
        do
        {
            var page = System.Text.Json.JsonDocument.Parse(await api.GetStringAsync($"/v1/jobs?limit=1000{(cursor is null ? "" : "&cursor=" + cursor)}")).RootElement;
            last = cursor ?? last;
            cursor = page.GetProperty("next_cursor").GetString();
        } while (cursor is not null);
        return last!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
