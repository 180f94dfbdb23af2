namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// A silence mutes the channels, not the event log, on the running README demo pointed at a webhook: the rule is silenced
/// before ups-a goes on battery; its FIRING is in `supervisor events`, marked silenced, and never reaches the webhook,
/// while ups-a's ONBATT (a power event, safety-critical) does.
/// </summary>
public sealed class SilencedAlertEventsTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private readonly WebhookReceiver _receiver = new();

    protected override void StopNodes()
    {
        base.StopNodes();
        _receiver.Dispose();
    }

    private static async Task<CliProcess.Result> UntilAsync(Func<Task<CliProcess.Result>> run, Func<CliProcess.Result, bool> done, string what, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var r = await run();
            if (done(r)) return r;
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"{what} not within {within.TotalSeconds}s; last: {r.Stdout}{r.Stderr}");
            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task Silenced_alert_should_be_in_the_event_log_marked_while_the_webhook_gets_only_the_power_events()
    {
        var config = Path.Combine(Scenario.Dir, "demo-silenced-rule.conf");
        File.WriteAllText(config, File.ReadAllText(RepoPaths.DemoConfig) +
            $"\nsupervisor.notifications.channels.hook {{ type = webhook, url = \"{_receiver.Url}\", secret = \"{_receiver.Secret}\" }}\n" +
            "supervisor.devices.ups-a.outage-at = 25s\n" + // time to silence the rule before it can fire
            "supervisor.alerts.rules.on-battery { subject = \"ups-a\", metric = on-battery, op = \">=\", threshold = 1, for = 0s }\n" +
            "supervisor.alerts.tick = 1s\n");
        var node = await StartReadmeDemoAsync(config);
        var at = $"127.0.0.1:{node.Port}";
        await UntilAsync(() => CliProcess.RunAsync("alerts", "silence", "on-battery", "--for", "2h", "--node", at), r => r.ExitCode == 0,
            "the silence", TimeSpan.FromSeconds(20));
        await node.WaitForLineAsync(@"Alerts: Alert on-battery on ups-a FIRING: on-battery 1 >= 1 \(silenced until .* not sent\)", TimeSpan.FromSeconds(60));

        var events = await UntilAsync(() => CliProcess.RunAsync("events", "--kind", "alert", "--node", at), r => r.ExitCode == 0 && r.Stdout.Contains("FIRING"),
            "the silenced alert in the event log", TimeSpan.FromSeconds(15));
        Output.WriteLine(events.Stdout);
        var fired = Assert.Single(events.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("FIRING"));
        Assert.Matches(@"Alert on-battery on ups-a FIRING: on-battery 1 >= 1 \(silenced until \S+ \S+ UTC by .+: not sent\)", fired);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40); // ONBATT is held up to `coalesce` (10 s) for a blip
        while (!_receiver.Posts.Any(p => p.Kind == "ONBATT" && p.Title.Contains("ups-a")) && DateTime.UtcNow < deadline) await Task.Delay(200);
        var kinds = _receiver.Posts.Select(p => $"{p.Kind} {p.Title}").ToList();
        Assert.True(_receiver.Posts.Any(p => p.Kind == "ONBATT" && p.Title.Contains("ups-a")), "ups-a's ONBATT was not told: " + string.Join(" | ", kinds));
        Assert.DoesNotContain(_receiver.Posts, p => p.Kind.StartsWith("alert.", StringComparison.Ordinal));
    }
}
