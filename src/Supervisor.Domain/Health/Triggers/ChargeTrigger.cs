using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL when the charge is at or below a percentage on battery (<c>charge</c>).</summary>
public static class ChargeTrigger
{
    public static readonly NumberOrOffKey<TriggerSettings> LimitPercent =
        new("charge", t => t.ChargePercent, (t, v) => t with { ChargePercent = v }, KeyChecks.Percent);

    public static TriggerDefinition Definition { get; } = new(TriggerKind.Charge, [LimitPercent]);
}
