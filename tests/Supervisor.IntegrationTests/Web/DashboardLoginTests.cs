using Supervisor.IntegrationTests.Http;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// Password login on the dashboard: the session cookie opens it (and keeps it open across a reload, with no key in the
/// tab), an operator user gets the steering buttons' role, and logging out ends the session. Shares the login node
/// (and its 5-a-minute login budget: one login here).
/// </summary>
[Collection(nameof(HttpLoginCollection))]
public sealed class DashboardLoginTests(HttpLoginNode node)
{
    [Fact]
    public async Task Password_login_should_open_the_dashboard_survive_a_reload_and_end_with_log_out()
    {
        await using var browser = await Browser.OpenAsync(node.BaseAddress);
        var page = browser.Page;
        await page.FillAsync("#user", "bob");
        await page.FillAsync("#password", HttpLoginNode.BobPassword);
        await browser.ScreenshotAsync("login-password");
        await page.ClickAsync("#password-form button[type=submit]");

        await Expect(page.Locator("[data-device=ups-a]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 15_000 });
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('supervisor.apiKey')")); // the cookie, not a key
        Assert.Null(await page.EvaluateAsync<string?>("document.cookie.includes('supervisor-session') ? 'visible' : null")); // HttpOnly

        await page.ReloadAsync();
        await Expect(page.Locator("[data-device=ups-a]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#login")).ToBeHiddenAsync();

        await page.ClickAsync("#logout");
        await Expect(page.Locator("#login")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        Assert.Empty(browser.Errors);
    }
}
