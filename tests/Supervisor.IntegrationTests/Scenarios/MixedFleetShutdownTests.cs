namespace Supervisor.IntegrationTests.Scenarios;

/// <summary>
/// A group of a real NUT UPS (upsd + dummy-ups) and a Kasa plug (the npm device simulator) that senses mains
/// at the rack: both must fail before quorum is lost, and then the saga runs in dry-run.
/// </summary>
public sealed class MixedFleetShutdownTests(UpsdServer upsd, KasaSimulator kasa, ITestOutputHelper output)
    : ProcessClusterTest(output), IClassFixture<UpsdServer>, IClassFixture<KasaSimulator>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Plug_losing_power_and_ups_on_battery_should_lose_quorum_and_run_the_saga()
    {
        await upsd.RestartAsync();
        await kasa.ResetAsync();
        await kasa.SetRelayAsync(KasaSimulator.Hs110, on: true); // the simulated HS110 starts switched off
        var plug = $$"""
            plug-1 {
              driver = kasa
              host = "127.0.0.1"
              port = {{kasa.Port(KasaSimulator.Hs110)}}
              poll-interval = 1s
              stabilize = 2s
              warning-watts = 50
              dead-watts = 5
            }
            """;
        var config = Scenario.WriteConfig("node.conf", Hocon.Supervisor("data", Hocon.NutDevice(upsd.Port) + "\n" + plug,
            Hocon.Group(Hocon.VmsThenPoweroff("it-host"),
                "members = [ups-1, plug-1]\ndegraded-counts-as = critical"),
            Hocon.Agent("it-host")));
        var node = Start("node", config, LoopbackPort.Free());
        await node.WaitForLineAsync("Group rack: STARTING -> HEALTHY", Wait);

        await upsd.SetStatusAsync("OB");
        await node.WaitForLineAsync("Device ups-1: HEALTHY -> DEGRADED", Wait);
        await node.WaitForLineAsync("Group rack: HEALTHY -> DEGRADED", Wait);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, node.Count("Saga")); // the plug still sees mains: quorum holds

        await kasa.SetAsync(KasaSimulator.Hs110, power: 0, current: 0);
        await node.WaitForLineAsync("Device plug-1: HEALTHY -> CRITICAL \\(power 0W ≤ dead 5W: outlet lost mains", Wait);
        await node.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 2 step\\(s\\): 2 succeeded", Wait);
        Assert.Equal([("1.1-vms-it-host-stop-vms", "stop-vms", true), ("2.1-local-host-it-host-poweroff", "poweroff", true)], Scenario.ActionLog("data"));
    }
}
