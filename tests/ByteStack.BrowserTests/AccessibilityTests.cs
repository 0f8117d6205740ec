using System.Text.RegularExpressions;
using ByteStack.IntegrationTests.Fixtures;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ByteStack.BrowserTests;

/// <summary>Every page: no serious or critical axe violation, usable at 375 px and 1440 px, and the main path by keyboard alone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(ChromiumFixture chromium, SourceFixtures sources)
{
    private static string[] Pages(DashboardSession.Seeded seeded) =>
    [
        "/jobs", "/jobs/new", $"/jobs/{seeded.JobId}", $"/jobs/{seeded.JobId}/edit", $"/jobs/{seeded.JobId}/delete", "/today",
        "/storage", $"/storage/file?key={Uri.EscapeDataString(seeded.ResultKey)}", $"/runs/{seeded.RunId}/logs", "/analytics?period=24h",
        "/settings/storage", "/settings/keys", "/settings/webhooks", "/settings/deliveries",
    ];

    [Fact]
    public async Task EveryPage_HasNoSeriousOrCriticalAxeViolation()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var seeded = await session.SeedAsync();
        var page = session.Page;
        await page.GotoAsync("/signin");
        var problems = Serious(await page.RunAxe());
        await session.SignInAsync(session.AdminKey);
        foreach (var path in Pages(seeded))
        {
            await page.GotoAsync(path);
            problems.AddRange(Serious(await page.RunAxe()).Select(p => $"{path}: {p}"));
        }
        Assert.Empty(problems);

        // The pages the new-user test does not reach, for the README.
        foreach (var (path, name) in new[] { ("/today", "today"), ($"/runs/{seeded.RunId}/logs", "run-logs"), ("/settings/webhooks", "settings-webhooks"), ("/settings/deliveries", "settings-deliveries") })
        {
            await page.GotoAsync(path);
            await session.ScreenshotAsync(name);
        }
    }

    [Theory]
    [InlineData(375, 812)]
    [InlineData(1440, 900)]
    public async Task EveryPage_FitsTheViewport_WithoutSidewaysScrolling(int width, int height)
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources, width, height);
        var seeded = await session.SeedAsync();
        await session.SignInAsync(session.AdminKey);
        var overflowing = new List<string>();
        foreach (var path in Pages(seeded))
        {
            await session.Page.GotoAsync(path);
            var widths = await session.Page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, window.innerWidth]");
            var (scroll, inner) = (widths[0], widths[1]);
            if (scroll > inner) overflowing.Add($"{path}: {scroll} px wide in a {inner} px window");
        }
        Assert.Empty(overflowing);
        if (width == 375)
        {
            await session.Page.GotoAsync("/jobs");
            await session.ScreenshotAsync("mobile-jobs");
            await session.Page.GotoAsync($"/jobs/{seeded.JobId}");
            await session.ScreenshotAsync("mobile-job");
        }
    }

    [Fact]
    public async Task NewUser_SignsInCreatesAJobAndRunsIt_WithTheKeyboardAlone()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var page = session.Page;
        await page.GotoAsync("/signin");
        await TabToAsync(page, "#api_key");
        await page.Keyboard.TypeAsync(session.AdminKey);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/jobs$"));

        await TabToAsync(page, "a[href='/jobs/new']");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/jobs/new$"));
        await TabToAsync(page, "#name");
        await page.Keyboard.TypeAsync("Keyboard job");
        await TabToAsync(page, "#prompt");
        await page.Keyboard.TypeAsync("How many times was Acme mentioned on Hacker News today?");
        await TabToAsync(page, "#source-hackernews");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "input[name=preset]:checked");
        await page.Keyboard.PressAsync("ArrowDown"); // daily → daily at a time of my choice
        await Expect(page.Locator("#preset-daily_at")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("schedule-description")).ToHaveTextAsync("At 08:00 UTC every day");
        await TabToAsync(page, "button[type=submit]:text('Create job')");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Keyboard job" })).ToBeVisibleAsync();

        await TabToAsync(page, "button:text('Run now')");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#runs")).ToHaveAttributeAsync("data-in-progress", "true");
        await session.RunOnceAsync();
        await Expect(page.Locator("#runs .badge")).ToHaveTextAsync("completed", new() { Timeout = 20_000 });
        await TabToAsync(page, "a:text('Open result')");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("5");
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus (at most 80 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        var target = page.Locator(selector).First;
        for (var i = 0; i < 80; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {selector}.");
    }

    private static List<string> Serious(Deque.AxeCore.Commons.AxeResult result) =>
        result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
}
