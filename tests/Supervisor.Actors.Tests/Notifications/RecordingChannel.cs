using System.Collections.Concurrent;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Tests.Notifications;

/// <summary>
/// A channel that records what it was given and answers with scripted outcomes (the real channels are tested against
/// real receivers in Supervisor.Notifications.Tests; here only the outbox's use of a channel is under test).
/// </summary>
internal sealed class RecordingChannel(string id) : INotificationChannel
{
    private readonly ConcurrentQueue<Func<DeliveryOutcome>> _script = new();

    public string Id => id;
    public ConcurrentQueue<string> Received { get; } = new();

    /// <summary>When set, sends hang until cancelled (a receiver that never answers).</summary>
    public bool Hang { get; set; }

    public RecordingChannel Then(params DeliveryOutcome[] outcomes)
    {
        foreach (var o in outcomes) _script.Enqueue(() => o);
        return this;
    }

    public async Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        Received.Enqueue(notification.Id);
        if (Hang) await Task.Delay(Timeout.Infinite, cancellationToken);
        return _script.TryDequeue(out var next) ? next() : new DeliveryOutcome.Delivered();
    }
}

/// <summary>Offers every group state change on the given channels, latched by group state (as the real planner does).</summary>
internal sealed class GroupStatePlanner(params string[] channels) : INotificationPlanner
{
    public IReadOnlyList<NotificationOffer> Offer(FleetEvent fact, DateTimeOffset now) => fact is GroupStateChanged g
        ? [new NotificationOffer(new Notification(g.Id, g.Kind, g.Severity, g.Subject, $"{g.Group} {g.To}", g.Message, g.At,
            new Dictionary<string, string> { ["group"] = g.Group }), channels, [new NotificationCondition($"group:{g.Group}:state", g.To.ToString())])]
        : [];

    public IReadOnlyList<NotificationOffer> Due(DateTimeOffset now) => [];
}
