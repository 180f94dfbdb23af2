using Akka.Actor;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Supervisor.Domain;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Notifications;

/// <summary>Starts the notifier, once per cluster.</summary>
public static class NotifierHosting
{
    /// <summary>
    /// Runs <see cref="NotifierActor"/> as a cluster singleton on the supervisor role (<c>/user/notifier/singleton</c>; the
    /// same lease as the fleet's singleton when one is configured, so two nodes never both send) and registers its proxy
    /// under <see cref="NotifierFront"/> (the inspector passes <c>notify</c> questions to it). Call it on supervisor nodes
    /// only, and only with at least one channel.
    /// </summary>
    public static AkkaConfigurationBuilder WithNotifier(this AkkaConfigurationBuilder builder, IReadOnlyDictionary<string, INotificationChannel> channels,
        INotificationPlanner planner, OutboxRetryPolicy retry, TimeSpan sendTimeout, TimeProvider? clock = null) =>
        builder.WithActors((system, registry) =>
        {
            var notifier = NotifierActor.Props(channels, planner, retry, sendTimeout, clock);
            system.ActorOf(ClusterSingletonManager.Props(notifier, PoisonPill.Instance,
                ClusterSingletonManagerSettings.Create(system).WithRole(ClusterNames.Roles.Supervisor).WithSingletonName(ClusterNames.Notifier.Singleton)),
                ClusterNames.Notifier.SingletonManager);
            registry.Register<NotifierFront>(system.ActorOf(ClusterSingletonProxy.Props($"/user/{ClusterNames.Notifier.SingletonManager}",
                ClusterSingletonProxySettings.Create(system).WithRole(ClusterNames.Roles.Supervisor).WithSingletonName(ClusterNames.Notifier.Singleton)),
                ClusterNames.Notifier.SingletonProxy));
        });
}
