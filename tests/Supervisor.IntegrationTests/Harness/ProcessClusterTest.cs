namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Base of the tests that run a cluster of real <c>supervisor run</c> processes in one <see cref="Scenario"/>
/// directory: <see cref="Start"/> starts a node, and disposing the test kills every node it started.
/// </summary>
public abstract class ProcessClusterTest(ITestOutputHelper output) : IDisposable
{
    private readonly List<NodeProcess> _nodes = [];

    protected Scenario Scenario { get; } = new();

    protected ITestOutputHelper Output => output;

    protected NodeProcess Start(string name, string config, int port, params string[] extra)
    {
        var node = NodeProcess.Start(name, Scenario.Dir, config, port, output, extra);
        _nodes.Add(node);
        return node;
    }

    public void Dispose()
    {
        foreach (var n in _nodes) n.Dispose();
        Scenario.Dispose();
        GC.SuppressFinalize(this);
    }
}
