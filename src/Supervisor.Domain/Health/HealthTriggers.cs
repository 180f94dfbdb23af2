using System.Collections.Immutable;
using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>A trigger whose condition holds on the reading being evaluated.</summary>
internal sealed record FiringTrigger(TriggerKind Kind, string Reason);

/// <summary>
/// The individual trigger conditions of <see cref="TriggerSettings"/>, each returning its human reason when it
/// holds. Kept apart from <see cref="DeviceHealthRules"/> so the state machine there stays readable.
/// </summary>
internal static class HealthTriggers
{
    /// <summary>Minimum time between the oldest and newest depletion sample: a rate over a few seconds is noise.</summary>
    internal static readonly TimeSpan MinDepletionSpan = TimeSpan.FromSeconds(30);

    /// <summary>FSD and LB: the device's own verdict, honoured on line too.</summary>
    public static IEnumerable<FiringTrigger> Anytime(Reading r, TriggerSettings t)
    {
        if (t.ForcedShutdown && r.ForcedShutdown)
            yield return new(TriggerKind.ForcedShutdown, $"FSD flag from device (status: {r.RawStatus})");

        if (t.LowBattery && r.LowBattery)
        {
            // Some UPSes raise LB while charged and on mains (known false positive): only believe LB on battery,
            // when the charge is unknown, or when the charge agrees that the battery is low.
            if (r.OnBattery)
                yield return new(TriggerKind.LowBattery, "LB flag while on battery");
            else if (r.ChargePercent is null)
                yield return new(TriggerKind.LowBattery, "LB flag with charge unknown");
            else if (r.ChargePercent <= t.LowBatteryGuardPercent)
                yield return new(TriggerKind.LowBattery,
                    $"LB flag with charge {HealthText.Percent(r.ChargePercent.Value)} ≤ {HealthText.Percent(t.LowBatteryGuardPercent)} guard");
        }
    }

    /// <summary>Charge, runtime, time-on-battery and depletion: only meaningful while the load runs from battery.</summary>
    public static IEnumerable<FiringTrigger> OnBatteryOnly(
        Reading r, TriggerSettings t, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> samples)
    {
        var onBatteryFor = r.Time - onBatterySince;
        if (onBatteryFor >= t.OnBatteryDelay)
            foreach (var settled in ChargeAndRuntime(r, t))
                yield return settled;

        if (t.OnBattery is { } onBatteryLimit && onBatteryFor >= onBatteryLimit)
            yield return new(TriggerKind.TimeOnBattery,
                $"on battery for {HealthText.Seconds(onBatteryFor)} ≥ {HealthText.Seconds(onBatteryLimit)}");

        if (t.Depletion is { } depletion && Depletion(r.Time, onBatterySince, samples, depletion) is { } firing)
            yield return firing;
    }

    /// <summary>
    /// The charge and runtime conditions that hold but are still held back by <c>on-battery-delay</c>, as one reason
    /// (null when none): the operator sees why a low reading has not made the device CRITICAL yet.
    /// </summary>
    public static string? HeldBack(Reading r, TriggerSettings t, DateTimeOffset onBatterySince)
    {
        var onBatteryFor = r.Time - onBatterySince;
        if (onBatteryFor >= t.OnBatteryDelay) return null;
        var held = ChargeAndRuntime(r, t).Select(f => f.Reason).ToList();
        return held.Count == 0 ? null
            : $"{string.Join(", ", held)}, held back during the first {HealthText.Seconds(t.OnBatteryDelay)} on battery (on-battery-delay)";
    }

    private static IEnumerable<FiringTrigger> ChargeAndRuntime(Reading r, TriggerSettings t)
    {
        if (t.ChargePercent is { } chargeLimit && r.ChargePercent is { } charge && charge <= chargeLimit)
            yield return new(TriggerKind.Charge,
                $"charge {HealthText.Percent(charge)} ≤ {HealthText.Percent(chargeLimit)} on battery");

        if (t.Runtime is { } runtimeLimit && r.RuntimeSeconds is { } runtime && runtime <= runtimeLimit.TotalSeconds)
            yield return new(TriggerKind.Runtime,
                $"runtime {HealthText.Number(runtime)}s ≤ {HealthText.Seconds(runtimeLimit)} on battery");
    }

    /// <summary>
    /// Rate = (oldest − newest charge) per minute over the samples in the window. Samples from the grace
    /// period are left out entirely (charge readings jump right after a transfer, and counting that jump once
    /// grace ends would fire the trigger spuriously); the rate needs post-grace samples spanning ≥ 30 s.
    /// </summary>
    private static FiringTrigger? Depletion(
        DateTimeOffset now, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> allSamples, DepletionSettings d)
    {
        var graceEnds = onBatterySince + d.Grace;
        var samples = allSamples.Where(x => x.Time >= graceEnds).ToList();
        if (now < graceEnds || samples.Count < 2)
            return null;
        var oldest = samples[0];
        var newest = samples[^1];
        var span = newest.Time - oldest.Time;
        if (span < MinDepletionSpan)
            return null;
        var ratePerMinute = (oldest.ChargePercent - newest.ChargePercent) / span.TotalMinutes;
        return ratePerMinute >= d.PercentPerMinute
            ? new(TriggerKind.DepletionRate,
                $"depletion {HealthText.Number(ratePerMinute)}%/min ≥ {HealthText.Number(d.PercentPerMinute)}%/min over {HealthText.Seconds(span)}")
            : null;
    }

    /// <summary>Adds newly firing triggers to the latch and refreshes the reason of those already latched.</summary>
    public static ImmutableList<LatchedTrigger> Latch(
        ImmutableList<LatchedTrigger> latched, IEnumerable<FiringTrigger> firing, DateTimeOffset now)
    {
        foreach (var f in firing)
        {
            var index = latched.FindIndex(l => l.Kind == f.Kind);
            latched = index < 0
                ? latched.Add(new LatchedTrigger(f.Kind, f.Reason, now))
                : latched.SetItem(index, latched[index] with { Reason = f.Reason });
        }
        return latched;
    }
}

/// <summary>Number formatting for reasons: invariant culture, no trailing zeros ("18%", "16.2%/min", "901s").</summary>
internal static class HealthText
{
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
    public static string Percent(double value) => Number(value) + "%";
    public static string Seconds(TimeSpan value) => Number(value.TotalSeconds) + "s";
}
