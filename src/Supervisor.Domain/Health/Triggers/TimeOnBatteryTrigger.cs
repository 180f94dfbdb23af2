using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL after a duration on battery (<c>on-battery</c>).</summary>
public static class TimeOnBatteryTrigger
{
    public static readonly DurationOrOffKey<TriggerSettings> Limit =
        new("on-battery", t => t.OnBattery, (t, v) => t with { OnBattery = v }, KeyChecks.Positive("900s (or off)"));

    public static TriggerDefinition Definition { get; } = new(TriggerKind.TimeOnBattery, [Limit])
    {
        Evaluation = new(TriggerPhase.OnBattery, 0, i => Evaluate(i.OnBatteryFor, i.Settings))
        {
            FiresAt = i => i.Settings.OnBattery is { } limit
                ? $"{HealthText.Seconds(limit)} on battery (in {HealthText.Seconds(limit > i.OnBatteryFor ? limit - i.OnBatteryFor : TimeSpan.Zero)})"
                : null,
        },
    };

    /// <summary>On battery only; <paramref name="onBatteryFor"/> is the length of the episode so far.</summary>
    internal static FiringTrigger? Evaluate(TimeSpan onBatteryFor, TriggerSettings t) =>
        t.OnBattery is { } onBatteryLimit && onBatteryFor >= onBatteryLimit
            ? new(TriggerKind.TimeOnBattery, $"on battery for {HealthText.Seconds(onBatteryFor)} ≥ {HealthText.Seconds(onBatteryLimit)}")
            : null;
}
