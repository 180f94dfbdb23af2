using Supervisor.Domain.Readings;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL when the charge is at or below a percentage on battery (<c>charge</c>).</summary>
public static class ChargeTrigger
{
    public static readonly NumberOrOffKey<TriggerSettings> LimitPercent =
        new("charge", t => t.ChargePercent, (t, v) => t with { ChargePercent = v }, KeyChecks.Percent);

    public static TriggerDefinition Definition { get; } = new(TriggerKind.Charge, [LimitPercent])
    {
        Evaluation = new(TriggerPhase.OnBatteryAfterDelay, 0, i => Evaluate(i.Reading, i.Settings))
        {
            FiresAt = i => i.Settings.ChargePercent is { } limit ? $"charge ≤ {HealthText.Percent(limit)}" : null,
        },
    };

    /// <summary>On battery only, and held back by <c>on-battery-delay</c> (the caller decides both).</summary>
    internal static FiringTrigger? Evaluate(Reading r, TriggerSettings t) =>
        t.ChargePercent is { } chargeLimit && r.ChargePercent is { } charge && charge <= chargeLimit
            ? new(TriggerKind.Charge, $"charge {HealthText.Percent(charge)} ≤ {HealthText.Percent(chargeLimit)} on battery")
            : null;
}
