namespace Supervisor.Domain.Notifications.Outbox;

/// <summary>What the notifier's outbox journals. Replayed in order, these rebuild <see cref="OutboxState"/> exactly.</summary>
public abstract record OutboxEvent(DateTimeOffset At) : IPersistedEvent;

/// <summary>
/// A notification accepted for sending on <paramref name="Channels"/>, journaled <em>before</em> any attempt, so a node
/// killed before it is sent leaves it to the next owner. With no <paramref name="Channels"/> it records its conditions only
/// (a device turning HEALTHY, which tells no one but makes its next CRITICAL news).
/// </summary>
/// <param name="Conditions">The conditions it reports (e.g. <c>device:ups-a:power = ONBATT</c>); a later notification whose
/// conditions all hold these values already is a repeat (a restarted producer re-announcing them) and is not queued.
/// Empty for facts with a stable id (saga steps), which the id alone keeps once.</param>
public sealed record NotificationQueued(Notification Notification, IReadOnlyList<string> Channels, IReadOnlyList<NotificationCondition> Conditions, DateTimeOffset At)
    : OutboxEvent(At);

/// <summary>One channel took the notification.</summary>
public sealed record NotificationDelivered(string NotificationId, string Channel, int Attempt, DateTimeOffset At) : OutboxEvent(At);

/// <summary>One attempt failed in a way that may pass; the next is due at <paramref name="RetryAt"/>.</summary>
public sealed record DeliveryRetryScheduled(string NotificationId, string Channel, int Attempt, string Reason, DateTimeOffset RetryAt, DateTimeOffset At)
    : OutboxEvent(At);

/// <summary>
/// The channel will not get this notification: a permanent failure (<paramref name="Permanent"/>), or it kept failing
/// past <c>give-up-after</c>. Later notifications on the channel go ahead.
/// </summary>
public sealed record DeliveryAbandoned(string NotificationId, string Channel, int Attempt, string Reason, bool Permanent, DateTimeOffset At)
    : OutboxEvent(At);

/// <summary>
/// A condition a notification reports, by key and value: <c>device:ups-a:power</c> = <c>ONBATT</c>,
/// <c>group:rack:state</c> = <c>QUORUMLOST</c>. The outbox remembers the last value queued per key. One notification may
/// set several (ONLINE sets <c>power = ONLINE</c> and <c>low-battery = off</c>).
/// </summary>
public sealed record NotificationCondition(string Key, string Value);
