using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Supervisor.IntegrationTests.Web;

/// <summary>
/// Issue 13's "serving node killed in a 3-node cluster": three supervisor nodes (real processes, the demo fleet, one
/// session secret) behind one proxy that sends each connection to the first live node. A real Chromium logs in with a
/// password through the proxy; the node serving it (also the one running the devices) is killed with SIGKILL. The page,
/// not reloaded, reconnects through the proxy to a survivor, which accepts its session cookie and answers the stream's
/// Last-Event-ID of the dead node with a fresh snapshot, and keeps updating: a reading taken after the kill appears.
/// </summary>
public sealed class DashboardFailoverTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private const string Password = "alice-secret-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Dashboard_should_reconnect_to_a_survivor_and_keep_updating_when_its_node_is_killed()
    {
        var config = Scenario.WriteConfig("supervisor.conf", BuiltInConfig.DemoText + $$"""

            supervisor.devices.ups-a { profile = steady, poll-interval = 1s }
            supervisor.devices.ups-b { profile = steady, poll-interval = 1s }
            supervisor.http.users.alice { password-hash = "{{BCrypt.Net.BCrypt.HashPassword(Password, 4)}}", role = viewer }
            supervisor.http.session-secret = "{{"failover-session-secret-" + Guid.NewGuid().ToString("N")}}"

            """);
        var ports = Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var s1 = Start("s1", config, ports[0], "--roles", "supervisor", "--data-dir", "data-s1", "--seed", seed);
        await s1.WaitForLineAsync("Supervisor: watching", Wait); // the oldest node: it runs the devices
        var s2 = Start("s2", config, ports[1], "--roles", "supervisor", "--data-dir", "data-s2", "--seed", seed);
        var s3 = Start("s3", config, ports[2], "--roles", "supervisor", "--data-dir", "data-s3", "--seed", seed);
        var http = await Task.WhenAll(new[] { s1, s2, s3 }.Select(HttpPortAsync));
        await ClusterCli.WaitForUpAsync(ports[0], 3, Wait);

        await using var proxy = new FailoverHttpProxy(http);
        await using var browser = await Browser.OpenAsync(proxy.Url);
        var page = browser.Page;
        await page.FillAsync("#user", "alice");
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#password-form button[type=submit]");
        var card = page.Locator("[data-device=ups-a]");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 30_000 });
        Assert.Equal(http[0], proxy.LastServedBy);
        await page.EvaluateAsync("() => { window.notReloaded = true; }");
        var streams = 0;
        page.Request += (_, r) => { if (r.Url.EndsWith("/api/v1/stream", StringComparison.Ordinal)) Interlocked.Increment(ref streams); };

        var killedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        s1.Kill();
        // A reading taken after the kill (by the survivor that took the devices over) reaches the page through the new stream.
        await page.WaitForFunctionAsync(
            "killedAt => { const c = document.querySelector('[data-device=ups-a]'); return !!c && Date.parse(c.dataset.lastReading) > killedAt; }",
            killedAt, new() { Timeout = 50_000, PollingInterval = 200 });
        await Expect(page.Locator("#connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Expect(page.Locator("#login")).ToBeHiddenAsync(); // the survivor took the session cookie: no new login
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"), "the page was reloaded");
        Assert.True(Volatile.Read(ref streams) >= 1, "the page opened no new stream");
        Assert.Contains(proxy.LastServedBy, http[1..]);
        Output.WriteLine($"FAIL-OVER: a reading newer than the kill shown {DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - killedAt} ms after it, via port {proxy.LastServedBy}");
        await browser.ScreenshotAsync("failover");
        Assert.Empty(browser.Errors);
    }

    /// <summary>The HTTP port a node printed (each listens on 127.0.0.1:0).</summary>
    private static async Task<int> HttpPortAsync(NodeProcess node)
    {
        var line = await node.WaitForLineAsync(@"^supervisor: HTTP API at http://127\.0\.0\.1:\d+/api/v1", Wait);
        return int.Parse(Regex.Match(line, @"127\.0\.0\.1:(\d+)/").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
