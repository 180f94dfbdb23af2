using System.Globalization;

namespace Supervisor.Domain.Groups;

/// <summary>
/// One member of a group in maintenance (battery swap, service): left out of the group's quorum — neither healthy nor
/// failed — until <see cref="Until"/>, or until someone ends it. Part of the group's persisted state.
/// </summary>
public sealed record MaintenanceWindow(string DeviceId, DateTimeOffset Since, DateTimeOffset Until, string Reason, string By);

/// <summary>Why a maintenance window closed.</summary>
public enum MaintenanceEndCause
{
    /// <summary>Someone ended it (<c>supervisor maintenance end</c>).</summary>
    Ended,
    /// <summary>Its time ran out: the group ended it on its own.</summary>
    Expired,
}

/// <summary>Someone asks to take a member out of the group's quorum for <paramref name="Duration"/> (from the inspector, via the group actor).</summary>
public sealed record MaintenanceRequested(string DeviceId, TimeSpan Duration, string Reason, string By, DateTimeOffset At) : GroupInput(At);

/// <summary>Someone asks to end a member's maintenance now.</summary>
public sealed record MaintenanceEndRequested(string DeviceId, string By, DateTimeOffset At) : GroupInput(At);

/// <summary>Journaled: a member left the group's quorum for maintenance until <paramref name="Until"/>.</summary>
public sealed record MaintenanceStarted(string GroupId, string DeviceId, DateTimeOffset Until, string Reason, string By, DateTimeOffset At)
    : GroupEvent(GroupId, At);

/// <summary>Journaled: a member's maintenance ended (asked, or expired); it counts in the quorum again with its live health.</summary>
/// <param name="By">Who ended it; the group itself ("expiry") when it ran out.</param>
/// <param name="Reason">The reason the window was opened with, so the end reads on its own.</param>
public sealed record MaintenanceEnded(string GroupId, string DeviceId, MaintenanceEndCause Cause, string Reason, string By, DateTimeOffset At)
    : GroupEvent(GroupId, At);

/// <summary>
/// The pure rules of maintenance mode. The rule they keep: maintenance must never cause a shutdown and never hide one.
/// <list type="bullet">
/// <item>A member in maintenance is counted neither healthy nor failed; <c>min-healthy</c> applies to the others.</item>
/// <item>A start is refused (with the reason) when it could itself start a shutdown: the others would not hold quorum
/// now, or too few others are left for quorum ever to hold. It is also refused while the group is not armed (a saga
/// running, or a finished one not yet re-armed): changing the count then could end or confuse a real shutdown.</item>
/// <item>An end (asked, or at expiry) is never refused: the member counts again with its live health. If it is still
/// failing, quorum may be lost — that is a real state, not a spurious one, so the shutdown starts.</item>
/// <item>When the other members fail during maintenance, quorum is lost among them and the saga starts as always.</item>
/// </list>
/// </summary>
public static class MaintenanceRules
{
    /// <summary>Why <paramref name="r"/> cannot start now, or null when it may.</summary>
    public static string? RefusalOf(GroupMachine m, GroupPolicy policy, MaintenanceRequested r)
    {
        var g = policy.GroupId;
        if (!policy.Members.Contains(r.DeviceId))
            return $"device \"{r.DeviceId}\" is not a member of group {g} (members: {string.Join(", ", policy.Members)})";
        if (r.Duration <= TimeSpan.Zero)
            return $"the maintenance duration must be positive (got {Describe(r.Duration)})";
        if (m.Maintenance.TryGetValue(r.DeviceId, out var open))
            return $"device {r.DeviceId} is already in maintenance in group {g} until {Stamp(open.Until)} (by {open.By}: {open.Reason}); end it first";
        if (m.Phase == EpisodePhase.Running)
            return $"group {g} is shutting down (saga {m.ActiveSagaId}, episode {m.Episode}): changing its quorum now could end or hide a real shutdown";
        if (m.Phase != EpisodePhase.Armed)
            return $"group {g} is {m.State.ToString().ToUpperInvariant()} and not re-armed yet: wait until it holds quorum again";
        var rest = policy.Members.Count - m.Maintenance.Count - 1;
        if (rest < policy.MinHealthy)
            return $"group {g} would keep {rest} member(s) outside maintenance for min-healthy {policy.MinHealthy}: quorum would be impossible and a shutdown would start";
        var after = QuorumCount.Of(policy, m.Members, m.Maintenance.SetItem(r.DeviceId, Window(r)));
        if (!after.Holds)
            return $"group {g} would have {after} without {r.DeviceId}: taking it out now would start a shutdown; bring the other members back first";
        return null;
    }

    /// <summary>Why an end of <paramref name="deviceId"/>'s maintenance cannot be done (it is not in maintenance), or null.</summary>
    public static string? EndRefusalOf(GroupMachine m, GroupPolicy policy, string deviceId) =>
        m.Maintenance.ContainsKey(deviceId) ? null : $"device {deviceId} is not in maintenance in group {policy.GroupId}";

    /// <summary>The journal event of an accepted start.</summary>
    public static MaintenanceStarted Started(GroupPolicy policy, MaintenanceRequested r) =>
        new(policy.GroupId, r.DeviceId, r.At + r.Duration, r.Reason, r.By, r.At);

    /// <summary>Windows whose time is up at <paramref name="now"/>, as the events that close them (device order).</summary>
    public static IEnumerable<MaintenanceEnded> Expired(GroupMachine m, GroupPolicy policy, DateTimeOffset now) =>
        m.Maintenance.Values.Where(w => now >= w.Until).OrderBy(w => w.DeviceId, StringComparer.Ordinal)
            .Select(w => new MaintenanceEnded(policy.GroupId, w.DeviceId, MaintenanceEndCause.Expired, w.Reason, ExpiryActor, now));

    /// <summary>Who ends a window that ran out.</summary>
    public const string ExpiryActor = "expiry";

    /// <summary>Rebuilds the open windows from one journal event.</summary>
    public static GroupMachine Apply(GroupMachine m, GroupEvent e) => e switch
    {
        MaintenanceStarted s => m with { Maintenance = m.Maintenance.SetItem(s.DeviceId, new MaintenanceWindow(s.DeviceId, s.At, s.Until, s.Reason, s.By)) },
        MaintenanceEnded x => m with { Maintenance = m.Maintenance.Remove(x.DeviceId) },
        _ => m,
    };

    private static MaintenanceWindow Window(MaintenanceRequested r) => new(r.DeviceId, r.At, r.At + r.Duration, r.Reason, r.By);

    /// <summary>A time as logs and refusals print it: UTC, to the second.</summary>
    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
}
