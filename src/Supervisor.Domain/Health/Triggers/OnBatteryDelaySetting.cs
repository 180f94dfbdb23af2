using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>How long the charge and runtime triggers are held back after the transfer to battery (<c>on-battery-delay</c>).</summary>
public static class OnBatteryDelaySetting
{
    /// <summary><c>off</c> means no delay (0 s).</summary>
    public static readonly DurationOrOffKey<TriggerSettings> Delay =
        new("on-battery-delay", t => t.OnBatteryDelay, (t, v) => t with { OnBatteryDelay = v ?? TimeSpan.Zero }, KeyChecks.NotNegative);

    public static TriggerDefinition Definition { get; } = new(null, [Delay]);
}
