using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using ByteStack.IntegrationTests;
using ByteStack.IntegrationTests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ByteStack.BrowserTests;

/// <summary>
/// A new user's first session, end to end in Chromium against a running server with the local
/// Hacker News fixture and s3rver: the issue's eight steps, with a screenshot of every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NewUserPathTests(ChromiumFixture chromium, SourceFixtures sources)
{
    [Fact]
    public async Task NewUser_SignsInCreatesRunsReadsConnectsAndSignsOut_WithoutTouchingTheApi()
    {
        await using var s3 = await S3Server.StartAsync(["results"]);
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var page = session.Page;
        using var api = session.Server.Client(session.AdminKey);

        // 1. Sign in.
        await session.SignInAsync(session.AdminKey);
        await session.ScreenshotAsync("jobs-empty");

        // 2. A job from a preset, and one with a custom cron whose description and next runs follow the typing.
        await page.GetByRole(AriaRole.Link, new() { Name = "New job" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Acme on Hacker News");
        await page.GetByLabel("Prompt").FillAsync("How many times was Acme mentioned on Hacker News today?");
        await page.GetByLabel("Hacker News").CheckAsync();
        await page.GetByLabel("Every hour").CheckAsync();
        await Expect(page.GetByTestId("schedule-description")).ToHaveTextAsync("At the top of every hour");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create job" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme on Hacker News" })).ToBeVisibleAsync();
        var jobId = Regex.Match(page.Url, "/jobs/(job_[0-9a-z]{26})").Groups[1].Value;

        await page.GotoAsync("/jobs/new");
        await page.GetByLabel("Name").FillAsync("Acme weekday mornings");
        await page.GetByLabel("Prompt").FillAsync("How many times was Acme mentioned on Hacker News today?");
        await page.GetByLabel("Hacker News").CheckAsync();
        await page.GetByLabel("Custom cron expression").CheckAsync();
        await page.GetByLabel("Cron expression, for \"custom\"").PressSequentiallyAsync("0 8 * * 1-5");
        await Expect(page.GetByTestId("schedule-description")).ToHaveTextAsync("At 08:00 UTC on Monday through Friday");
        await Expect(page.Locator(".next-runs li")).ToHaveTextAsync(
            ["2026-04-30 08:00:00 UTC", "2026-05-01 08:00:00 UTC", "2026-05-04 08:00:00 UTC", "2026-05-05 08:00:00 UTC", "2026-05-06 08:00:00 UTC"]);
        await session.ScreenshotAsync("job-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create job" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Acme weekday mornings" })).ToBeVisibleAsync();
        await page.GotoAsync("/jobs");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        await session.ScreenshotAsync("jobs");

        // 3. Run now, and the run completes on the page without a reload (htmx polls while it is in progress).
        await page.GotoAsync($"/jobs/{jobId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run now" }).ClickAsync();
        await Expect(page.Locator("#runs")).ToHaveAttributeAsync("data-in-progress", "true");
        await page.EvaluateAsync("window.__sameDocument = true");
        Assert.Equal(1, await session.RunOnceAsync());
        await Expect(page.Locator("#runs .badge")).ToHaveTextAsync("completed", new() { Timeout = 20_000 });
        Assert.True(await page.EvaluateAsync<bool>("window.__sameDocument === true"));
        await Expect(page.Locator("#runs tbody tr td").Nth(4)).ToHaveTextAsync("5");
        await session.ScreenshotAsync("job");

        // 4. The result in Storage: preview, and a download with the API's exact bytes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Storage" }).ClickAsync();
        await session.ScreenshotAsync("storage");
        var key = $"{jobId}/2026-04-30T07:59:30Z.json";
        await page.GetByRole(AriaRole.Link, new() { Name = key, Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("summary")).ToContainTextAsync("Acme was mentioned 5 times on Hacker News");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("5");
        await Expect(page.Locator(".records tbody tr")).ToHaveCountAsync(5);
        await session.ScreenshotAsync("storage-file");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download JSON" }).ClickAsync());
        var downloaded = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var fromApi = await api.GetByteArrayAsync($"/v1/storage/{key}");
        Assert.Equal(fromApi, downloaded);

        // 5. Analytics shows what GET /v1/analytics answers for the same period.
        await page.GotoAsync("/analytics?period=24h");
        var now = session.Server.Clock.Now;
        var analytics = JsonDocument.Parse(await api.GetStringAsync(
            $"/v1/analytics?from={Uri.EscapeDataString(now.AddHours(-24).ToString("yyyy-MM-ddTHH:mm:ssZ"))}&to={Uri.EscapeDataString(now.ToString("yyyy-MM-ddTHH:mm:ssZ"))}")).RootElement;
        var summary = analytics.GetProperty("summary");
        Assert.Equal(5, summary.GetProperty("total_mentions").GetInt64());
        Assert.Equal(4, summary.GetProperty("unique_users").GetInt64());
        foreach (var (testId, field) in new[] { ("total-mentions", "total_mentions"), ("unique-users", "unique_users"), ("positive", "positive_count"), ("negative", "negative_count"), ("neutral", "neutral_count") })
            await Expect(page.GetByTestId(testId)).ToHaveTextAsync(summary.GetProperty(field).GetInt64().ToString());
        Assert.Equal(4, await page.EvaluateAsync<int>("['chart-mentions','chart-users','chart-sentiment','chart-sources'].filter(id => Chart.getChart(document.getElementById(id))).length"));
        await session.ScreenshotAsync("analytics");

        // 6. Connect a bucket on s3rver, then a wrong bucket name: the reason is shown.
        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        await FillBucketAsync(page, s3.Endpoint, "results");
        await Expect(page.GetByTestId("bucket-outcome")).ToHaveTextAsync("Connected — test write succeeded. Every new result file is copied to this bucket.");
        await Expect(page.GetByTestId("connected-bucket")).ToHaveTextAsync("results");
        await session.ScreenshotAsync("settings-storage");
        await FillBucketAsync(page, s3.Endpoint, "no-such-bucket");
        await Expect(page.GetByTestId("bucket-outcome")).ToContainTextAsync("Not connected (no_such_bucket)");
        await Expect(page.GetByTestId("connected-bucket")).ToHaveTextAsync("results"); // nothing saved on failure

        // 7. A key shown once; signed in elsewhere, revoking it ends that session.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("laptop");
        await page.GetByLabel("read: reads everything").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var newKey = (await page.GetByTestId("new-key").TextContentAsync())!.Trim();
        Assert.StartsWith("bsk_", newKey);
        await session.ScreenshotAsync("settings-keys");
        await page.ReloadAsync();
        Assert.DoesNotContain(newKey, await page.ContentAsync());

        await using var other = await chromium.Browser.NewContextAsync(new() { BaseURL = session.Server.Address.ToString().TrimEnd('/') });
        var otherPage = await other.NewPageAsync();
        await otherPage.GotoAsync("/signin");
        await otherPage.GetByLabel("API key").FillAsync(newKey);
        await otherPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(otherPage.GetByText("Key laptop")).ToBeVisibleAsync();

        await page.GotoAsync("/settings/keys");
        await page.GetByRole(AriaRole.Link, new() { Name = "Revoke laptop" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Key revoked");
        await otherPage.GotoAsync("/storage");
        await Expect(otherPage).ToHaveURLAsync(new Regex("/signin"));

        // 8. Sign out: the session is gone.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/signin$"));
        await page.GotoAsync("/jobs");
        await Expect(page).ToHaveURLAsync(new Regex("/signin\\?return="));
    }

    private static async Task FillBucketAsync(IPage page, string endpoint, string bucket)
    {
        await page.GetByLabel("Endpoint").FillAsync(endpoint);
        await page.GetByLabel("Bucket", new() { Exact = true }).FillAsync(bucket);
        await page.GetByLabel("Access key").FillAsync(S3Server.AccessKey);
        await page.GetByLabel("Secret key").FillAsync(S3Server.SecretKey);
        await page.GetByLabel("Region (optional)").FillAsync("us-east-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and test" }).ClickAsync();
    }
}
