namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// Issue 12's "a fail-over neither re-fires nor forgets an alert", with real processes: three supervisor nodes on one
/// PostgreSQL journal watch a UPS on a real upsd; its charge drops below a rule's threshold and the rule fires; the node
/// running the alerts singleton (the oldest: it runs the notifier and the fleet too) is killed with -9; on a survivor
/// `supervisor alerts list` still shows the alert FIRING, and when the charge comes back the survivor tells RESOLVED.
/// The webhook receiver gets each exactly once. About 40-70 s.
/// </summary>
public sealed class AlertsKillTests(PostgresServer pg, UpsdServer upsd, ITestOutputHelper output)
    : ProcessClusterTest(output), IClassFixture<PostgresServer>, IClassFixture<UpsdServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WebhookReceiver _receiver = new();

    protected override void StopNodes()
    {
        base.StopNodes();
        _receiver.Dispose();
    }

    /// <summary>`alerts list` on <paramref name="port"/> until it shows the rule in <paramref name="status"/> (the CLI may land mid-handover).</summary>
    private async Task<string> ListUntilAsync(int port, string status)
    {
        var until = DateTime.UtcNow + Wait;
        var last = "";
        while (DateTime.UtcNow < until)
        {
            var list = await CliProcess.RunAsync("alerts", "list", "--node", $"127.0.0.1:{port}");
            last = list.Stdout + list.Stderr;
            if (list.ExitCode == 0 && System.Text.RegularExpressions.Regex.IsMatch(list.Stdout, $@"charge-low\s+ups-1\s+{status}")) return list.Stdout;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"alerts list never showed charge-low/ups-1 {status}; last answer:\n{last}");
    }

    [Fact]
    public async Task A_firing_alert_should_stay_firing_on_a_survivor_after_its_evaluators_node_is_killed_and_be_told_once_firing_and_once_resolved()
    {
        await upsd.SetVarAsync("battery.charge", "100");
        var journal = Hocon.PostgresJournal(await pg.CreateDatabaseAsync());
        var config = Scenario.WriteConfig("alerts-kill.conf", $$"""
            supervisor {
              data-dir = "data"
              devices { {{Hocon.NutDevice(upsd.Port)}} }
              groups.rack { members = [ups-1], shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync } ] } ] }
              {{journal}}
              notifications.channels.hook { type = webhook, url = "{{_receiver.Url}}", secret = "{{_receiver.Secret}}" }
              alerts {
                tick = 1s
                rules.charge-low { subject = ups-1, metric = charge, op = "<", threshold = 50, for = 0s, clear-margin = 5, severity = critical }
              }
            }
            """);
        var ports = Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var s1 = Start("s1", config, ports[0], "--roles", "supervisor", "--data-dir", "data-s1", "--seed", seed);
        await s1.WaitForLineAsync("Alerts: 1 rule\\(s\\) \\[charge-low\\]", Wait); // s1 is the oldest: it runs the alerts singleton
        var s2 = Start("s2", config, ports[1], "--roles", "supervisor", "--data-dir", "data-s2", "--seed", seed);
        var s3 = Start("s3", config, ports[2], "--roles", "supervisor", "--data-dir", "data-s3", "--seed", seed);
        await ClusterCli.WaitForUpAsync(ports[0], 3, Wait);

        await upsd.SetVarAsync("battery.charge", "30");
        var firing = await _receiver.FirstAsync("alert.firing", Wait);
        Assert.Contains("Alert charge-low on ups-1 FIRING: charge 30 < 50", firing.Message);
        await s1.WaitForLineAsync($"Notifier: sent {System.Text.RegularExpressions.Regex.Escape(firing.WebhookId)} on hook", TimeSpan.FromSeconds(10));
        await ListUntilAsync(ports[0], "FIRING");

        var clock = Stopwatch.StartNew();
        s1.Kill();
        var recovered = await Task.WhenAny(
            s2.WaitForLineAsync("Alerts: 1 rule\\(s\\) \\[charge-low\\]; 1 alert\\(s\\) known from before, 1 firing", Wait),
            s3.WaitForLineAsync("Alerts: 1 rule\\(s\\) \\[charge-low\\]; 1 alert\\(s\\) known from before, 1 firing", Wait));
        Output.WriteLine($"RECOVERED: {await recovered} ({clock.Elapsed.TotalSeconds:0.0} s after the kill)");
        var survivor = s2.Count("known from before, 1 firing") > 0 ? s2 : s3;
        Output.WriteLine(await ListUntilAsync(survivor.Port, "FIRING")); // not forgotten

        await upsd.SetVarAsync("battery.charge", "90");
        var resolved = await _receiver.FirstAsync("alert.resolved", Wait);
        Output.WriteLine($"RESOLVED {clock.Elapsed.TotalSeconds:0.0} s after the kill: {resolved.Message}");
        Assert.Contains("Alert charge-low on ups-1 resolved: charge 90", resolved.Message);
        await ListUntilAsync(survivor.Port, "(RESOLVED|NORMAL)");
        await Task.Delay(2000); // a copy sent twice would arrive now

        var posts = _receiver.Posts.ToList();
        foreach (var p in posts) Output.WriteLine($"{p.WebhookId} {p.Kind} answered={p.Answered}: {p.Message}");
        Assert.All(posts, p => Assert.True(p.SignatureValid, $"{p.WebhookId}: the signature does not verify"));
        Assert.Equal([firing.WebhookId], posts.Where(p => p.Kind == "alert.firing").Select(p => p.WebhookId)); // not re-fired, not re-sent
        Assert.Equal([resolved.WebhookId], posts.Where(p => p.Kind == "alert.resolved").Select(p => p.WebhookId)); // told once
    }
}
