using Supervisor.Domain.Readings;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL when the reported runtime is at or below a duration on battery (<c>runtime</c>).</summary>
public static class RuntimeTrigger
{
    public static readonly DurationOrOffKey<TriggerSettings> Limit =
        new("runtime", t => t.Runtime, (t, v) => t with { Runtime = v }, KeyChecks.Positive("600s (or off)"));

    public static TriggerDefinition Definition { get; } = new(TriggerKind.Runtime, [Limit])
    {
        Evaluation = new(TriggerPhase.OnBatteryAfterDelay, 1, i => Evaluate(i.Reading, i.Settings))
        {
            FiresAt = i => i.Settings.Runtime is { } limit ? $"runtime ≤ {HealthText.Seconds(limit)}" : null,
        },
    };

    /// <summary>On battery only, and held back by <c>on-battery-delay</c> (the caller decides both).</summary>
    internal static FiringTrigger? Evaluate(Reading r, TriggerSettings t) =>
        t.Runtime is { } runtimeLimit && r.RuntimeSeconds is { } runtime && runtime <= runtimeLimit.TotalSeconds
            ? new(TriggerKind.Runtime, $"runtime {HealthText.Number(runtime)}s ≤ {HealthText.Seconds(runtimeLimit)} on battery")
            : null;
}
