using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>What a status probe means for the device, compared with the status known before it.</summary>
public enum StatusChange
{
    /// <summary>The same status words: nothing to do (it is not a reading, so it refreshes nothing either).</summary>
    Unchanged,
    /// <summary>
    /// Changed to a status without a power state or a shutdown flag (NUT <c>WAIT</c> while a driver restarts): no
    /// evidence either way, so it neither feeds health nor calls a full poll early; the regular poll judges it.
    /// </summary>
    NoPowerState,
    /// <summary>Changed to something health can judge: judge it now, and poll in full at once.</summary>
    Act,
}

/// <summary>Where the device actor stands when a status-watch tick comes.</summary>
/// <param name="DriverBusy">A poll or a watch is in flight: the driver is never called twice at once.</param>
/// <param name="Suspended">A watch failed since the last full answer.</param>
/// <param name="FailuresInARow">Failed full polls in a row.</param>
/// <param name="KnownStatus">The status of the last full poll or probe; null before the first answer.</param>
/// <param name="NextPollAt">When the next full poll is due.</param>
public readonly record struct WatchContext(bool DriverBusy, bool Suspended, int FailuresInARow, string? KnownStatus, DateTimeOffset NextPollAt);

/// <summary>
/// Watching a device's status cheaply between full polls (issue 9 part E): NUT upsd serves <c>ups.status</c> alone,
/// so a change is seen within <c>status-interval</c> instead of within <c>poll-interval</c>. Pure decisions only;
/// the device actor does the I/O.
/// <para>
/// The watch can only make a shutdown come sooner when the device really says so. It never makes one come sooner
/// on a transient: a failed watch is not a failed poll (it changes no health, no failure count, no schedule: it
/// only stops the watch until the next full answer), and while full polls fail the watch stays off, so
/// <see cref="PollSchedule"/> alone decides when the server is tried and when the device goes stale.
/// </para>
/// </summary>
public static class StatusWatch
{
    /// <summary>The shortest <c>status-interval</c> accepted: below it the requests, not the UPS, would set the pace.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether a watch tick reads the status now.</summary>
    public static bool ShouldRead(DeviceSettings device, WatchContext at, DateTimeOffset now) =>
        device.StatusInterval is { } interval
        && !at.DriverBusy
        && !at.Suspended
        // While polls fail the schedule backs off on purpose; a watch to the same server would undo that.
        && at.FailuresInARow == 0
        // Nothing to compare with before the first answer, and that first poll is due anyway.
        && at.KnownStatus is not null
        // The full poll comes sooner than the next tick: it reads the status itself.
        && at.NextPollAt - now >= interval;

    /// <summary>What <paramref name="probe"/> means after <paramref name="knownStatus"/>.</summary>
    public static StatusChange Judge(string? knownStatus, StatusProbe probe)
    {
        if (knownStatus is not null && SameStatus(knownStatus, probe.RawStatus)) return StatusChange.Unchanged;
        var judgeable = probe.OnLine || probe.OnBattery || probe.ForcedShutdown || probe.LowBattery;
        return judgeable ? StatusChange.Act : StatusChange.NoPowerState;
    }

    /// <summary>
    /// The reading health judges at once: the last full reading with the probe's flags, time and status text, marked
    /// <see cref="Reading.StatusOnly"/>. The carried measurements are at most one poll interval old and only stand in
    /// until the full poll the change triggers answers; keeping them (rather than dropping them) keeps the LB guard
    /// honest (LB on line is believed only with a low or unknown charge).
    /// </summary>
    public static Reading ToReading(Reading lastFull, StatusProbe probe) => lastFull with
    {
        Time = probe.Time,
        OnLine = probe.OnLine,
        OnBattery = probe.OnBattery,
        LowBattery = probe.LowBattery,
        ForcedShutdown = probe.ForcedShutdown,
        RawStatus = probe.RawStatus,
        StatusOnly = true,
    };

    /// <summary>The same status words in any order ("OB LB" = "LB OB"); NUT and apcupsd words are case-sensitive.</summary>
    public static bool SameStatus(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal)) return true;
        var x = Words(a);
        var y = Words(b);
        return x.Length == y.Length && x.Order(StringComparer.Ordinal).SequenceEqual(y.Order(StringComparer.Ordinal), StringComparer.Ordinal);
    }

    private static string[] Words(string status) => status.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
}
