using Akka.Hosting;
using Supervisor.Domain;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Alerts;

/// <summary>Starts the alert rules' evaluator, once per cluster, and its feed on every supervisor node.</summary>
public static class AlertsHosting
{
    /// <summary>
    /// With at least one rule: runs <see cref="AlertsActor"/> as a cluster singleton on the supervisor role
    /// (<c>/user/alerts/singleton</c>, under the configured singleton lease like the fleet's and the notifier's), registers
    /// its proxy under <see cref="AlertsFront"/> (the inspector passes <c>alerts</c> questions to it), and starts this
    /// node's <see cref="AlertFeedActor"/> at <c>/user/alert-feed</c>. Call it on supervisor nodes, before the fleet.
    /// </summary>
    public static AkkaConfigurationBuilder WithAlerts(this AkkaConfigurationBuilder builder, AlertSettings settings, TimeProvider? clock = null) =>
        settings.Rules.Count == 0 ? builder : builder.WithActors((system, registry) =>
        {
            var proxy = Hosting.SupervisorSingleton.Start(system, AlertsActor.Props(settings.Rules, settings.Tick, clock),
                ClusterNames.Alerts.SingletonManager, ClusterNames.Alerts.Singleton, ClusterNames.Alerts.SingletonProxy);
            registry.Register<AlertsFront>(proxy);
            system.ActorOf(AlertFeedActor.Props(settings.Rules, proxy), AlertFeedActor.Name);
        });
}
