using System.Text.RegularExpressions;
using ByteStack.IntegrationTests.Fixtures;
using Microsoft.Playwright;

namespace ByteStack.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(ChromiumFixture chromium, SourceFixtures sources)
{
    [Fact]
    public async Task SignIn_ShowsTheJobs_WhenTheKeyIsLive()
    {
        await using var session = await DashboardSession.StartAsync(chromium, sources);
        await session.Page.GotoAsync("/jobs");
        await Assertions.Expect(session.Page).ToHaveURLAsync(new Regex("/signin\\?return=%2Fjobs$"));
        await session.ScreenshotAsync("signin");
        await session.SignInAsync(session.AdminKey);
        await Assertions.Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Jobs" })).ToBeVisibleAsync();
    }
}
