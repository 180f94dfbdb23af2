using Akka.Hosting;
using Supervisor.Actors.Events;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Notifications;

namespace Supervisor.Notifications;

/// <summary>Composes the notification module on a supervisor node: power events from samples, then the notifier with its channels.</summary>
public static class NotificationsHosting
{
    /// <summary>
    /// Starts the power-event teller (always: its events go to the history and the event log too) and, when at least
    /// one channel is configured, the notifier singleton with one <see cref="INotificationChannel"/> per channel, the
    /// planner (blip coalescing, suppression) and the outbox's retry policy. Call it on supervisor nodes, after the fact bridge.
    /// </summary>
    public static AkkaConfigurationBuilder WithNotifications(this AkkaConfigurationBuilder builder, NotificationSettings settings, TimeProvider? clock = null)
    {
        builder = builder.WithPowerEvents(settings.PowerEvents, clock);
        if (settings.Channels.Count == 0) return builder;
        var channels = NotificationChannelSet.Create(settings.Channels, clock);
        // The channels live as long as the node's actor system: their HTTP clients are closed when it terminates.
        builder = builder.WithActors((system, _) => channels.DisposeWhenTerminated(system));
        var planner = new NotificationPlanner(new NotificationPlan([.. channels.Channels.Keys], settings.Policy, settings.Coalesce));
        // The channels bound each attempt themselves; the notifier's own limit only catches one that hangs regardless.
        var sendTimeout = settings.Channels.Max(c => c.Timeout) + TimeSpan.FromSeconds(5);
        return builder.WithNotifier(channels.Channels, planner, settings.Retry, sendTimeout, clock);
    }
}
