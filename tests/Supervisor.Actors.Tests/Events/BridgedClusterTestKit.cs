using Akka.Cluster;
using Supervisor.Actors.Events;
using Supervisor.Actors.Serialization;

namespace Supervisor.Actors.Tests.Events;

/// <summary>
/// Two real cluster nodes on loopback (the test kit's system is A, <see cref="B"/> the other), joined, each with its
/// fact bridge, with the project's serializer and a fast pub-sub gossip. Tests add the actors they are about in
/// <see cref="StartActorsAsync"/>.
/// </summary>
public abstract class BridgedClusterTestKit : TestKit, IAsyncLifetime
{
    private static Config NodeConfig() => ConfigurationFactory.ParseString("""
        akka.loglevel = WARNING
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster.seed-nodes = []
        akka.cluster.pub-sub.gossip-interval = 200ms
        """).WithFallback(ConfigurationFactory.ParseString(SupervisorSerializer.Hocon)).WithFallback(DistributedPubSub.DefaultConfig());

    protected BridgedClusterTestKit(ITestOutputHelper output) : base(NodeConfig(), "supervisor", output) => B = ActorSystem.Create("supervisor", NodeConfig());

    /// <summary>The second node.</summary>
    protected ActorSystem B { get; }

    public async Task InitializeAsync()
    {
        var a = Cluster.Get(Sys);
        await a.JoinAsync(a.SelfAddress);
        await Cluster.Get(B).JoinAsync(a.SelfAddress);
        foreach (var system in new[] { Sys, B })
            system.ActorOf(FactBridgeActor.Props(DistributedPubSub.Get(system).Mediator, Cluster.Get(system).SelfAddress.ToString()), FactBridgeActor.Name);
        await StartActorsAsync();
    }

    /// <summary>After both nodes joined and their bridges started.</summary>
    protected virtual Task StartActorsAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await B.Terminate();
}
