using Akka.Hosting;
using Supervisor.Domain;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Notifications;

/// <summary>Starts the notifier, once per cluster.</summary>
public static class NotifierHosting
{
    /// <summary>
    /// Runs <see cref="NotifierActor"/> as a cluster singleton on the supervisor role (<c>/user/notifier/singleton</c>; under
    /// the configured singleton lease, as the fleet's, so two nodes never both send) and registers its proxy
    /// under <see cref="NotifierFront"/> (the inspector passes <c>notify</c> questions to it). Call it on supervisor nodes
    /// only, and only with at least one channel.
    /// </summary>
    public static AkkaConfigurationBuilder WithNotifier(this AkkaConfigurationBuilder builder, IReadOnlyDictionary<string, INotificationChannel> channels,
        INotificationPlanner planner, OutboxRetryPolicy retry, TimeSpan sendTimeout, TimeProvider? clock = null) =>
        builder.WithActors((system, registry) =>
        {
            var notifier = NotifierActor.Props(channels, planner, retry, sendTimeout, clock);
            registry.Register<NotifierFront>(Hosting.SupervisorSingleton.Start(system, notifier,
                ClusterNames.Notifier.SingletonManager, ClusterNames.Notifier.Singleton, ClusterNames.Notifier.SingletonProxy));
        });
}
