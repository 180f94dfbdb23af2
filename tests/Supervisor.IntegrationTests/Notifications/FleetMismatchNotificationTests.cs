namespace Supervisor.IntegrationTests.Notifications;

/// <summary>
/// Three supervisor nodes, the third with a different fleet (a device more in the group): the cluster publishes one
/// <c>fleet.mismatch</c>, the webhook receives it once, naming the nodes and both fleets; once the odd node is gone
/// (killed, and forgotten after <c>FleetConsistencyActor.ForgetAfter</c>) it receives <c>fleet.mismatch-resolved</c> once.
/// Three, not two: the survivors must keep the majority, or the split-brain resolver downs them with the odd node.
/// </summary>
public sealed class FleetMismatchNotificationTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly WebhookReceiver _receiver = new();

    protected override void StopNodes()
    {
        base.StopNodes();
        _receiver.Dispose();
    }

    private string Config(string name, string devices, string members) => Scenario.WriteConfig(name, $$"""
        supervisor {
          data-dir = "data"
          devices { {{devices}} }
          groups.rack { members = [{{members}}], shutdown.phases = [ { name = local-host, steps = [ { host = hv-1, action = sync } ] } ] }
          notifications.channels.hook { type = webhook, url = "{{_receiver.Url}}", secret = "{{_receiver.Secret}}" }
        }
        """);

    [Fact]
    public async Task Nodes_running_different_fleets_should_be_told_once_as_a_fleet_mismatch_and_once_resolved_when_the_odd_node_is_gone()
    {
        var same = Config("fleet-a.conf", "ups-a { driver = simulated }", "ups-a");
        var odd = Config("fleet-b.conf", "ups-a { driver = simulated }\nups-b { driver = simulated }", "ups-a, ups-b");
        var ports = Enumerable.Range(0, 3).Select(_ => LoopbackPort.Free()).ToArray();
        var seed = $"127.0.0.1:{ports[0]}";
        var s1 = Start("s1", same, ports[0], "--roles", "supervisor", "--data-dir", "data-s1", "--seed", seed);
        await s1.WaitForLineAsync("Notifier: 1 channel\\(s\\) \\[hook\\]", Wait);
        Start("s2", same, ports[1], "--roles", "supervisor", "--data-dir", "data-s2", "--seed", seed);
        await ClusterCli.WaitForUpAsync(ports[0], 2, Wait);
        var odd3 = Start("s3", odd, ports[2], "--roles", "supervisor", "--data-dir", "data-s3", "--seed", seed);

        var mismatch = await _receiver.FirstAsync("fleet.mismatch", Wait);
        Output.WriteLine($"{mismatch.Severity} {mismatch.Title}: {mismatch.Message}");
        Assert.Equal(("critical", "supervisor nodes run 2 different fleets"), (mismatch.Severity, mismatch.Title));
        // The reporter names the nodes it had heard running the common fleet: s1, s2 or both.
        Assert.Matches($@"127\.0\.0\.1:({ports[0]}|{ports[1]})(, \S+)? runs? singleton, 1 device\(s\), 1 group\(s\)", mismatch.Message);
        Assert.Contains($"127.0.0.1:{ports[2]} runs singleton, 2 device(s), 1 group(s)", mismatch.Message);
        Assert.Contains("give every supervisor node the same supervisor.devices", mismatch.Message);

        odd3.Kill();
        var resolved = await _receiver.FirstAsync("fleet.mismatch-resolved", Wait);
        Assert.Equal("info", resolved.Severity);
        Assert.Contains("Supervisor nodes run the same fleet again", resolved.Message);
        await Task.Delay(2000); // a second copy would arrive now
        var posts = _receiver.Posts.ToList();
        Assert.Single(posts, p => p.Kind == "fleet.mismatch");
        Assert.Single(posts, p => p.Kind == "fleet.mismatch-resolved");
    }
}
