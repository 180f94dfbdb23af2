using Microsoft.Playwright;
using Supervisor.IntegrationTests.Http;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>A node of its own whose one saga (rack-a's) stays RUNNING until aborted (<see cref="HttpSagaAbortNode"/>).</summary>
public sealed class DashboardAbortNode : HttpSagaAbortNode
{
    protected override bool WithRackB => false;
}

[CollectionDefinition(nameof(DashboardAbortCollection))]
public sealed class DashboardAbortCollection : ICollectionFixture<DashboardAbortNode>;

/// <summary>The running saga's Abort button: shown to an operator key (not to a viewer), asks first, and the saga shows ABORTED live.</summary>
[Collection(nameof(DashboardAbortCollection))]
public sealed class DashboardAbortTests(DashboardAbortNode node)
{
    private static readonly LocatorAssertionsToBeVisibleOptions SagaRuns = new() { Timeout = 60_000 };

    /// <summary>One test, viewer first: the node has one saga, and the operator's abort ends it.</summary>
    [Fact]
    public async Task Abort_button_should_be_hidden_from_a_viewer_and_ask_then_abort_the_running_saga_for_an_operator()
    {
        await node.RunningSagaAsync("rack-a");
        await using (var viewer = await Browser.OpenAsync(node.BaseAddress))
        {
            await viewer.Page.FillAsync("#key", node.ViewerKey);
            await viewer.Page.ClickAsync("button[type=submit]");
            await Expect(viewer.Page.Locator("#saga .saga[data-health=RUNNING]")).ToBeVisibleAsync(SagaRuns);
            await Expect(viewer.Page.Locator("#saga-abort")).ToHaveCountAsync(0);
        }

        await using var browser = await Browser.OpenAsync(node.BaseAddress);
        var page = browser.Page;
        await page.FillAsync("#key", node.OperatorKey);
        await page.ClickAsync("button[type=submit]");
        var button = page.Locator("#saga-abort");
        await Expect(button).ToBeVisibleAsync(SagaRuns);
        var saga = await page.Locator("#saga .saga").GetAttributeAsync("data-saga");

        // Dismissed first: nothing happens; then accepted.
        string? asked = null;
        void Dismiss(object? _, IDialog d) { asked = d.Message; d.DismissAsync(); }
        page.Dialog += Dismiss;
        await button.ClickAsync();
        await Expect(page.Locator("#saga .saga")).ToHaveAttributeAsync("data-health", "RUNNING");
        Assert.Equal($"Abort saga {saga}? No further step is sent; a step already sent may still run.", asked);
        page.Dialog -= Dismiss;
        page.Dialog += (_, d) => d.AcceptAsync();
        await browser.ScreenshotAsync("saga-abort-button");
        await button.ClickAsync();

        await Expect(page.Locator($"#saga .saga[data-saga='{saga}']")).ToHaveAttributeAsync("data-health", "ABORTED", new() { Timeout = 15_000 });
        await Expect(page.Locator("#saga")).ToContainTextAsync("aborted by API key test-operator (operator)");
        await Expect(button).ToHaveCountAsync(0);
        Assert.Empty(browser.Errors);
        await browser.ScreenshotAsync("saga-aborted");
    }
}
