using System.Globalization;
using Supervisor.Domain.Groups;

namespace Supervisor.Domain.Events;

/// <summary>
/// A device's maintenance started, was ended, or expired in one group (a device in two groups gives one event per
/// group: each group journals its own window). Its id is the group's persistence id and sequence number, like
/// <see cref="GroupEpisodeChanged"/>, so a replay is the same event. Built by <see cref="From"/>.
/// </summary>
/// <param name="Change">"started", "ended" or "expired".</param>
/// <param name="Until">When the window ends (for "started"); the end time otherwise.</param>
/// <param name="By">Who started or ended it; "expiry" when it ran out.</param>
public sealed record DeviceMaintenanceChanged(
    string Device, string Group, long SequenceNr, string Change, DateTimeOffset Until, string Reason, string By, DateTimeOffset At)
    : FleetEvent(At)
{
    public override string Id => $"group-{Group}#{SequenceNr.ToString(CultureInfo.InvariantCulture)}";
    public override string Kind => "device.maintenance-" + Change;
    /// <summary>A start is a warning: the group runs with less redundancy until it ends.</summary>
    public override EventSeverity Severity => Change == "started" ? EventSeverity.Warning : EventSeverity.Info;
    public override EventSubject Subject => new(SubjectKind.Device, Device);
    public override string? GroupId => Group;
    public override string Message => Change switch
    {
        "started" => $"Device {Device}: MAINTENANCE in group {Group} until {MaintenanceRules.Stamp(Until)} (by {By}: {Reason}); left out of its quorum",
        "expired" => $"Device {Device}: maintenance in group {Group} expired ({Reason}); counted in its quorum again",
        _ => $"Device {Device}: maintenance in group {Group} ended by {By} ({Reason}); counted in its quorum again",
    };

    /// <param name="sequenceNr">The event's sequence number in the group's journal.</param>
    public static DeviceMaintenanceChanged From(GroupEvent e, long sequenceNr) => e switch
    {
        MaintenanceStarted x => new(x.DeviceId, x.GroupId, sequenceNr, "started", x.Until, x.Reason, x.By, x.At),
        MaintenanceEnded x => new(x.DeviceId, x.GroupId, sequenceNr, x.Cause == MaintenanceEndCause.Expired ? "expired" : "ended", x.At, x.Reason, x.By, x.At),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "not a maintenance event"),
    };
}

/// <summary>The fact consumers read for any journaled group event. Pure.</summary>
public static class GroupFacts
{
    public static FleetEvent From(GroupEvent e, long sequenceNr) => e is MaintenanceStarted or MaintenanceEnded
        ? DeviceMaintenanceChanged.From(e, sequenceNr)
        : GroupEpisodeChanged.From(e, sequenceNr);
}
