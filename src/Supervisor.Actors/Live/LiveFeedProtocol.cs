using System.Threading.Channels;
using Supervisor.Actors.Inspection;

namespace Supervisor.Actors.Live;

/// <summary>
/// One frame of the live feed: <c>device</c> (a <see cref="DeviceView"/>, as <c>status</c> shows a device), <c>group</c>
/// (a <see cref="LiveGroupView"/>) or <c>event</c> (an <see cref="EventView"/>, as <c>events</c> shows one).
/// </summary>
public sealed record LiveFrame(string Event, object Data);

/// <summary>A group's quorum as it changes; the snapshot's <see cref="GroupView"/> has the rest (episode, saga).</summary>
public sealed record LiveGroupView(string Id, string State, int Healthy, int MinHealthy, int Members, double? RuntimeSeconds, DateTimeOffset At);

/// <summary>
/// A viewer arrives: frames from now on go to <paramref name="Writer"/> (bounded: a viewer that falls behind is
/// dropped, its writer completed with <see cref="LiveFeedOverflow"/>, and reconnects). <paramref name="LastEventId"/> is
/// the last frame id it saw, if it is coming back. Answered with <see cref="LiveSubscribed"/>.
/// </summary>
public sealed record LiveSubscribe(string? LastEventId, ChannelWriter<(string Id, LiveFrame Frame)> Writer);

/// <param name="LastId">The id of the newest frame before this viewer's first one: a snapshot taken now is as of it.</param>
/// <param name="Replay">What the returning viewer missed, oldest first; null when it needs a snapshot instead.</param>
public sealed record LiveSubscribed(string LastId, IReadOnlyList<(string Id, LiveFrame Frame)>? Replay);

/// <summary>The viewer left.</summary>
public sealed record LiveUnsubscribe(ChannelWriter<(string Id, LiveFrame Frame)> Writer);

/// <summary>Why a viewer's stream ended: it read slower than the fleet changed.</summary>
public sealed class LiveFeedOverflow(int capacity)
    : Exception($"the viewer fell {capacity} frames behind; reconnect (with Last-Event-ID) to resume");

/// <summary>
/// "Send me your samples": published by a live feed that has viewers, every <see cref="ReadingsRelayActor.WantedEvery"/>, on
/// topic <see cref="Supervisor.Domain.ClusterNames.Topics.LiveReadingsWanted"/>. Without it no node sends its samples across the cluster.
/// </summary>
public sealed record LiveReadingsWanted : IWireMessage
{
    public static LiveReadingsWanted Instance { get; } = new();
}
