using Supervisor.Domain.Readings;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>The device's own LB flag (<c>low-battery</c>), believed on mains only when the charge agrees (<c>low-battery-guard</c>).</summary>
public static class LowBatteryTrigger
{
    public static readonly FlagKey<TriggerSettings> Enabled =
        new("low-battery", t => t.LowBattery, (t, v) => t with { LowBattery = v });

    public static readonly NumberKey<TriggerSettings> GuardPercent =
        new("low-battery-guard", t => t.LowBatteryGuardPercent, (t, v) => t with { LowBatteryGuardPercent = v }, (v, p, e) => KeyChecks.Percent(v, p, e));

    public static TriggerDefinition Definition { get; } = new(TriggerKind.LowBattery, [Enabled, GuardPercent])
    {
        Evaluation = new(TriggerPhase.Anytime, 1, i => Evaluate(i.Reading, i.Settings)),
    };

    /// <summary>
    /// Some UPSes raise LB while charged and on mains (known false positive): only believe LB on battery, when the charge
    /// is unknown, or when the charge agrees that the battery is low. Honoured on line too.
    /// </summary>
    internal static FiringTrigger? Evaluate(Reading r, TriggerSettings t)
    {
        if (!t.LowBattery || !r.LowBattery) return null;
        if (r.OnBattery)
            return new(TriggerKind.LowBattery, "LB flag while on battery");
        if (r.ChargePercent is null)
            return new(TriggerKind.LowBattery, "LB flag with charge unknown");
        if (r.ChargePercent <= t.LowBatteryGuardPercent)
            return new(TriggerKind.LowBattery,
                $"LB flag with charge {HealthText.Percent(r.ChargePercent.Value)} ≤ {HealthText.Percent(t.LowBatteryGuardPercent)} guard");
        return null;
    }
}
