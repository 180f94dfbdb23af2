using System.Collections.Immutable;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>When in a device's life a trigger's condition is looked at.</summary>
public enum TriggerPhase
{
    /// <summary>On every reading, on line too: the device's own verdicts (FSD, LB).</summary>
    Anytime,
    /// <summary>On battery, once <c>on-battery-delay</c> has passed (while it has not, the condition is shown as held back).</summary>
    OnBatteryAfterDelay,
    /// <summary>On battery, from the first reading of the episode.</summary>
    OnBattery,
}

/// <summary>What a trigger's condition sees: the reading, the settings and, on battery, the episode so far.</summary>
/// <param name="OnBatterySince">Start of the episode (the reading's own time when on line: the length is then zero).</param>
/// <param name="Samples">The depletion samples of the episode (empty on line).</param>
internal sealed record TriggerInput(
    Reading Reading, TriggerSettings Settings, DateTimeOffset OnBatterySince, ImmutableList<ChargeSample> Samples)
{
    public TimeSpan OnBatteryFor => Reading.Time - OnBatterySince;

    public static TriggerInput OnLine(Reading r, TriggerSettings t) => new(r, t, r.Time, []);
}

/// <summary>
/// How <see cref="HealthTriggers"/> evaluates one trigger: its phase, its place among the phase's triggers (the order of
/// the reasons a person reads and of the latched triggers) and its condition.
/// </summary>
internal sealed record TriggerEvaluation(TriggerPhase Phase, int Order, Func<TriggerInput, FiringTrigger?> Condition)
{
    /// <summary>
    /// Where it fires, for the on-battery progress line ("runtime ≤ 600s"), with how far it is where the reading does
    /// not already show it; null when the trigger is off. Flags (FSD, LB) have none: they fire or they do not.
    /// </summary>
    public Func<TriggerInput, string?>? FiresAt { get; init; }
}
