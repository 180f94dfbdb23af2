namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// `supervisor alerts` against the running README demo with one rule added: ups-a goes on battery about 10 s in, the
/// rule fires, and `alerts list | ack | silence | unsilence` see and steer it through the inspector.
/// </summary>
public sealed class AlertsCliTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    [Fact]
    public async Task Alerts_verbs_should_list_ack_and_silence_a_firing_rule_on_the_live_node()
    {
        var config = Path.Combine(Scenario.Dir, "demo-with-rule.conf");
        File.WriteAllText(config, File.ReadAllText(RepoPaths.DemoConfig) +
            "\nsupervisor.alerts.rules.on-battery { subject = \"ups-*\", metric = on-battery, op = \">=\", threshold = 1, for = 0s }\n" +
            "supervisor.alerts.tick = 1s\n");
        var node = await StartReadmeDemoAsync(config);
        var at = $"127.0.0.1:{node.Port}";
        await node.WaitForLineAsync("Alerts: Alert on-battery on ups-a FIRING: on-battery 1 >= 1", TimeSpan.FromSeconds(40));

        var list = await CliProcess.RunAsync("alerts", "list", "--node", at);
        Output.WriteLine(list.Stdout + list.Stderr);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"on-battery\s+ups-a\s+FIRING", list.Stdout);

        var ack = await CliProcess.RunAsync("alerts", "ack", "on-battery/ups-a", "--node", at);
        Assert.Equal(0, ack.ExitCode);
        Assert.Contains("on-battery/ups-a acknowledged by", ack.Stdout);
        var unknown = await CliProcess.RunAsync("alerts", "ack", "on-battery/pdu-9", "--node", at);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("no alert \"on-battery/pdu-9\"", unknown.Stderr);

        var silence = await CliProcess.RunAsync("alerts", "silence", "ups-*", "--for", "2h", "--node", at);
        Assert.Equal(0, silence.ExitCode);
        Assert.Contains("power events are never silenced", silence.Stdout);
        var after = await CliProcess.RunAsync("alerts", "list", "--node", at);
        Assert.Contains("silenced: ups-* until", after.Stdout);
        Assert.Matches(@"on-battery\s+ups-a\s+FIRING.*@", after.Stdout);
        Assert.Equal(0, (await CliProcess.RunAsync("alerts", "unsilence", "ups-*", "--node", at)).ExitCode);
    }
}
