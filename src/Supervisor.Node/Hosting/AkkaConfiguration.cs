using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Supervision;
using Supervisor.Drivers;

namespace Supervisor.Node.Hosting;

/// <summary>The one place that wires a node's actors into Akka.Hosting, per role.</summary>
public static class AkkaConfiguration
{
    /// <summary>Name of the singleton manager; the supervisor itself is at <c>/user/supervisor/singleton</c>.</summary>
    public const string SupervisorSingletonName = "supervisor";

    public static AkkaConfigurationBuilder AddSupervisorNode(this AkkaConfigurationBuilder builder, NodeConfiguration node, NodeOptions options)
    {
        return builder
            .AddHocon(node.Akka, HoconAddMode.Append)
            .WithSupervisorTls(node.Settings.Tls)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<ConsoleLogger>();
            })
            .WithActors((system, _) =>
            {
                JoinSelfWhenNoSeeds(system, node);
                var mediator = DistributedPubSub.Get(system).Mediator;
                if (node.HasRole(NodeRoles.Agent) && node.Settings.Agent is { } agent)
                    StartAgent(system, mediator, agent, options.ForceDryRun);
                if (node.HasRole(NodeRoles.Supervisor))
                    StartSupervisor(system, mediator, node);
                StartInspector(system);
            });
    }

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

    /// <summary>Every node answers the CLI; requests about devices, groups and sagas go on to the singleton, wherever it runs.</summary>
    private static void StartInspector(ActorSystem system)
    {
        var proxy = system.ActorOf(ClusterSingletonProxy.Props($"/user/{SupervisorSingletonName}",
            ClusterSingletonProxySettings.Create(system).WithRole(NodeRoles.Supervisor).WithSingletonName("singleton")), "supervisor-proxy");
        system.ActorOf(InspectorActor.Props(proxy), InspectorActor.Name);
    }

    private static void StartSupervisor(ActorSystem system, IActorRef mediator, NodeConfiguration node)
    {
        system.ActorOf(Props.Create<JournalWarmup>(), "journal-warmup"); // standbys meet the journal warm, not mid-fail-over
        var root = SupervisorRootActor.Props(node.Settings, d => DeviceDriverFactory.Create(d, TimeProvider.System), mediator);
        system.ActorOf(ClusterSingletonManager.Props(root, PoisonPill.Instance,
            ClusterSingletonManagerSettings.Create(system).WithRole(NodeRoles.Supervisor).WithSingletonName("singleton")), SupervisorSingletonName);
    }
}
