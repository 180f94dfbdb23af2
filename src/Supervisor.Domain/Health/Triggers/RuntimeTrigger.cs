using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL when the reported runtime is at or below a duration on battery (<c>runtime</c>).</summary>
public static class RuntimeTrigger
{
    public static readonly DurationOrOffKey<TriggerSettings> Limit =
        new("runtime", t => t.Runtime, (t, v) => t with { Runtime = v }, KeyChecks.Positive("600s (or off)"));

    public static TriggerDefinition Definition { get; } = new(TriggerKind.Runtime, [Limit]);
}
