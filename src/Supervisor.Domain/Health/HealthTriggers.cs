using System.Collections.Immutable;
using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health.Triggers;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>A trigger whose condition holds on the reading being evaluated.</summary>
internal sealed record FiringTrigger(TriggerKind Kind, string Reason);

/// <summary>
/// When each trigger of <see cref="TriggerDefinitions.All"/> is evaluated, and in which order (the order of the reasons
/// and of the latched triggers): each definition's <see cref="TriggerEvaluation"/> says it, so a new trigger is evaluated
/// without a line here. Kept apart from <see cref="DeviceHealthRules"/> so the state machine there stays readable.
/// </summary>
internal static class HealthTriggers
{
    /// <summary>The registry's conditions by phase, each phase in its triggers' order.</summary>
    private static readonly ILookup<TriggerPhase, TriggerEvaluation> ByPhase = TriggerDefinitions.All
        .Select(d => d.Evaluation).OfType<TriggerEvaluation>()
        .OrderBy(e => e.Phase).ThenBy(e => e.Order)
        .ToLookup(e => e.Phase);

    /// <summary>FSD and LB: the device's own verdict, honoured on line too.</summary>
    public static IReadOnlyList<FiringTrigger> Anytime(Reading r, TriggerSettings t) =>
        Firing(TriggerPhase.Anytime, TriggerInput.OnLine(r, t));

    /// <summary>Charge, runtime, time-on-battery and depletion: only meaningful while the load runs from battery.</summary>
    public static IReadOnlyList<FiringTrigger> OnBatteryOnly(
        Reading r, TriggerSettings t, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> samples)
    {
        var input = new TriggerInput(r, t, onBatterySince, samples);
        var settled = input.OnBatteryFor >= t.OnBatteryDelay ? Firing(TriggerPhase.OnBatteryAfterDelay, input) : [];
        return [.. settled, .. Firing(TriggerPhase.OnBattery, input)];
    }

    /// <summary>
    /// The conditions that hold but are still held back by <c>on-battery-delay</c>, as one reason (null when none): the
    /// operator sees why a low reading has not made the device CRITICAL yet.
    /// </summary>
    public static string? HeldBack(Reading r, TriggerSettings t, DateTimeOffset onBatterySince)
    {
        var input = new TriggerInput(r, t, onBatterySince, []);
        if (input.OnBatteryFor >= t.OnBatteryDelay) return null;
        var held = Firing(TriggerPhase.OnBatteryAfterDelay, input).Select(f => f.Reason).ToList();
        return held.Count == 0 ? null
            : $"{string.Join(", ", held)}, held back during the first {HealthText.Seconds(t.OnBatteryDelay)} on battery (on-battery-delay)";
    }

    private static IReadOnlyList<FiringTrigger> Firing(TriggerPhase phase, TriggerInput input) =>
        [.. ByPhase[phase].Select(e => e.Condition(input)).OfType<FiringTrigger>()];

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
