using System.Globalization;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Events;

/// <summary>A device's health changed (the device actor's transition, with the rule's reason and the reading behind it).</summary>
public sealed record DeviceHealthChanged(string DeviceId, DeviceHealth From, DeviceHealth To, string Reason, Reading? Reading, DateTimeOffset At)
    : FleetEvent(At)
{
    public override string Id => $"device-{DeviceId}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{To}";
    public override string Kind => "device.health-changed";
    public override EventSeverity Severity => To switch
    {
        DeviceHealth.Critical => EventSeverity.Critical,
        DeviceHealth.Healthy => EventSeverity.Info,
        _ => EventSeverity.Warning,
    };
    public override EventSubject Subject => new(SubjectKind.Device, DeviceId);
    public override string Message => $"Device {DeviceId}: {Upper(From)} -> {Upper(To)} ({Reason})";

    private static string Upper(DeviceHealth h) => h.ToString().ToUpperInvariant();
}

/// <summary>A group's state changed (e.g. HEALTHY → DEGRADED, DEGRADED → QUORUMLOST).</summary>
/// <param name="Quorum">The count behind it, as people read it: "1 of 2 healthy, need 2".</param>
public sealed record GroupStateChanged(string Group, GroupState From, GroupState To, string Quorum, DateTimeOffset At) : FleetEvent(At)
{
    public override string Id => $"group-{Group}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{To}";
    public override string Kind => "group.state-changed";
    public override EventSeverity Severity => To switch
    {
        GroupState.QuorumLost => EventSeverity.Critical,
        GroupState.Degraded or GroupState.Aborted or GroupState.ShutdownComplete => EventSeverity.Warning,
        _ => EventSeverity.Info,
    };
    public override EventSubject Subject => new(SubjectKind.Group, Group);
    public override string? GroupId => Group;
    public override string Message => $"Group {Group}: {Upper(From)} -> {Upper(To)} (quorum: {Quorum})";

    private static string Upper(GroupState s) => s.ToString().ToUpperInvariant();
}

/// <summary>
/// A group journaled an episode change: an episode (and its saga) started, its saga ended, or the group re-armed.
/// Its id is the group's persistence id and sequence number, so a replay after fail-over is the same event.
/// Flat (no nested journal record) so every consumer can read it; built by <see cref="From"/>.
/// </summary>
/// <param name="Change">"episode-started", "saga-ended" or "rearmed".</param>
/// <param name="Outcome">How the saga ended ("completed", "aborted"), for "saga-ended".</param>
public sealed record GroupEpisodeChanged(
    string Group, long SequenceNr, string Change, int? Episode, string? SagaId, string? Outcome, string Reason, DateTimeOffset At)
    : FleetEvent(At)
{
    public override string Id => $"group-{Group}#{SequenceNr.ToString(CultureInfo.InvariantCulture)}";
    public override string Kind => "group." + Change;
    public override EventSeverity Severity => Change switch
    {
        "episode-started" => EventSeverity.Critical,
        "saga-ended" => EventSeverity.Warning,
        _ => EventSeverity.Info,
    };
    public override EventSubject Subject => new(SubjectKind.Group, Group);
    public override string? GroupId => Group;
    public override string Message => Change switch
    {
        "episode-started" => $"Group {Group}: episode {Episode} started, saga {SagaId}: {Reason}",
        "saga-ended" => $"Group {Group}: saga {SagaId} ended {Outcome}: {Reason}",
        _ => $"Group {Group}: re-armed: {Reason}",
    };

    /// <param name="sequenceNr">The event's sequence number in the group's journal.</param>
    public static GroupEpisodeChanged From(GroupEvent e, long sequenceNr) => e switch
    {
        EpisodeStarted x => new(x.GroupId, sequenceNr, "episode-started", x.Episode, x.SagaId, null, x.Reason, x.At),
        EpisodeSagaEnded x => new(x.GroupId, sequenceNr, "saga-ended", null, x.SagaId, x.Outcome.ToString().ToLowerInvariant(), x.Reason, x.At),
        GroupRearmed x => new(x.GroupId, sequenceNr, "rearmed", null, null, null, x.Reason, x.At),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "a group event kind without a fact; add it here"),
    };
}
