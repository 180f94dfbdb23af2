namespace Supervisor.Actors.Notifications;

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

/// <summary>
/// The notifier asks a journaled publisher (the alerts singleton) for its recent facts again, once it has recovered and
/// listens: a publisher that recovered first published them when no notifier listened (a fail-over moving both
/// singletons, a cluster start). The publisher answers the sender with each fact; the outbox keeps each id once.
/// </summary>
public sealed record FactReplayRequested : IWireMessage
{
    public static FactReplayRequested Instance { get; } = new();
}
