using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Notifications;

/// <summary>What the notifier makes of one fact: the notification, the channels that take it, and the condition it reports.</summary>
public sealed record NotificationOffer(Notification Notification, IReadOnlyList<string> Channels, NotificationLatch? Latch);

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

/// <summary>Ask the notifier for its outbox (<c>supervisor notify status</c>, metrics).</summary>
public sealed record GetOutboxStatus : IWireMessage
{
    public static GetOutboxStatus Instance { get; } = new();
}

/// <summary>The outbox's depth per channel and each channel head's last failure.</summary>
public sealed record OutboxStatus(IReadOnlyList<ChannelQueueStatus> Channels) : IWireMessage;

/// <summary>One channel's queue.</summary>
public sealed record ChannelQueueStatus(string Channel, int Waiting, int HeadAttempts, string? LastFailure);


/// <summary><c>supervisor notify test [--channel X]</c>: send a test notification through the real path (journal, outbox,
/// channel) and answer once every asked channel has delivered it or failed once.</summary>
/// <param name="Channel">One channel id, or null for every configured channel.</param>
public sealed record NotifyTestRequest(string? Channel, string RequestedBy) : IWireMessage;

/// <summary>The outcome per channel of a test notification, or why none was sent.</summary>
public sealed record NotifyTestResult(string? NotificationId, IReadOnlyList<ChannelTestOutcome> Outcomes, string? Error) : IWireMessage;

/// <summary>How one channel took the test notification. A channel that failed keeps retrying it in the background.</summary>
public sealed record ChannelTestOutcome(string Channel, bool Delivered, string Detail);

/// <summary>ActorRegistry key of the notifier's singleton proxy (the inspector passes notify questions to it).</summary>
public sealed class NotifierFront;
