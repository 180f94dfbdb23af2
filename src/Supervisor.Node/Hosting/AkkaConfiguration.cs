using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Diagnostics;
using Supervisor.Actors.Events;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Placement;
using Supervisor.Domain;
using Supervisor.Actors.Alerts;
using Supervisor.Actors.Live;
using Supervisor.Actors.NutServer;
using Supervisor.History.Hosting;
using Supervisor.Notifications;
using Supervisor.Actors.Metrics;
using Supervisor.Mqtt;

namespace Supervisor.Node.Hosting;

/// <summary>
/// The one place that composes a node: each module's hosting extension, in start order, for the node's roles. Each
/// extension starts its actors and registers them in the ActorRegistry (<c>IRequiredActor&lt;T&gt;</c>).
/// </summary>
public static class AkkaConfiguration
{
    public static AkkaConfigurationBuilder AddSupervisorNode(this AkkaConfigurationBuilder builder, NodeConfiguration node, NodeOptions options, NodeStartup? startup = null,
        Action<ActorSystem>? onSystemStarting = null)
    {
        ConsoleLogger.Redactor = Domain.Text.SecretRedactor.For(node.Settings);
        ConsoleLogger.AkkaLevel = node.Settings.Log.AkkaLevel;
        var settings = node.Settings;
        var supervisor = node.HasRole(ClusterNames.Roles.Supervisor);
        return builder
            .AddHocon(node.Akka, HoconAddMode.Append)
            .WithSupervisorTls(settings.Tls)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddLogger<ConsoleLogger>();
            })
            // The history writer runs where devices run and first: it subscribes before any device, group or saga
            // publishes a fact, and stores every event of the cluster (the fact bridge brings other nodes' events).
            .When(supervisor, b => b.WithHistory(settings.Stats, settings.DataDir, settings.Journal))
            .WithActors((system, _) =>
            {
                onSystemStarting?.Invoke(system);
                if (startup is not null) StartupReport.Tell(system, startup);
                JoinSelfWhenNoSeeds(system, node);
            })
            .WithFactBridge()
            .WithMembershipLog()
            .WithActors((system, _) => ConfigWarningFacts.Publish(system, node))
            .When(node.HasRole(ClusterNames.Roles.Agent) && settings.Agent is not null, b => b.WithHostAgent(settings.Agent!, options.ForceDryRun))
            // Before the fleet: the power-event teller listens before the first poll, and the notifier before the first fact.
            .When(supervisor, b => b.WithNotifications(settings.Notifications))
            .When(supervisor, b => b.WithAlerts(settings.Alerts))
            .When(supervisor, b => b.WithReadingsRelay())
            // Before the fleet, on every node with /metrics: a group publishes its sample only when it changes.
            .WithMetrics(settings)
            // Before the fleet too, for the same reason: each supervisor node publishes its own devices and groups.
            .When(supervisor, b => b.WithMqtt(settings, node.Address))
            .When(supervisor, b => b.WithJournalWarmup().WithSupervisorFleet(settings).WithFleetConsistency(settings))
            .WithInspector()
            .When(settings.Http.Enabled, b => b.WithLiveFeed())
            // After the inspector: the NUT facade reads the cluster's status through it.
            .When(supervisor, b => b.WithNutServer(settings));
    }

    private static AkkaConfigurationBuilder When(this AkkaConfigurationBuilder builder, bool condition, Func<AkkaConfigurationBuilder, AkkaConfigurationBuilder> then) =>
        condition ? then(builder) : builder;

    /// <summary>With no seeds the node is a cluster of its own (single-node default).</summary>
    private static void JoinSelfWhenNoSeeds(ActorSystem system, NodeConfiguration node)
    {
        if (node.Seeds.Count > 0) return;
        var cluster = Cluster.Get(system);
        cluster.Join(cluster.SelfAddress);
    }
}
