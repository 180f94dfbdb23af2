namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Base of the tests that run real <c>supervisor run</c> processes in one <see cref="Scenario"/> directory:
/// <see cref="Start"/> starts a node, and disposing the test kills every node it started.
/// </summary>
public abstract class ProcessClusterTest(ITestOutputHelper output) : ScenarioTest
{
    private readonly List<NodeProcess> _nodes = [];

    protected ITestOutputHelper Output => output;

    protected NodeProcess Start(string name, string config, int port, params string[] extra) =>
        StartIn(Scenario.Dir, name, config, port, extra);

    /// <summary>A node whose working directory (and so its relative data dir) is <paramref name="workDir"/>.</summary>
    protected NodeProcess StartIn(string workDir, string name, string config, int port, params string[] extra) =>
        Track(NodeProcess.Start(name, workDir, config, port, output, extra));

    /// <summary>A node started some other way, killed with the rest when the test ends.</summary>
    protected NodeProcess Track(NodeProcess node)
    {
        _nodes.Add(node);
        return node;
    }

    /// <summary>
    /// The README demo: the shipped config/supervisor.conf (or <paramref name="config"/>, a variant of it) as a real node,
    /// once it watches its two UPSes. Start-up (dotnet, cluster, singleton) is not part of the demo's timeline; on a busy
    /// machine it can take a while.
    /// </summary>
    protected async Task<NodeProcess> StartReadmeDemoAsync(string? config = null)
    {
        var node = Start("demo", config ?? RepoPaths.DemoConfig, LoopbackPort.Free());
        await node.WaitForLineAsync("Supervisor: watching 2 device\\(s\\) in 1 group\\(s\\)", TimeSpan.FromSeconds(60));
        return node;
    }

    protected override void StopNodes()
    {
        foreach (var n in _nodes) n.Dispose();
    }
}
