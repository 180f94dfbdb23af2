using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>The device's own LB flag (<c>low-battery</c>), believed on mains only when the charge agrees (<c>low-battery-guard</c>).</summary>
public static class LowBatteryTrigger
{
    public static readonly FlagKey<TriggerSettings> Enabled =
        new("low-battery", t => t.LowBattery, (t, v) => t with { LowBattery = v });

    public static readonly NumberKey<TriggerSettings> GuardPercent =
        new("low-battery-guard", t => t.LowBatteryGuardPercent, (t, v) => t with { LowBatteryGuardPercent = v }, (v, p, e) => KeyChecks.Percent(v, p, e));

    public static TriggerDefinition Definition { get; } = new(TriggerKind.LowBattery, [Enabled, GuardPercent]);
}
