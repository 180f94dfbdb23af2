using Akka.Actor;
using System.Globalization;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Events;
using Supervisor.History.Hosting;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Placement;
using Supervisor.Actors.Supervision;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Placement;
using Supervisor.Drivers;

namespace Supervisor.Node.Hosting;

/// <summary>The one place that wires a node's actors into Akka.Hosting, per role.</summary>
public static class AkkaConfiguration
{
    /// <summary>Name of the singleton manager; the supervisor itself is at <c>/user/supervisor/singleton</c>.</summary>
    public const string SupervisorSingletonName = "supervisor";

    public static AkkaConfigurationBuilder AddSupervisorNode(this AkkaConfigurationBuilder builder, NodeConfiguration node, NodeOptions options, NodeStartup? startup = null,
        Action<ActorSystem>? onSystemStarting = null)
    {
        ConsoleLogger.Redactor = Domain.Text.SecretRedactor.For(node.Settings);
        return builder
            .AddHocon(node.Akka, HoconAddMode.Append)
            .WithSupervisorTls(node.Settings.Tls)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<ConsoleLogger>();
            })
            // The history writer first: it subscribes before any device, group or saga publishes a fact.
            .WithHistoryOn(node)
            .WithActors((system, registry) =>
            {
                onSystemStarting?.Invoke(system);
                if (startup is not null) StartupReport.Tell(system, startup);
                JoinSelfWhenNoSeeds(system, node);
                var mediator = DistributedPubSub.Get(system).Mediator;
                system.ActorOf(FactBridgeActor.Props(mediator, Cluster.Get(system).SelfAddress.ToString()), FactBridgeActor.Name);
                ConfigWarningFacts.Publish(system, node);
                if (node.HasRole(NodeRoles.Agent) && node.Settings.Agent is { } agent)
                    StartAgent(system, mediator, agent, options.ForceDryRun);
                IActorRef? fleet = null; // other nodes' inspectors ask a supervisor node's
                if (node.HasRole(NodeRoles.Supervisor))
                {
                    fleet = node.Settings.Placement.Mode == PlacementMode.Sharded
                        ? StartShardedFleet(system, mediator, node)
                        : StartSingletonFleet(system, mediator, node);
                    system.ActorOf(FleetConsistencyActor.Props(mediator, Cluster.Get(system).SelfAddress.ToString(), FleetFingerprint.Of(node.Settings)),
                        "fleet-consistency");
                }
                var history = registry.TryGet<Supervisor.History.Query.HistoryReaderActor>(out var reader) ? reader : null;
                system.ActorOf(InspectorActor.Props(fleet, history), InspectorActor.Name);
            });
    }

    /// <summary>
    /// The history writer runs where devices run (role supervisor): it stores the samples this node's actors publish, and
    /// every event of the cluster (the fact bridge brings other nodes' events to the local stream).
    /// </summary>
    private static AkkaConfigurationBuilder WithHistoryOn(this AkkaConfigurationBuilder builder, NodeConfiguration node) =>
        node.HasRole(NodeRoles.Supervisor) ? builder.WithHistory(node.Settings.Stats, node.Settings.DataDir, node.Settings.Journal) : builder;

    /// <summary>With no seeds the node is a cluster of its own (single-node default).</summary>
    private static void JoinSelfWhenNoSeeds(ActorSystem system, NodeConfiguration node)
    {
        if (node.Seeds.Count > 0) return;
        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }

    private static void StartAgent(ActorSystem system, IActorRef mediator, Domain.Configuration.AgentSettings agent, bool forceDryRun)
    {
        var actor = system.ActorOf(PersistentChild.Props(HostAgentActor.Props(agent, forceDryRun, agent.ActionLog), "host"), "agent");
        mediator.Tell(new Subscribe(AgentTopics.For(agent.Host), actor));
    }

    /// <summary>
    /// Singleton placement: every supervisor node runs the singleton manager (the oldest runs the fleet) and a proxy,
    /// through which its inspector reaches the fleet wherever it runs.
    /// </summary>
    private static IActorRef StartSingletonFleet(ActorSystem system, IActorRef mediator, NodeConfiguration node)
    {
        system.ActorOf(Props.Create<JournalWarmup>(), "journal-warmup"); // standbys meet the journal warm, not mid-fail-over
        var root = SupervisorRootActor.Props(node.Settings, Drivers, mediator);
        system.ActorOf(ClusterSingletonManager.Props(root, PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(NodeRoles.Supervisor).WithSingletonName("singleton")), SupervisorSingletonName);
        return system.ActorOf(ClusterSingletonProxy.Props($"/user/{SupervisorSingletonName}",
            ClusterSingletonProxySettings.Create(system).WithRole(NodeRoles.Supervisor).WithSingletonName("singleton")), "supervisor-proxy");
    }

    /// <summary>
    /// Sharded placement: the fleet is split into partitions (<see cref="FleetPartitioner"/>), each a sharding entity that
    /// runs a <see cref="SupervisorRootActor"/> over its part; every supervisor node hosts some and keeps them all alive.
    /// The inspector asks every partition and merges the answers.
    /// </summary>
    private static IActorRef StartShardedFleet(ActorSystem system, IActorRef mediator, NodeConfiguration node)
    {
        var settings = node.Settings;
        var partitions = FleetPartitioner.Split(settings, settings.Placement.Partitions);
        system.ActorOf(Props.Create<JournalWarmup>(), "journal-warmup");
        var region = ClusterSharding.Get(system).Start(ShardingHocon.TypeName,
            id => SupervisorRootActor.Props(partitions[int.Parse(id, CultureInfo.InvariantCulture)], Drivers, mediator, partition: $"{id}/{partitions.Count}"),
            ClusterShardingSettings.Create(system).WithRole(NodeRoles.Supervisor), new PartitionMessageExtractor());
        system.ActorOf(PartitionKeepAlive.Props(region, partitions.Count), "partition-keep-alive");
        return system.ActorOf(ShardedFleetInspection.Props(region, settings, partitions), "fleet-inspection");
    }

    private static IDeviceDriver Drivers(Domain.Configuration.DeviceSettings device) => DeviceDriverFactory.Create(device, TimeProvider.System);
}
