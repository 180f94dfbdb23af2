using System.Collections.Immutable;

namespace Supervisor.Domain.Notifications.Outbox;

/// <summary>One notification waiting at one channel: how often it was tried, when it is due next, and why the last try failed.</summary>
public sealed record QueuedDelivery(string NotificationId, int Attempts, DateTimeOffset DueAt, DateTimeOffset QueuedAt, string? LastReason);

/// <summary>
/// The outbox: per channel a FIFO of deliveries (a channel sends in order, one at a time, so a receiver reads an outage's
/// story in the order it happened), the notifications they refer to, the last value reported per condition, and the ids of
/// recent notifications so a fact re-published after a restart or a fail-over is not sent again.
/// </summary>
public sealed record OutboxState(
    ImmutableDictionary<string, Notification> Notifications,
    ImmutableDictionary<string, ImmutableQueue<QueuedDelivery>> Channels,
    ImmutableDictionary<string, string> Conditions,
    ImmutableHashSet<string> RecentIds,
    ImmutableQueue<string> RecentOrder)
{
    /// <summary>How many notification ids are remembered for de-duplication. A saga replays a few dozen facts; an outage
    /// story is a few hundred notifications at most.</summary>
    public const int RememberedIds = 10_000;

    public static OutboxState Empty { get; } = new(
        ImmutableDictionary<string, Notification>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, ImmutableQueue<QueuedDelivery>>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableHashSet<string>.Empty.WithComparer(StringComparer.Ordinal),
        ImmutableQueue<string>.Empty);

    /// <summary>Deliveries not yet delivered or abandoned, over all channels.</summary>
    public int Depth => Channels.Values.Sum(q => q.Count());

    /// <summary>The delivery at the head of a channel's queue, if any.</summary>
    public QueuedDelivery? Head(string channel) =>
        Channels.TryGetValue(channel, out var q) && !q.IsEmpty ? q.Peek() : null;
}
