using Supervisor.Domain.Readings;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>The device's FSD flag makes it CRITICAL at once (<c>fsd</c>).</summary>
public static class ForcedShutdownTrigger
{
    public static readonly FlagKey<TriggerSettings> Enabled =
        new("fsd", t => t.ForcedShutdown, (t, v) => t with { ForcedShutdown = v });

    public static TriggerDefinition Definition { get; } = new(TriggerKind.ForcedShutdown, [Enabled])
    {
        Evaluation = new(TriggerPhase.Anytime, 0, i => Evaluate(i.Reading, i.Settings)),
    };

    /// <summary>The device's own verdict, honoured on line too.</summary>
    internal static FiringTrigger? Evaluate(Reading r, TriggerSettings t) =>
        t.ForcedShutdown && r.ForcedShutdown ? new(TriggerKind.ForcedShutdown, $"FSD flag from device (status: {r.RawStatus})") : null;
}
