namespace Supervisor.Actors.Devices;

/// <summary>
/// Delay before the next poll. A device that keeps failing is polled less often (it may be rebooting, and
/// hammering a struggling upsd helps no one) but never slower than <see cref="MaxDelay"/> or its own poll interval.
/// </summary>
public static class PollBackoff
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(15);

    public static TimeSpan Next(TimeSpan pollInterval, int consecutiveFailures)
    {
        if (consecutiveFailures <= 0) return pollInterval;
        var factor = Math.Pow(2, Math.Min(consecutiveFailures - 1, 10));
        var backedOff = TimeSpan.FromTicks((long)(pollInterval.Ticks * factor));
        var cap = pollInterval > MaxDelay ? pollInterval : MaxDelay;
        return backedOff < cap ? backedOff : cap;
    }
}
