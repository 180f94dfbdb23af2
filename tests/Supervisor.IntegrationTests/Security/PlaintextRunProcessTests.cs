namespace Supervisor.IntegrationTests.Security;

/// <summary>
/// <c>supervisor run</c> as a real process: a plaintext node on a network does not start, and with
/// supervisor.tls.allow-plaintext = on it starts but says so on its start line. The node binds 0.0.0.0 (every
/// interface, so "on a network") but advertises 127.0.0.1, so it forms its cluster without sending anything off this host.
/// </summary>
public sealed class PlaintextRunProcessTests(ITestOutputHelper output) : ProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private NodeProcess Start(string tls)
    {
        var config = Scenario.WriteConfig("node.conf", $$"""
            supervisor {
              data-dir = "data"
              {{tls}}
            }
            akka.remote.dot-netty.tcp { hostname = "0.0.0.0", public-hostname = "127.0.0.1" }
            """);
        return Start("node", config, LoopbackPort.Free(), "--roles", "supervisor");
    }

    [Fact]
    public async Task Run_should_exit_1_before_opening_a_port_when_a_plaintext_node_is_on_a_network()
    {
        var node = Start(tls: "");

        Assert.Equal(1, await node.WaitForExitAsync(Wait));
        Assert.Contains(node.Lines, l => l.StartsWith("  error: supervisor.tls: mutual TLS is off, but this node is on a network (akka.remote.dot-netty.tcp.hostname = \"0.0.0.0\")", StringComparison.Ordinal)
                                        && l.Contains("supervisor.tls.allow-plaintext = on"));
        Assert.Contains(node.Lines, l => l.Contains("not starting until the config is fixed"));
        Assert.DoesNotContain(node.Lines, l => l.StartsWith("supervisor: node ", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(Scenario.Dir, "data")), "a refused node must not create its data dir");
    }

    [Fact]
    public async Task Run_should_start_and_flag_plaintext_on_its_start_line_when_allow_plaintext_is_on()
    {
        var node = Start(tls: "tls.allow-plaintext = on");

        var start = await node.WaitForLineAsync("^supervisor: node akka.tcp://supervisor@127.0.0.1:", Wait);
        Assert.Contains(", PLAINTEXT cluster links on a network (supervisor.tls.allow-plaintext = on: anyone who reaches port ", start);
        Assert.Contains(node.Lines, l => l.StartsWith("  warning: supervisor.tls.allow-plaintext: on, so cluster links are PLAINTEXT on a network", StringComparison.Ordinal));
        await node.WaitForLineAsync("Supervisor: watching", Wait);
        Assert.False(node.HasExited);
    }
}
