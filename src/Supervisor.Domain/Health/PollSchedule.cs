using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health;

/// <summary>
/// When to poll a device next: the one place that decides it. Drivers do not back off on their own (they try
/// whenever they are asked), so nothing else can delay a poll.
/// <para>
/// A device that keeps failing is polled less and less often (it may be rebooting, and hammering a struggling
/// upsd helps no one), but backing off must never make a device stale that a poll would have kept fresh: while
/// the device is fresh, no poll is put off past the <b>last chance</b>, the latest start from which an answer
/// (which takes less than the poll <c>timeout</c>) still lands before <c>stale-after</c> runs out. No poll starts
/// in the <c>timeout</c> just before the last chance either: a poll there could hang past it and take its place.
/// Once the device is stale, the backoff applies unchecked.
/// </para>
/// <para>
/// What this guarantees (proved by PollSchedulePropertyTests): with <c>stale-after ≥ poll-interval + 2 × timeout</c>,
/// an outage no longer than <c>stale-after − poll-interval − timeout</c>, followed by at least <c>stale-after</c> of
/// service, never makes the device stale, whatever the backoff proposes and however long each failed poll takes
/// (up to the timeout).
/// </para>
/// </summary>
public static class PollSchedule
{
    /// <summary>The backoff never waits longer than this between failing polls (or the poll interval, if longer).</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(15);

    /// <summary>The delay before the next poll of <paramref name="device"/>, decided when a poll has just ended.</summary>
    /// <param name="failuresInARow">Failed polls since the last answer (0 after any answer).</param>
    /// <param name="lastReadingAt">The reading staleness counts from (<see cref="DeviceHealthState.LastReadingAt"/>); null before the first.</param>
    /// <param name="now">When the last poll ended.</param>
    public static TimeSpan NextDelay(DeviceSettings device, int failuresInARow, DateTimeOffset? lastReadingAt, DateTimeOffset now) =>
        failuresInARow <= 0
            ? device.PollInterval
            : Capped(device, Backoff(device.PollInterval, failuresInARow), lastReadingAt, now);

    /// <summary>
    /// The backoff's proposal after <paramref name="failuresInARow"/> failures: poll-interval × 2^(failures − 1),
    /// capped at <see cref="MaxBackoff"/> (or the poll interval, if that is longer).
    /// </summary>
    public static TimeSpan Backoff(TimeSpan pollInterval, int failuresInARow)
    {
        if (failuresInARow <= 0) return pollInterval;
        var factor = Math.Pow(2, Math.Min(failuresInARow - 1, 10));
        var backedOff = TimeSpan.FromTicks((long)(pollInterval.Ticks * factor));
        var cap = pollInterval > MaxBackoff ? pollInterval : MaxBackoff;
        return backedOff < cap ? backedOff : cap;
    }

    /// <summary>
    /// A backoff's <paramref name="proposed"/> delay after a failed poll, held back so that it never costs the device
    /// its freshness. Any proposal goes through here, so the guarantee does not depend on the backoff curve.
    /// </summary>
    public static TimeSpan Capped(DeviceSettings device, TimeSpan proposed, DateTimeOffset? lastReadingAt, DateTimeOffset now)
    {
        if (lastReadingAt is not { } last) return proposed; // never read: nothing to keep fresh
        var staleAt = last + device.StaleAfter;
        if (now >= staleAt) return proposed; // already stale: backing off costs nothing more
        var lastChance = staleAt - device.Timeout;
        if (now > lastChance)
        {
            // Past the last chance a slow answer would land too late, but a quick one still counts: keep polling at
            // the normal pace until the device is stale.
            return proposed < device.PollInterval ? proposed : device.PollInterval;
        }
        // A poll that starts by lastChance − timeout ends (even by timing out) by the last chance. Any later start
        // is moved to the last chance itself: earlier it could still be running then, later it would be too late.
        if (now + proposed <= lastChance - device.Timeout) return proposed;
        return lastChance - now;
    }
}
