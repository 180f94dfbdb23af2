using System.Collections.Immutable;

namespace Supervisor.Domain.Notifications.Outbox;

/// <summary>
/// The notifier's outbox, pure: <see cref="DecideEnqueue"/> and <see cref="DecideOutcome"/> turn an offered notification or
/// an attempt's outcome into the event to journal, <see cref="Apply"/> folds it into state, <see cref="Due"/> says what
/// to send now. Rules (tested): a notification id is queued once, however often it is offered (a replayed saga, a
/// bridged copy); a notification whose conditions all hold their reported values already is not sent again, and one that
/// no channel takes still records its changed conditions; each channel sends its queue
/// in order, one at a time; a retryable failure keeps its place and waits its backoff; a permanent one, or one failing
/// past <see cref="OutboxRetryPolicy.GiveUpAfter"/>, is abandoned and the queue moves on.
/// </summary>
public static class OutboxRules
{
    public static EnqueueDecision DecideEnqueue(
        OutboxState state, Notification notification, IReadOnlyList<string> channels, IReadOnlyList<NotificationCondition>? conditions, DateTimeOffset now)
    {
        if (state.RecentIds.Contains(notification.Id) || state.Notifications.ContainsKey(notification.Id))
            return new EnqueueDecision.Skip($"notification {notification.Id} was queued before");
        conditions ??= [];
        if (conditions.Count > 0 && conditions.All(c => state.Conditions.TryGetValue(c.Key, out var last) && last == c.Value))
            return new EnqueueDecision.Skip($"{string.Join(", ", conditions.Select(c => $"{c.Key} is already reported as {c.Value}"))}");
        // Nothing to send, but a changed condition is journaled all the same (no channel queue, nothing kept but the value).
        if (channels.Count == 0 && conditions.Count == 0)
            return new EnqueueDecision.Skip($"no channel takes {notification.Kind} ({notification.Severity})");
        return new EnqueueDecision.Queue(new NotificationQueued(notification, channels, conditions, now));
    }

    /// <summary>The deliveries to start now: each channel's head, when it is due and not already being sent.</summary>
    public static IReadOnlyList<DueDelivery> Due(OutboxState state, DateTimeOffset now, IReadOnlySet<string> sending)
    {
        var due = new List<DueDelivery>();
        foreach (var (channel, queue) in state.Channels.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (queue.IsEmpty || sending.Contains(channel)) continue;
            var head = queue.Peek();
            if (head.DueAt <= now) due.Add(new DueDelivery(channel, state.Notifications[head.NotificationId], head.Attempts + 1));
        }
        return due;
    }

    /// <summary>When the next waiting delivery falls due (for the actor's timer), or null when nothing waits.</summary>
    public static DateTimeOffset? NextDue(OutboxState state) =>
        state.Channels.Values.Where(q => !q.IsEmpty).Select(q => (DateTimeOffset?)q.Peek().DueAt).Min();

    /// <summary>The event an attempt's outcome journals; null when the attempt is not the channel's head any more.</summary>
    public static OutboxEvent? DecideOutcome(
        OutboxState state, string channel, string notificationId, DeliveryOutcome outcome, OutboxRetryPolicy policy, DateTimeOffset now)
    {
        if (state.Head(channel) is not { } head || head.NotificationId != notificationId) return null;
        var attempt = head.Attempts + 1;
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                return new NotificationDelivered(notificationId, channel, attempt, now);
            case DeliveryOutcome.Permanent p:
                return new DeliveryAbandoned(notificationId, channel, attempt, p.Reason, Permanent: true, now);
            case DeliveryOutcome.RetryLater r:
                var retryAt = now + policy.Backoff(attempt, r.After);
                if (retryAt - head.QueuedAt > policy.GiveUpAfter)
                    return new DeliveryAbandoned(notificationId, channel, attempt,
                        $"{r.Reason}; still failing after {attempt} attempts, giving up (notifications.retry.give-up-after)", Permanent: false, now);
                return new DeliveryRetryScheduled(notificationId, channel, attempt, r.Reason, retryAt, now);
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome.GetType().Name, "an outcome kind the outbox does not know");
        }
    }

    public static OutboxState Apply(OutboxState s, OutboxEvent e) => e switch
    {
        NotificationQueued q => Queued(s, q),
        NotificationDelivered d => Dequeue(s, d.Channel, d.NotificationId),
        DeliveryAbandoned a => Dequeue(s, a.Channel, a.NotificationId),
        DeliveryRetryScheduled r => Reschedule(s, r),
        _ => s,
    };

    public static OutboxState Replay(IEnumerable<OutboxEvent> events) => events.Aggregate(OutboxState.Empty, Apply);

    private static OutboxState Queued(OutboxState s, NotificationQueued q)
    {
        var id = q.Notification.Id;
        var channels = s.Channels;
        foreach (var channel in q.Channels)
        {
            var queue = channels.TryGetValue(channel, out var existing) ? existing : ImmutableQueue<QueuedDelivery>.Empty;
            channels = channels.SetItem(channel, queue.Enqueue(new QueuedDelivery(id, 0, q.At, q.At, null)));
        }
        var (recent, order) = Remember(s.RecentIds, s.RecentOrder, id);
        return s with
        {
            Notifications = q.Channels.Count > 0 ? s.Notifications.SetItem(id, q.Notification) : s.Notifications,
            Channels = channels,
            Conditions = s.Conditions.SetItems((q.Conditions ?? []).Select(c => KeyValuePair.Create(c.Key, c.Value))),
            RecentIds = recent,
            RecentOrder = order,
        };
    }

    private static OutboxState Dequeue(OutboxState s, string channel, string id)
    {
        if (s.Head(channel) is not { } head || head.NotificationId != id) return s;
        var channels = s.Channels.SetItem(channel, s.Channels[channel].Dequeue());
        if (channels[channel].IsEmpty) channels = channels.Remove(channel);
        // The notification itself is kept while any channel still has it queued.
        var stillQueued = channels.Values.Any(q => q.Any(d => d.NotificationId == id));
        return s with { Channels = channels, Notifications = stillQueued ? s.Notifications : s.Notifications.Remove(id) };
    }

    private static OutboxState Reschedule(OutboxState s, DeliveryRetryScheduled r)
    {
        if (s.Head(r.Channel) is not { } head || head.NotificationId != r.NotificationId) return s;
        var rest = s.Channels[r.Channel].Dequeue();
        var updated = head with { Attempts = r.Attempt, DueAt = r.RetryAt, LastReason = r.Reason };
        // Put the head back in front: rebuild the queue with the updated head first.
        var queue = ImmutableQueue.Create(rest.Prepend(updated).ToArray());
        return s with { Channels = s.Channels.SetItem(r.Channel, queue) };
    }

    private static (ImmutableHashSet<string>, ImmutableQueue<string>) Remember(ImmutableHashSet<string> ids, ImmutableQueue<string> order, string id)
    {
        ids = ids.Add(id);
        order = order.Enqueue(id);
        while (ids.Count > OutboxState.RememberedIds)
        {
            order = order.Dequeue(out var oldest);
            ids = ids.Remove(oldest);
        }
        return (ids, order);
    }
}
