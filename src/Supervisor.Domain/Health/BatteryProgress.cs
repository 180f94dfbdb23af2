using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Domain.Health;

/// <summary>
/// The on-battery progress line (issue 14: the log must not fall silent between DEGRADED and CRITICAL): how long on
/// battery, the figures a person watches, and where each enabled trigger fires, in the registry's order.
/// "on battery for 40s, charge 62%, runtime 812s, load 30%; fires at: charge ≤ 20%, runtime ≤ 600s, 900s on battery (in 860s)".
/// </summary>
public static class BatteryProgress
{
    /// <summary>The line for the state as it stands; null when the device is not on battery (or has no reading).</summary>
    public static string? Describe(DeviceHealthState s, TriggerSettings t)
    {
        if (s.OnBatterySince is not { } since || s.LastReading is not { } r) return null;
        var input = new TriggerInput(r, t, since, s.ChargeSamples);
        var figures = new List<string> { $"on battery for {HealthText.Seconds(input.OnBatteryFor)}" };
        if (r.ChargePercent is { } charge) figures.Add($"charge {HealthText.Percent(charge)}");
        if (r.RuntimeSeconds is { } runtime) figures.Add($"runtime {HealthText.Number(runtime)}s");
        if (r.LoadPercent is { } load) figures.Add($"load {HealthText.Percent(load)}");
        var line = string.Join(", ", figures);

        if (s.Health == DeviceHealth.Critical) return $"{line}; CRITICAL: {s.Assessment.Reason}";
        var firesAt = TriggerDefinitions.All
            .Where(d => d is { Kind: { } kind, Evaluation: not null } && !s.Latched.Any(l => l.Kind == kind))
            .OrderBy(d => d.Evaluation!.Phase).ThenBy(d => d.Evaluation!.Order)
            .Select(d => d.Evaluation!.FiresAt?.Invoke(input)).OfType<string>().ToList();
        return firesAt.Count == 0 ? $"{line}; no on-battery trigger is set" : $"{line}; fires at: {string.Join(", ", firesAt)}";
    }

    /// <summary>
    /// Whether the progress line is due: every <paramref name="interval"/> of an episode, counted from
    /// <paramref name="lastAt"/> (the episode's start, or the last line). Null interval: off.
    /// </summary>
    public static bool Due(DateTimeOffset? lastAt, DateTimeOffset now, TimeSpan? interval) =>
        interval is { } every && lastAt is { } last && now - last >= every;
}
