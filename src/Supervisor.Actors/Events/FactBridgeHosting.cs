using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;

namespace Supervisor.Actors.Events;

/// <summary>Starts the fact bridge on a node, whatever its roles: every node's local event stream then holds the cluster's events.</summary>
public static class FactBridgeHosting
{
    /// <summary>
    /// Starts <see cref="FactBridgeActor"/> at <c>/user/fact-bridge</c> and registers it under <see cref="FactBridgeActor"/>.
    /// Call it before any actor that publishes facts, so none of their events is left on this node only.
    /// </summary>
    public static AkkaConfigurationBuilder WithFactBridge(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) =>
        {
            var mediator = DistributedPubSub.Get(system).Mediator;
            registry.Register<FactBridgeActor>(system.ActorOf(FactBridgeActor.Props(mediator, Cluster.Get(system).SelfAddress.ToString()), FactBridgeActor.Name));
        });
}
