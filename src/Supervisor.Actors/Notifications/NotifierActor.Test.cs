using Akka.Actor;
using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Notifications;

public sealed partial class NotifierActor
{
    /// <summary>Test notifications waiting for their channels' first outcome, by notification id.</summary>
    private readonly Dictionary<string, TestWaiter> _tests = new(StringComparer.Ordinal);

    private sealed record TestWaiter(IActorRef ReplyTo, HashSet<string> Waiting, List<ChannelTestOutcome> Outcomes);

    private void OnNotifyTest(NotifyTestRequest request)
    {
        var channels = request.Channel is { } one ? [one] : _channels.Keys.OrderBy(c => c, StringComparer.Ordinal).ToList();
        if (_channels.Count == 0 || request.Channel is not null && !_channels.ContainsKey(request.Channel))
        {
            Sender.Tell(new NotifyTestResult(null, [], _channels.Count == 0
                ? "no channel is configured (supervisor.notifications.channels); see docs/notifications.md"
                : $"no channel \"{request.Channel}\"; configured: {string.Join(", ", _channels.Keys.OrderBy(c => c, StringComparer.Ordinal))}"));
            return;
        }
        var now = _clock.GetUtcNow();
        var node = ((ExtendedActorSystem)Context.System).Provider.DefaultAddress.ToString();
        var notification = new Notification($"test-{Guid.NewGuid():N}", "notify.test", EventSeverity.Info, new EventSubject(SubjectKind.Node, node),
            "Supervisor test notification",
            $"A test from the supervisor at {node}, asked by {request.RequestedBy} at {now:yyyy-MM-dd HH:mm:ss} UTC: if you read this, the channel works.",
            now, new Dictionary<string, string> { ["node"] = node, ["requested-by"] = request.RequestedBy });
        _tests[notification.Id] = new TestWaiter(Sender, new HashSet<string>(channels, StringComparer.Ordinal), []);
        Enqueue(new NotificationOffer(notification, channels, []));
    }

    /// <summary>Answers a waiting test once each of its channels has an outcome (a retry counts: it is reported, not waited for).</summary>
    private void NoteTestOutcome(OutboxEvent e)
    {
        var (id, outcome) = e switch
        {
            NotificationDelivered d => (d.NotificationId, new ChannelTestOutcome(d.Channel, true, $"delivered (attempt {d.Attempt})")),
            DeliveryRetryScheduled r => (r.NotificationId, new ChannelTestOutcome(r.Channel, false, $"{r.Reason}; retrying in the background")),
            DeliveryAbandoned a => (a.NotificationId, new ChannelTestOutcome(a.Channel, false, a.Reason)),
            _ => (null, null),
        };
        if (id is null || outcome is null || !_tests.TryGetValue(id, out var waiter) || !waiter.Waiting.Remove(outcome.Channel)) return;
        waiter.Outcomes.Add(outcome);
        if (waiter.Waiting.Count > 0) return;
        _tests.Remove(id);
        waiter.ReplyTo.Tell(new NotifyTestResult(id, waiter.Outcomes.OrderBy(o => o.Channel, StringComparer.Ordinal).ToList(), null));
    }
}
