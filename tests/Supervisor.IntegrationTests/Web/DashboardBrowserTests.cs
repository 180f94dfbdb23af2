using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium driven by Playwright) against a real node whose outage starts
/// 30 s after start: after the viewer key the cards come from the first frame, then ups-a turns DEGRADED and CRITICAL,
/// quorum is lost and the saga's steps appear, the graph is backfilled from history and the event list grows, all
/// without a reload. A wrong key shows the node's 401 detail. Screenshots go to the test's artifact dir (and, with
/// UPDATE_SCREENSHOTS=1, to docs/images/ for docs/web.md).
/// </summary>
[Collection(nameof(DashboardCollection))]
public sealed class DashboardBrowserTests(DashboardNode node, ITestOutputHelper output)
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Outage = new() { Timeout = 60_000 };

    [Fact]
    public async Task Dashboard_should_show_the_fleet_from_the_first_frame_then_the_outage_and_the_saga_live()
    {
        await using var browser = await Browser.OpenAsync(node.BaseAddress);
        var page = browser.Page;
        await page.FillAsync("#key", node.ViewerKey);
        var history = page.WaitForResponseAsync(r => r.Url.Contains("/api/v1/history/ups-a"));
        var started = Stopwatch.StartNew();
        await page.ClickAsync("button[type=submit]");

        var upsA = page.Locator("[data-device=ups-a]");
        await Expect(upsA).ToHaveAttributeAsync("data-health", "HEALTHY", new() { Timeout = 10_000 });
        output.WriteLine($"first frame shown after {started.ElapsedMilliseconds} ms");
        await Expect(page.Locator("[data-device=ups-b]")).ToBeVisibleAsync();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live");
        await Expect(page.Locator("[data-group=rack-a] .quorum")).ToHaveTextAsync("2 of 2 healthy, need 1");
        await Expect(page.Locator("[data-group=rack-a] .members li")).ToHaveCountAsync(2);
        await Expect(page.Locator("#supervisor-node")).Not.ToBeEmptyAsync();

        // The graph: backfilled from /history (the node waited for its first flush), drawn as SVG.
        var backfill = JsonDocument.Parse(await (await history).TextAsync()).RootElement.GetProperty("points").GetArrayLength();
        Assert.True(backfill > 0, "the history answer had no points");
        var drawn = int.Parse(await page.Locator("#chart svg").GetAttributeAsync("data-points") ?? "0");
        Assert.True(drawn >= backfill, $"{drawn} points drawn, {backfill} in the history answer");
        var eventsBefore = await page.Locator("#events li").CountAsync();

        await Expect(upsA).ToHaveAttributeAsync("data-health", "DEGRADED", Outage);
        await browser.ScreenshotAsync("light-degraded");
        await Expect(upsA).ToHaveAttributeAsync("data-health", "CRITICAL", Outage);
        await Expect(page.Locator("#saga .step").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator("#saga .step[data-health=SUCCEEDED]").First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.True(await page.Locator("#events li").CountAsync() > eventsBefore, "no event frame reached the list");
        Assert.True(int.Parse(await page.Locator("#chart svg").GetAttributeAsync("data-points") ?? "0") > drawn, "the graph did not grow with device frames");
        Assert.Empty(browser.Errors);

        await browser.ScreenshotAsync("desktop-light", docs: true);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        await browser.ScreenshotAsync("desktop-dark", docs: true);
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.SetViewportSizeAsync(390, 844);
        await browser.ScreenshotAsync("phone", docs: true);
        output.WriteLine($"screenshots in {Browser.ArtifactDir}");
    }

    [Fact]
    public async Task Dashboard_should_show_why_a_wrong_key_is_refused_and_stay_on_the_login()
    {
        await using var browser = await Browser.OpenAsync(node.BaseAddress);
        var page = browser.Page;
        await page.FillAsync("#key", "not-a-key");
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("#login-error")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator("#login-error")).ToContainTextAsync("The node refused the key:");
        await Expect(page.Locator("#dashboard")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('supervisor.apiKey')")); // a refused key is not kept
        await browser.ScreenshotAsync("login-refused");
    }
}
