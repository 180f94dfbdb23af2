using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>
/// Health of one device as a pure state machine (design §4 "Health per device", "Triggers").
/// Three events drive it: a successful reading, a failed poll and a timer tick. Time is always passed in
/// (<see cref="Reading.Time"/> is "now" for a reading), so every rule is testable without a clock.
/// </summary>
public static class DeviceHealthRules
{
    public static DeviceHealthState Initial(DateTimeOffset startedAt) => new(
        Assessment: HealthAssessment.Initial,
        StartedAt: startedAt,
        LastReading: null,
        LastReadingAt: null,
        LastFailure: null,
        OnBatterySince: null,
        StableSince: null,
        Latched: [],
        ChargeSamples: []);

    /// <summary>A successful poll. <paramref name="raw"/>.Time is "now".</summary>
    public static DeviceHealthState OnReading(DeviceHealthState s, Reading raw, DeviceSettings settings)
    {
        var sensed = Sensing.Interpret(raw, settings);
        var r = sensed.Reading;
        if (sensed.Unknown is not null || (!r.OnBattery && !r.OnLine))
            return NoPowerStateReply(s, r, settings, NoPowerState.Describe(r, sensed.Unknown));

        var now = r.Time;
        var fresh = s with
        {
            LastReading = r,
            LastReadingAt = now,
            // A success ends the failure streak: a later stale reason must not quote an error from before it.
            LastFailure = null,
            LastReplyWithoutPowerState = null,
            ConsecutiveFailures = 0,
            ChargeSamples = PruneSamples(s.ChargeSamples, now, settings.Triggers.Depletion),
        };
        // OB wins over OL if a device reports both: the safe reading of a contradictory status.
        return r.OnBattery
            ? OnBatteryReading(fresh, r, settings, sensed.Firing)
            : OnLineReading(fresh, r, settings, sensed.Firing, sensed.Degraded);
    }

    /// <summary>
    /// A failed poll. Before <c>stale-after</c> it changes nothing but <see cref="DeviceHealthState.LastFailure"/>
    /// (comms blips shorter than stale-after must not move the quorum); after it, the device goes stale.
    /// </summary>
    public static DeviceHealthState OnPollFailed(DeviceHealthState s, string reason, DateTimeOffset now, DeviceSettings settings)
    {
        var failed = s with { LastFailure = reason, LastReplyWithoutPowerState = null, ConsecutiveFailures = s.ConsecutiveFailures + 1 };
        if (failed.LastReadingAt is null)
            return failed with
            {
                Assessment = new(DeviceHealth.Unknown, $"{HealthAssessment.Initial.Reason} (last error: {reason})", []),
            };
        var offline = settings.OfflineAfterFailures is { } limit && failed.ConsecutiveFailures >= limit;
        return offline || IsStale(failed, now, settings) ? Stale(failed, now) : failed;
    }

    /// <summary>Staleness timer: the only way a silent device (no reading, no failure) changes health.</summary>
    public static DeviceHealthState OnTick(DeviceHealthState s, DateTimeOffset now, DeviceSettings settings) =>
        s.LastReadingAt is not null && IsStale(s, now, settings) ? Stale(s, now) : s;

    private static bool IsStale(DeviceHealthState s, DateTimeOffset now, DeviceSettings settings) =>
        now - s.LastReadingAt >= settings.StaleAfter;

    private static DeviceHealthState OnBatteryReading(DeviceHealthState s, Reading r, DeviceSettings settings, IReadOnlyList<FiringTrigger> sensed)
    {
        var now = r.Time;
        // A new episode starts here unless we are still inside the previous one (OB again while stabilizing):
        // then it is the same outage and time-on-battery keeps counting from its start.
        var onBatterySince = s.OnBatterySince ?? now;
        // A status-only reading carries the last poll's charge: sampling it at this time would flatten the rate.
        var samples = settings.Triggers.Depletion is not null && r.ChargePercent is { } charge && !r.StatusOnly
            ? s.ChargeSamples.Add(new ChargeSample(now, charge))
            : s.ChargeSamples;

        var firing = HealthTriggers.Anytime(r, settings.Triggers).Concat(sensed)
            .Concat(HealthTriggers.OnBatteryOnly(r, settings.Triggers, onBatterySince, samples));
        var latched = HealthTriggers.Latch(s.Latched, firing, now);

        var held = latched.IsEmpty ? HealthTriggers.HeldBack(r, settings.Triggers, onBatterySince) : null;
        var assessment = latched.IsEmpty
            ? new HealthAssessment(DeviceHealth.Degraded,
                $"on battery for {HealthText.Seconds(now - onBatterySince)} (status: {r.RawStatus})" + (held is null ? "" : $"; {held}"), [])
            : Critical(latched);
        return s with
        {
            Assessment = assessment,
            OnBatterySince = onBatterySince,
            StableSince = null,
            Latched = latched,
            ChargeSamples = samples,
        };
    }

    private static DeviceHealthState OnLineReading(DeviceHealthState s, Reading r, DeviceSettings settings,
        IReadOnlyList<FiringTrigger> sensed, string? degraded)
    {
        var now = r.Time;
        var firing = HealthTriggers.Anytime(r, settings.Triggers).Concat(sensed).ToList();
        if (firing.Count > 0)
        {
            // FSD (or a believable LB) on mains: critical at once, and the on-line run is not "stable".
            var latchedNow = HealthTriggers.Latch(s.Latched, firing, now);
            return s with { Assessment = Critical(latchedNow), StableSince = null, Latched = latchedNow };
        }

        if (degraded is not null)
        {
            // Out of its normal range (e.g. a plug over its warning watts) but not a shutdown reason: not "stable" either.
            var outOfRange = s.Latched.IsEmpty ? new HealthAssessment(DeviceHealth.Degraded, degraded, []) : Critical(s.Latched, degraded);
            return s with { Assessment = outOfRange, StableSince = null };
        }

        var stableSince = s.StableSince ?? now;
        var healthy = s with { StableSince = stableSince };
        if (!s.InEpisode)
            return healthy with { Assessment = Healthy($"on line (status: {r.RawStatus})") };

        var onLineFor = now - stableSince;
        if (onLineFor >= settings.Stabilize)
        {
            // Back on line and stable: the episode is over, latched triggers and samples are released.
            return healthy with
            {
                Assessment = Healthy($"on line and stable for {HealthText.Seconds(onLineFor)} (status: {r.RawStatus})"),
                OnBatterySince = null,
                Latched = [],
                ChargeSamples = [],
            };
        }

        var stabilizing = $"on line for {HealthText.Seconds(onLineFor)}, stabilizing ({HealthText.Seconds(settings.Stabilize)})";
        var assessment = s.Latched.IsEmpty
            ? new HealthAssessment(DeviceHealth.Degraded, stabilizing, [])
            : Critical(s.Latched, stabilizing);
        return healthy with { Assessment = assessment };
    }

    /// <summary>
    /// The device answered, but not where its power comes from (NUT <c>WAIT</c> while a driver initialises, an empty
    /// status, a plug whose relay is off, a meter without voltage). That says nothing new about mains, so it is neither
    /// a reason to trust the device nor one to give up on it: the previous health stands, and says so, until
    /// <c>stale-after</c> from the last reading that did carry a power state (it is not a fresh reading, so staleness
    /// keeps counting from there). Without any earlier reading the device stays UNKNOWN. FSD/LB and latched triggers
    /// still win (CRITICAL): a reply like that must not undo a shutdown reason.
    /// </summary>
    private static DeviceHealthState NoPowerStateReply(DeviceHealthState s, Reading r, DeviceSettings settings, string what)
    {
        var now = r.Time;
        var replied = s with { LastFailure = null, LastReplyWithoutPowerState = what, ConsecutiveFailures = 0 };
        var latched = HealthTriggers.Latch(s.Latched, HealthTriggers.Anytime(r, settings.Triggers), now);
        if (!latched.IsEmpty)
            return replied with { Assessment = Critical(latched, what), StableSince = null, Latched = latched };
        if (s.LastReadingAt is not { } last)
            return replied with { Assessment = new(DeviceHealth.Unknown, what, []) };
        if (IsStale(replied, now, settings))
            return Stale(replied, now);
        var kept = $"{what}; keeping {s.Health.ToString().ToUpperInvariant()} from {HealthText.Seconds(now - last)} ago until stale";
        return replied with { Assessment = s.Assessment with { Reason = kept } };
    }

    /// <summary>
    /// No success for <c>stale-after</c>. A device last seen on battery (or already CRITICAL) is assumed to be
    /// still draining: CRITICAL, as NUT upsmon does. Otherwise we simply do not know: UNKNOWN.
    /// </summary>
    private static DeviceHealthState Stale(DeviceHealthState s, DateTimeOffset now)
    {
        var silence = s.LastReplyWithoutPowerState is null ? "no reading" : "no reading with a power state";
        var silentFor = $"{silence} for {HealthText.Seconds(now - s.LastReadingAt!.Value)}" +
                        (s.ConsecutiveFailures > 1 ? $" ({s.ConsecutiveFailures} failed polls)" : "");
        var lastError = s.LastFailure is not null ? $" (last error: {s.LastFailure})"
            : s.LastReplyWithoutPowerState is not null ? $" (last reply: {s.LastReplyWithoutPowerState})"
            : "";
        var wasOnBattery = s.LastReading?.OnBattery == true;

        if (wasOnBattery || s.Assessment.Health == DeviceHealth.Critical)
        {
            var where = wasOnBattery ? "on battery" : "critical";
            var comms = new FiringTrigger(TriggerKind.CommsLostOnBattery, $"{silentFor} while {where}{lastError}");
            var latched = HealthTriggers.Latch(s.Latched, [comms], now);
            return s with { Assessment = Critical(latched), StableSince = null, Latched = latched };
        }

        // The on-line run is broken: we cannot vouch for what happened during the silence.
        return s with
        {
            Assessment = new(DeviceHealth.Unknown, $"{silentFor}{lastError}", []),
            StableSince = null,
        };
    }

    private static HealthAssessment Healthy(string reason) => new(DeviceHealth.Healthy, reason, []);

    private static HealthAssessment Critical(ImmutableList<LatchedTrigger> latched, string? suffix = null)
    {
        var reasons = latched.Select(l => l.Reason);
        if (suffix is not null)
            reasons = reasons.Append(suffix);
        return new(DeviceHealth.Critical, string.Join("; ", reasons), latched.Select(l => l.Kind).ToArray());
    }

    /// <summary>Drops samples older than the depletion window, keeping memory bounded by window / poll interval.</summary>
    private static ImmutableList<ChargeSample> PruneSamples(
        ImmutableList<ChargeSample> samples, DateTimeOffset now, DepletionSettings? depletion)
    {
        if (depletion is null)
            return samples.IsEmpty ? samples : [];
        var cutoff = now - depletion.Window;
        return samples.RemoveAll(sample => sample.Time < cutoff);
    }
}
