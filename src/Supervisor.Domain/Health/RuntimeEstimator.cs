using System.Collections.Immutable;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Health;

/// <summary>On-battery charge samples the estimator keeps (oldest first, inside <see cref="RuntimeEstimator.Window"/>).</summary>
public sealed record RuntimeEstimatorState(ImmutableList<ChargeSample> Samples)
{
    public static RuntimeEstimatorState Empty { get; } = new([]);
}

/// <summary>
/// Estimates runtime for devices that report none (plugs feeding a battery, meters on a battery bank, UPSes
/// without <c>battery.runtime</c>), so the saga's safety margin still has a number to work with.
/// Two estimates, the shorter one wins (the cautious pick):
/// <list type="bullet">
/// <item>load: usable energy left ÷ load = capacity Wh × charge % ÷ watts (needs <c>battery-capacity-wh</c> and a power reading);</item>
/// <item>rate: charge left ÷ the discharge rate seen over the last <see cref="Window"/> on battery (needs ≥ <see cref="MinSpan"/> of falling charge).</item>
/// </list>
/// A device that reports its own runtime is trusted and passed through untouched.
/// </summary>
public static class RuntimeEstimator
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(120);
    public static readonly TimeSpan MinSpan = TimeSpan.FromSeconds(30);

    public static (Reading Reading, RuntimeEstimatorState State) Apply(RuntimeEstimatorState s, Reading r, double? capacityWh)
    {
        if (r.RuntimeSeconds is not null) return (r, RuntimeEstimatorState.Empty);

        var samples = r.OnBattery && r.ChargePercent is { } charge
            ? s.Samples.Add(new ChargeSample(r.Time, charge)).RemoveAll(x => x.Time < r.Time - Window)
            : [];
        var next = new RuntimeEstimatorState(samples);

        var fromLoad = FromLoad(r, capacityWh);
        var fromRate = r.OnBattery ? FromRate(samples) : null;
        var estimate = (fromLoad, fromRate) switch
        {
            ({ } a, { } b) => Math.Min(a, b),
            ({ } a, null) => a,
            (null, { } b) => b,
            _ => (double?)null,
        };
        return estimate is { } seconds
            ? (r with { RuntimeSeconds = Math.Round(seconds), RuntimeEstimated = true }, next)
            : (r, next);
    }

    /// <summary>capacity Wh × charge % ÷ load W, in seconds.</summary>
    public static double? FromLoad(Reading r, double? capacityWh) =>
        capacityWh is > 0 && r.ChargePercent is { } charge && r.PowerWatts is { } watts && watts > 0
            ? capacityWh.Value * Math.Clamp(charge, 0, 100) / 100 / watts * 3600
            : null;

    /// <summary>charge ÷ (charge lost per second over the window); null until the samples span <see cref="MinSpan"/> with a real drop.</summary>
    public static double? FromRate(IReadOnlyList<ChargeSample> samples)
    {
        if (samples.Count < 2) return null;
        var (first, last) = (samples[0], samples[^1]);
        var span = (last.Time - first.Time).TotalSeconds;
        var dropped = first.ChargePercent - last.ChargePercent;
        if (span < MinSpan.TotalSeconds || dropped <= 0) return null;
        return Math.Max(0, last.ChargePercent) / (dropped / span);
    }
}
