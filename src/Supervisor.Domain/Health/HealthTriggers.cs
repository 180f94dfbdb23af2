using System.Collections.Immutable;
using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health.Triggers;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>A trigger whose condition holds on the reading being evaluated.</summary>
internal sealed record FiringTrigger(TriggerKind Kind, string Reason);

/// <summary>
/// When each trigger of <see cref="TriggerSettings"/> is evaluated, and in which order (the order of the reasons and of
/// the latched triggers). Each condition and its reason live in its rule file in <c>Health/Triggers/</c>; kept apart from
/// <see cref="DeviceHealthRules"/> so the state machine there stays readable.
/// </summary>
internal static class HealthTriggers
{
    /// <summary>FSD and LB: the device's own verdict, honoured on line too.</summary>
    public static IEnumerable<FiringTrigger> Anytime(Reading r, TriggerSettings t) =>
        Firing(ForcedShutdownTrigger.Evaluate(r, t), LowBatteryTrigger.Evaluate(r, t));

    /// <summary>Charge, runtime, time-on-battery and depletion: only meaningful while the load runs from battery.</summary>
    public static IEnumerable<FiringTrigger> OnBatteryOnly(
        Reading r, TriggerSettings t, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> samples)
    {
        var onBatteryFor = r.Time - onBatterySince;
        var settled = onBatteryFor >= t.OnBatteryDelay ? ChargeAndRuntime(r, t) : [];
        return settled.Concat(Firing(
            TimeOnBatteryTrigger.Evaluate(onBatteryFor, t),
            DepletionTrigger.Evaluate(r.Time, onBatterySince, samples, t)));
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

    /// <summary>The triggers <c>on-battery-delay</c> holds back.</summary>
    private static IEnumerable<FiringTrigger> ChargeAndRuntime(Reading r, TriggerSettings t) =>
        Firing(ChargeTrigger.Evaluate(r, t), RuntimeTrigger.Evaluate(r, t));

    private static IEnumerable<FiringTrigger> Firing(params FiringTrigger?[] conditions) => conditions.OfType<FiringTrigger>();

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
