using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// The page keeps its live view through a dropped stream: it shows "reconnecting…" while down, then asks again with
/// the last frame's id as Last-Event-ID (so the node can replay what was missed) and is live again, without a reload.
/// The first stream is a recorded one that ends after its snapshot (as a node restart or a proxy cut would end it).
/// </summary>
[Collection(nameof(DashboardCollection))]
public sealed class DashboardReconnectTests(DashboardNode node)
{
    [Fact]
    public async Task Dashboard_should_show_reconnecting_and_resume_with_Last_Event_ID_after_the_stream_drops()
    {
        using var client = node.Client(node.ViewerKey);
        using var answer = await Http.HttpApiNode.SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, "/api/v1/status"));
        var status = await answer.Content.ReadAsStringAsync();
        await using var browser = await Browser.OpenAsync(node.BaseAddress);
        var page = browser.Page;
        var requests = 0;
        var resumedWith = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/v1/stream", async route =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/event-stream", Body = $"id: recorded.7\nevent: snapshot\ndata: {status}\n\n" });
                return;
            }
            route.Request.Headers.TryGetValue("last-event-id", out var lastId);
            resumedWith.TrySetResult(lastId);
            await release.Task; // held, so the page shows its "reconnecting…" state for the assertion
            await route.ContinueAsync();
        });
        await page.FillAsync("#key", node.ViewerKey);
        await page.ClickAsync("button[type=submit]");

        await Expect(page.Locator("[data-device=ups-a]")).ToBeVisibleAsync(new() { Timeout = 10_000 }); // from the recorded snapshot
        await Expect(page.Locator("#connection")).ToHaveTextAsync("reconnecting…", new() { Timeout = 10_000 });
        Assert.Equal("recorded.7", await resumedWith.Task.WaitAsync(TimeSpan.FromSeconds(20)));
        release.SetResult();
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        Assert.Empty(browser.Errors);
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
    }
}
