namespace Supervisor.Domain.Notifications;

/// <summary>
/// How long the outbox waits before the next attempt on a channel: exponential from <c>initial</c>, doubled per failed
/// attempt, capped at <c>max</c>, spread by a jitter sample so that many channels failing together do not retry in
/// lock-step. A receiver's <c>Retry-After</c> wins when it asks for longer (it may exceed the cap: the receiver knows).
/// </summary>
public static class RetryBackoff
{
    /// <param name="failedAttempts">Attempts that failed so far, at least 1.</param>
    /// <param name="jitter">A sample in [0, 1] (the caller's random source, so this stays pure): the delay is
    /// between half (0) and all (1) of the exponential value ("equal jitter").</param>
    /// <param name="retryAfter">What the receiver asked for, if anything.</param>
    public static TimeSpan Next(int failedAttempts, TimeSpan initial, TimeSpan max, double jitter, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        if (initial <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(initial), initial, "must be positive");
        if (max < initial) throw new ArgumentOutOfRangeException(nameof(max), max, "must be at least initial");
        var sample = double.IsFinite(jitter) ? Math.Clamp(jitter, 0, 1) : 1;
        // 2^(n-1) overflows for large n; past 62 doublings the cap has long been reached anyway.
        var doublings = Math.Min(failedAttempts - 1, 62);
        var exponential = initial.Ticks * Math.Pow(2, doublings);
        var capped = Math.Min(exponential, max.Ticks);
        var delay = TimeSpan.FromTicks((long)(capped / 2 + capped / 2 * sample));
        return retryAfter is { } asked && asked > delay ? asked : delay;
    }
}
