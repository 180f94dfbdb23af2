using Microsoft.Data.Sqlite;

namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// Base of the tests that run nodes in this process, built by the production wiring (<see cref="InProcessNode"/>), in
/// one <see cref="Scenario"/> directory: the start helpers keep every node, and disposing the test stops them
/// (<see cref="StopNodesAsync"/>) before the directory is deleted.
/// </summary>
public abstract class InProcessClusterTest(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly List<InProcessNode> _nodes = [];

    protected Scenario Scenario { get; } = new();

    protected ITestOutputHelper Output => output;

    /// <summary>Every node started so far, in start order (the live list: waits that show the nodes' last lines read it on failure).</summary>
    protected IReadOnlyList<InProcessNode> Nodes => _nodes;

    protected async Task<InProcessNode> StartNodeAsync(string name, NodeOptions options) =>
        Keep(await InProcessNode.StartAsync(name, options, output));

    /// <summary>A cluster node with one role and the given seeds, its data in <c>data-NAME</c> under the scenario.</summary>
    protected async Task<InProcessNode> StartClusterNodeAsync(string name, string config, int port, string role, string[] seeds) =>
        Keep(await InProcessNode.StartAsync(Scenario, name, config, port, role, seeds, output));

    private InProcessNode Keep(InProcessNode node)
    {
        lock (_nodes) _nodes.Add(node); // cluster nodes start concurrently
        return node;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        try { await StopNodesAsync(); }
        finally { Scenario.Dispose(); }
    }

    /// <summary>One after another by default, then SQLite's pooled connections closed so the journal files can go with the directory.</summary>
    protected virtual async Task StopNodesAsync()
    {
        foreach (var node in _nodes) await node.StopAsync();
        SqliteConnection.ClearAllPools();
    }
}
