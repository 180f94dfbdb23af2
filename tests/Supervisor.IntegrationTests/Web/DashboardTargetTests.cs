using Microsoft.Playwright;
using Supervisor.Domain.Http;
using Supervisor.IntegrationTests.Http;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// A typed action's outcome per target on the dashboard (issue 16): the demo's plan with a <c>type = nut-fsd</c> step
/// whose dry-run probe reads a real upsd (nothing is set there), so the step has a target line; the page lists it
/// under its step, as GET /api/v1/sagas/{id} carries it.
/// </summary>
public sealed class DashboardTargetTests(ITestOutputHelper output)
{
    /// <summary>The demo node with its outage brought forward and a plan of a nut-fsd probe, then sync (dry-run, as the demo is).</summary>
    private sealed class NutFsdPlanNode(UpsdServer upsd) : HttpApiNode
    {
        protected override string ExtraConfig => $$"""
            supervisor.devices.ups-a { outage-at = 1s, triggers.on-battery = 3s }
            supervisor.devices.ups-b { outage-at = 1s, triggers.on-battery = 3s }
            supervisor.http.api-keys.test-viewer { hash = "{{ApiKeyHash.Of(ViewerKey)}}", role = viewer }
            supervisor.agent.actions.tell-nut-clients {
              type = nut-fsd, server = "127.0.0.1:{{upsd.Port}}", ups = {{upsd.UpsName}}
              username = {{UpsdServer.AdminUser}}, password = "{{UpsdServer.AdminPassword}}"
            }
            supervisor.groups.rack-a.shutdown.phases = [
              { name = nut-clients, steps = [ { host = demo-host, action = tell-nut-clients, timeout = 20s } ] },
              { name = filesystems, steps = [ { host = demo-host, action = sync, timeout = 20s } ] }
            ]
            """;
    }

    [Fact]
    public async Task Dashboard_should_list_a_typed_steps_targets_under_it()
    {
        using var upsd = await UpsdServer.StartAsync();
        var node = new NutFsdPlanNode(upsd);
        await node.InitializeAsync();
        try
        {
            var target = $"{upsd.UpsName}@127.0.0.1:{upsd.Port}";
            await using (var browser = await Browser.OpenAsync(node.BaseAddress))
            {
                var page = browser.Page;
                await page.FillAsync("#key", node.ViewerKey);
                await page.ClickAsync("button[type=submit]");

                var row = page.Locator($"#saga .target[data-step='1.1-nut-clients-demo-host-tell-nut-clients'][data-target='{target}']");
                await Expect(row).ToHaveAttributeAsync("data-health", "SUCCEEDED", new() { Timeout = 60_000 });
                await Expect(row.Locator(".status")).ToHaveTextAsync("OK");
                await Expect(row).ToContainTextAsync($"dry-run: upsd at 127.0.0.1:{upsd.Port} accepts user \"{UpsdServer.AdminUser}\" and serves UPS \"{upsd.UpsName}\"");
                // A command step has no target lines.
                await Expect(page.Locator("#saga .target[data-step='2.1-filesystems-demo-host-sync']")).ToHaveCountAsync(0);
                Assert.Empty(browser.Errors);
                await browser.ScreenshotAsync("saga-targets");
                output.WriteLine($"screenshot in {Browser.ArtifactDir}");
            }

            // The page drew what the API carries.
            using var client = node.Client(node.ViewerKey);
            var detail = JsonDocument.Parse(await client.GetStringAsync("/api/v1/sagas/latest")).RootElement;
            var step = detail.GetProperty("steps").EnumerateArray().First(s => s.GetProperty("stepId").GetString() == "1.1-nut-clients-demo-host-tell-nut-clients");
            var line = Assert.Single(step.GetProperty("targets").EnumerateArray());
            Assert.Equal(target, line.GetProperty("target").GetString());
            Assert.True(line.GetProperty("succeeded").GetBoolean());
        }
        finally
        {
            await node.DisposeAsync();
        }
    }
}
