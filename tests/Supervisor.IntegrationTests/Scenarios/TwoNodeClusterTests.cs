namespace Supervisor.IntegrationTests.Scenarios;

/// <summary>
/// The same executable started twice on loopback: node 1 (role supervisor) watches the real upsd and runs the
/// saga; node 2 (role agent, its own config and data dir) joins it and runs the steps for its host.
/// </summary>
public sealed class TwoNodeClusterTests(UpsdServer upsd, ITestOutputHelper output) : IClassFixture<UpsdServer>, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(40);
    private readonly Scenario _scenario = new();
    private readonly List<NodeProcess> _nodes = [];

    public void Dispose()
    {
        foreach (var n in _nodes) n.Dispose();
        _scenario.Dispose();
    }

    [Fact]
    public async Task Saga_on_the_supervisor_node_should_drive_the_agent_on_the_other_node()
    {
        await upsd.RestartAsync();
        var supervisorConfig = _scenario.WriteConfig("node1.conf", Hocon.Supervisor("data1", Hocon.NutDevice(upsd.Port),
            Hocon.Group(string.Join(",\n", Hocon.Phase("vms", Hocon.Step("node-2", "stop-vms")),
                Hocon.Phase("local-host", Hocon.Step("node-2", "poweroff")))),
            agent: ""));
        var agentConfig = _scenario.WriteConfig("node2.conf", $$"""
            supervisor {
              data-dir = "data2"
              {{Hocon.Agent("node-2")}}
            }
            """);
        var port1 = LoopbackPort.Free();
        var node1 = NodeProcess.Start("node-1", _scenario.Dir, supervisorConfig, port1, output, "--roles", "supervisor");
        _nodes.Add(node1);
        var node2 = NodeProcess.Start("node-2", _scenario.Dir, agentConfig, LoopbackPort.Free(), output,
            "--roles", "agent", "--seed", $"127.0.0.1:{port1}");
        _nodes.Add(node2);

        await node1.WaitForLineAsync("Group rack: STARTING -> HEALTHY", Wait);
        await node2.WaitForLineAsync("Agent node-2: ready", Wait);
        await node1.WaitForLineAsync($"Leader is moving node \\[akka.tcp://supervisor@127.0.0.1:{node2.Port}\\] to \\[Up\\]", Wait);
        Assert.Equal(0, node2.Count("Supervisor: watching"));

        await upsd.SetStatusAsync("OB LB");
        await node1.WaitForLineAsync("Saga rack-1-\\d{8}T\\d{6}: COMPLETE: 2 step\\(s\\): 2 succeeded", Wait);
        await node2.WaitForLineAsync("Agent node-2: step 2.1-local-host-node-2-poweroff done", Wait);

        Assert.Equal([("1.1-vms-node-2-stop-vms", "stop-vms", true), ("2.1-local-host-node-2-poweroff", "poweroff", true)], _scenario.ActionLog("data2"));
        Assert.Empty(_scenario.ActionLog("data1"));
    }
}
