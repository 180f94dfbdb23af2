using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Alerts;

/// <summary>What the planner needs: the channel ids, the suppression rules, and the power-blip window.</summary>
public sealed record NotificationPlan(IReadOnlyList<string> Channels, NotificationPolicySettings Policy, TimeSpan Coalesce);

/// <summary>
/// The notifier's planner: a fact that notifies (<see cref="NotificationFactory.NotifiesByDefault"/>) becomes a
/// notification, goes through the blip coalescer (ONBATT held up to <c>coalesce</c> for its ONLINE), and is offered to
/// every channel the suppression policy lets it reach, with the conditions it reports; a fact that does not notify but
/// reports a condition is offered to no channel, for the condition alone. Holds only the coalescer's queue:
/// single-threaded, called by the notifier actor alone. Pure apart from that state; the clock comes in as an argument.
/// </summary>
public sealed class NotificationPlanner(NotificationPlan plan) : INotificationPlanner
{
    private BlipQueue _held = BlipQueue.Empty;

    public IReadOnlyList<NotificationOffer> Offer(FleetEvent fact, DateTimeOffset now)
    {
        if (!NotificationFactory.NotifiesByDefault(fact)) return [.. Due(now), .. ConditionOnly(fact)];
        // A rule that names its channels tells only those (still through the policy, so mute and quiet hours apply).
        if (fact is AlertRaised { Channels.Count: > 0 } alert)
        {
            var offer = ToOffer(NotificationFactory.Build(fact));
            return [.. Due(now), offer with { Channels = offer.Channels.Where(alert.Channels.Contains).ToList() }];
        }
        var step = BlipCoalescer.Offer(_held, NotificationFactory.Build(fact), plan.Coalesce);
        _held = step.Next;
        return [.. Due(now), .. step.Released.Select(ToOffer)];
    }

    public IReadOnlyList<NotificationOffer> Due(DateTimeOffset now)
    {
        var step = BlipCoalescer.Due(_held, now);
        _held = step.Next;
        return step.Released.Select(ToOffer).ToList();
    }

    /// <summary>
    /// A fact that tells no one but reports a condition (a device turning HEALTHY) is still offered, to no channel, so the
    /// outbox journals the condition's new value: the next CRITICAL is then news, and a repeated one after a fail-over is not.
    /// </summary>
    private static IEnumerable<NotificationOffer> ConditionOnly(FleetEvent fact)
    {
        var n = NotificationFactory.Build(fact);
        var conditions = NotificationConditions.For(n);
        return conditions.Count == 0 ? [] : [new NotificationOffer(n, [], conditions)];
    }

    /// <summary>The offer for one notification: the channels that take it (possibly none), and its conditions.</summary>
    public NotificationOffer ToOffer(Notification n) => new(n,
        plan.Channels.Where(c => NotificationPolicy.Decide(plan.Policy, n, c).Send).ToList(),
        NotificationConditions.For(n));
}
