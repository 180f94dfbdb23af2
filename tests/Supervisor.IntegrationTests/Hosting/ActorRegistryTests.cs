using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Supervisor.Actors.Events;
using Supervisor.Actors.Placement;
using Supervisor.History.Writer;

namespace Supervisor.IntegrationTests.Hosting;

/// <summary>
/// Every module's hosting extension registers its actor in Akka.Hosting's ActorRegistry, so an ASP.NET endpoint or a
/// hosted service of a node gets it with <c>IRequiredActor&lt;T&gt;</c>. Real nodes, composed as <c>supervisor run</c>
/// composes them, at the paths the CLI, the fail-over tests and earlier versions use.
/// </summary>
public sealed class ActorRegistryTests(ITestOutputHelper output) : InProcessClusterTest(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_node_with_both_roles_should_serve_each_of_its_actors_through_IRequiredActor_at_its_path()
    {
        var node = await StartAsync("both", placement: "", ClusterNames.Roles.Supervisor, ClusterNames.Roles.Agent);

        Assert.Equal("/user/fact-bridge", await PathOf<FactBridgeActor>(node));
        Assert.Equal("/user/agent", await PathOf<HostAgentActor>(node));
        Assert.Equal("/user/supervisor-proxy", await PathOf<SupervisorFleet>(node));
        Assert.Equal("/user/fleet-consistency", await PathOf<FleetConsistencyActor>(node));
        Assert.Equal("/user/inspector", await PathOf<InspectorActor>(node));
        Assert.Equal("/user/stats-writer", await PathOf<StatsWriterActor>(node));
        Assert.Equal("/user/history-reader", await PathOf<HistoryReader>(node));
        // The proxy reaches the fleet, which runs as the singleton under its manager on this (the oldest) node.
        var status = await StatusAsync(node, s => s.Devices.Count == 1);
        Assert.Equal("ups-1", status.Devices.Single().Id);
        Assert.Equal("/user/supervisor/singleton", (await node.System.ActorSelection(ClusterNames.Fleet.SingletonPath).ResolveOne(Wait)).Path.ToStringWithoutAddress());
    }

    [Fact]
    public async Task A_sharded_supervisor_node_should_serve_its_region_and_the_fleet_inspection_and_no_agent()
    {
        var node = await StartAsync("sharded", "placement { mode = sharded, partitions = 2 }", ClusterNames.Roles.Supervisor);

        Assert.Equal($"/system/sharding/{ClusterNames.Fleet.ShardingTypeName}", await PathOf<FleetPartitions>(node));
        Assert.Equal("/user/fleet-inspection", await PathOf<SupervisorFleet>(node));
        Assert.Equal("/user/inspector", await PathOf<InspectorActor>(node));
        var status = await StatusAsync(node, s => s.Groups.All(g => !g.State.StartsWith("NO ANSWER", StringComparison.Ordinal)));
        Assert.Equal(["ups-1", "ups-2"], status.Devices.Select(d => d.Id));
        // Without role agent no agent is started, so nothing is registered for it.
        Assert.False(node.Host.Services.GetRequiredService<ActorRegistry>().TryGet<HostAgentActor>(out _));
    }

    private async Task<InProcessNode> StartAsync(string name, string placement, params string[] roles)
    {
        var devices = string.Join("\n", Enumerable.Range(1, placement == "" ? 1 : 2)
            .Select(i => $"ups-{i} {{ driver = simulated, profile = steady, poll-interval = 500ms }}"));
        var groups = string.Join("\n", Enumerable.Range(1, placement == "" ? 1 : 2)
            .Select(i => $"g{i} {{ members = [ups-{i}], startup-grace = 3s, shutdown.phases = [ {Hocon.Phase("vms", Hocon.Step("it-host", "stop-vms"))} ] }}"));
        var config = Scenario.WriteConfig(name + ".conf", Hocon.Supervisor(Path.Combine(Scenario.Dir, "data-" + name), devices, groups,
            Hocon.Agent("it-host") + $"\n{placement}\nhost-registry = \"{Path.Combine(Scenario.Dir, "registry-" + name)}\""));
        return await StartNodeAsync(name, new NodeOptions(ConfigFile: config, Port: LoopbackPort.Free(), Roles: roles));
    }

    private static async Task<IActorRef> Actor<TKey>(InProcessNode node)
    {
        using var cts = new CancellationTokenSource(Wait);
        return await node.Host.Services.GetRequiredService<IRequiredActor<TKey>>().GetAsync(cts.Token);
    }

    /// <summary>Asks the registered fleet front door (not the inspector) until its answer satisfies <paramref name="done"/>.</summary>
    private static async Task<StatusView> StatusAsync(InProcessNode node, Func<StatusView, bool> done)
    {
        var fleet = await Actor<SupervisorFleet>(node);
        StatusView? status = null;
        await Eventually.UntilAsync(async () => await fleet.Ask<object>(StatusRequest.Instance, TimeSpan.FromSeconds(5)) is StatusView s && done(status = s),
            "a status from the registered fleet", Wait, [node]);
        return status!;
    }

    private static async Task<string> PathOf<TKey>(InProcessNode node) => (await Actor<TKey>(node)).Path.ToStringWithoutAddress();
}
