using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Domain.Notifications;

/// <summary>What the notifier makes of one fact: the notification, the channels that take it, and the condition it reports.</summary>
public sealed record NotificationOffer(Notification Notification, IReadOnlyList<string> Channels, IReadOnlyList<NotificationCondition> Conditions);

/// <summary>
/// Turns facts into offers. The notifier calls <see cref="Offer"/> for every fact it hears and <see cref="Due"/> every
/// second, so a planner may hold a fact back (a power blip waiting for its ONLINE) and release it later.
/// Pure and single-threaded: only the notifier actor calls it.
/// </summary>
public interface INotificationPlanner
{
    /// <summary>The offers a fact makes now (none, one, or a held one released by this fact).</summary>
    IReadOnlyList<NotificationOffer> Offer(FleetEvent fact, DateTimeOffset now);

    /// <summary>The offers held back until <paramref name="now"/>.</summary>
    IReadOnlyList<NotificationOffer> Due(DateTimeOffset now);
}
