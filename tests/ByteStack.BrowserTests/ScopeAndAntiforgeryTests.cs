using System.Net;
using ByteStack.IntegrationTests;
using ByteStack.IntegrationTests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ByteStack.BrowserTests;

/// <summary>The server refuses what a session may not do, whatever the page shows or a replayed form sends.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScopeAndAntiforgeryTests(ChromiumFixture chromium, SourceFixtures sources)
{
    [Fact]
    public async Task ReadKey_SeesEverythingButChangesNothing_ThroughTheUiOrAReplayedForm()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var seeded = await session.SeedAsync();
        await session.SignInAsync(await session.CreateKeyAsync("read"));
        var page = session.Page;

        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Acme on Hacker News" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "New job" })).ToHaveCountAsync(0);
        await page.GotoAsync($"/jobs/{seeded.JobId}");
        await Expect(page.GetByText("This session's key is read-only")).ToBeVisibleAsync();
        foreach (var name in new[] { "Run now", "Pause", "Resume" })
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = name })).ToHaveCountAsync(0);
        await page.GotoAsync($"/storage/file?key={Uri.EscapeDataString(seeded.ResultKey)}");
        await Expect(page.GetByTestId("total-results")).ToHaveTextAsync("5");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await page.GotoAsync("/settings/storage");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save and test" })).ToHaveCountAsync(0);

        // Replayed form posts, with this session's valid antiforgery token: refused by scope, and nothing changed.
        var token = await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");
        var posts = new (string Path, Dictionary<string, string> Form)[]
        {
            ($"/jobs/{seeded.JobId}/pause", []),
            ($"/jobs/{seeded.JobId}/run", []),
            ($"/jobs/{seeded.JobId}/delete", []),
            ("/jobs/new", new() { ["name"] = "x", ["prompt"] = "Acme", ["sources"] = "hackernews", ["preset"] = "daily", ["limit"] = "10" }),
            ("/storage/delete", new() { ["key"] = seeded.ResultKey }),
            ("/settings/keys", new() { ["name"] = "mine", ["scope"] = "admin" }),
            ("/settings/storage/disconnect", []),
            ("/settings/deliveries/retry", []),
        };
        foreach (var (path, form) in posts)
        {
            form["__RequestVerificationToken"] = token!;
            var response = await page.APIRequest.PostAsync(path, new() { Form = FormOf(page, form), MaxRedirects = 0 });
            Assert.True(response.Status == (int)HttpStatusCode.Forbidden, $"{path} answered {response.Status}");
        }
        using var api = session.Server.Client(session.AdminKey);
        var job = await (await api.GetAsync($"/v1/jobs/{seeded.JobId}")).ReadJsonAsync();
        Assert.Equal("active", job.Str("state"));
        Assert.Single((await (await api.GetAsync($"/v1/jobs/{seeded.JobId}/runs")).ReadJsonAsync()).GetProperty("data").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/v1/storage/{seeded.ResultKey}")).StatusCode);
        Assert.Equal(2, (await (await api.GetAsync("/v1/keys")).ReadJsonAsync()).GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task FormPost_IsRefused_WithoutItsAntiforgeryToken_AndAcceptedWithTheFieldOrHtmxHeader()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var seeded = await session.SeedAsync();
        await session.SignInAsync(session.AdminKey);
        var page = session.Page;
        await page.GotoAsync($"/jobs/{seeded.JobId}");
        var token = await page.Locator("meta[name=csrf-token]").GetAttributeAsync("content");

        var missing = await page.APIRequest.PostAsync($"/jobs/{seeded.JobId}/pause", new() { Form = FormOf(page, []), MaxRedirects = 0 });
        Assert.Equal(400, missing.Status);
        Assert.Contains("antiforgery_failed", await missing.TextAsync());
        var forged = await page.APIRequest.PostAsync($"/jobs/{seeded.JobId}/pause",
            new() { Form = FormOf(page, new() { ["__RequestVerificationToken"] = "CfDJ8forged" }), MaxRedirects = 0 });
        Assert.Equal(400, forged.Status);
        using var api = session.Server.Client(session.AdminKey);
        Assert.Equal("active", (await (await api.GetAsync($"/v1/jobs/{seeded.JobId}")).ReadJsonAsync()).Str("state"));

        var withHeader = await page.APIRequest.PostAsync($"/jobs/{seeded.JobId}/pause", new()
        {
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = token!, ["HX-Request"] = "true" },
            MaxRedirects = 0,
        });
        Assert.Equal(302, withHeader.Status);
        Assert.Equal("paused", (await (await api.GetAsync($"/v1/jobs/{seeded.JobId}")).ReadJsonAsync()).Str("state"));

        var withField = await page.APIRequest.PostAsync($"/jobs/{seeded.JobId}/resume",
            new() { Form = FormOf(page, new() { ["__RequestVerificationToken"] = token! }), MaxRedirects = 0 });
        Assert.Equal(302, withField.Status);
        Assert.Equal("active", (await (await api.GetAsync($"/v1/jobs/{seeded.JobId}")).ReadJsonAsync()).Str("state"));
    }

    [Fact]
    public async Task Session_Ends_WhenItsKeyIsRevokedThroughTheApi()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        var key = await session.CreateKeyAsync("write");
        await session.SignInAsync(key);
        var cookies = await session.Context.CookiesAsync();
        var cookie = cookies.Single(c => c.Name == "bytestack_session");
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.DoesNotContain(key, cookie.Value);

        using var api = session.Server.Client(session.AdminKey);
        var keys = await (await api.GetAsync("/v1/keys")).ReadJsonAsync();
        var id = keys.GetProperty("data").EnumerateArray().Single(k => k.Str("name") == "write key").Str("id");
        Assert.Equal(HttpStatusCode.NoContent, (await api.DeleteAsync($"/v1/keys/{id}")).StatusCode);

        await session.Page.GotoAsync("/jobs");
        await Expect(session.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin\\?return=%2Fjobs$"));
    }

    private static IFormData FormOf(IPage page, Dictionary<string, string> fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields) form.Set(name, value);
        return form;
    }
}
