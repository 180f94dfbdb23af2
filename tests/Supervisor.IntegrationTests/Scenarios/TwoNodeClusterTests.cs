namespace Supervisor.IntegrationTests.Scenarios;

/// <summary>
/// The same executable started twice on loopback: node 1 (role supervisor) watches the real upsd and runs the
/// saga; node 2 (role agent, its own config and data dir) joins it and runs the steps for its host.
/// </summary>
public sealed class TwoNodeClusterTests(UpsdServer upsd, ITestOutputHelper output) : ProcessClusterTest(output), IClassFixture<UpsdServer>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Saga_on_the_supervisor_node_should_drive_the_agent_on_the_other_node()
    {
        await upsd.RestartAsync();
        var supervisorConfig = Scenario.WriteConfig("node1.conf", Hocon.Supervisor("data1", Hocon.NutDevice(upsd.Port),
            Hocon.Group(Hocon.VmsThenPoweroff("node-2")),
            agent: ""));
        var agentConfig = Scenario.WriteConfig("node2.conf", Hocon.AgentNode("data2", "node-2"));
        var port1 = LoopbackPort.Free();
        var node1 = Start("node-1", supervisorConfig, port1, "--roles", "supervisor");
        var node2 = Start("node-2", agentConfig, LoopbackPort.Free(), "--roles", "agent", "--seed", $"127.0.0.1:{port1}");

        await node1.WaitForLineAsync("Group rack: STARTING -> HEALTHY", Wait);
        await node2.WaitForLineAsync("Agent node-2: ready", Wait);
        await node1.WaitForLineAsync($"Cluster: akka.tcp://supervisor@127.0.0.1:{node2.Port} \\[.*\\] is up", Wait);
        Assert.Equal(0, node2.Count("Supervisor: watching"));

        await upsd.SetStatusAsync("OB LB");
        await node1.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 2 step\\(s\\): 2 succeeded", Wait);
        await node2.WaitForLineAsync("Agent node-2: step 2.1-local-host-node-2-poweroff done", Wait);

        Assert.Equal([("1.1-vms-node-2-stop-vms", "stop-vms", true), ("2.1-local-host-node-2-poweroff", "poweroff", true)], Scenario.ActionLog("data2"));
        Assert.Empty(Scenario.ActionLog("data1"));
    }
}
