using System.Collections.Immutable;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Health.Triggers;

/// <summary>CRITICAL when the battery drains faster than a rate (<c>depletion { rate, window, grace }</c>, or <c>off</c>).</summary>
public static class DepletionTrigger
{
    public static readonly NumberKey<DepletionSettings> RatePercentPerMinute =
        new("rate", d => d.PercentPerMinute, (d, v) => d with { PercentPerMinute = v }, CheckRate);

    public static readonly DurationKey<DepletionSettings> Window =
        new("window", d => d.Window, (d, v) => d with { Window = v }, KeyChecks.Positive("300s"));

    public static readonly DurationKey<DepletionSettings> Grace =
        new("grace", d => d.Grace, (d, v) => d with { Grace = v }, KeyChecks.NotNegative);

    /// <summary>A group's depletion block sets its keys over the member's, or over the defaults when the member has it off.</summary>
    public static readonly BlockKey<TriggerSettings, DepletionSettings> Block = new(
        "depletion", t => t.Depletion, (t, v) => t with { Depletion = v }, [RatePercentPerMinute, Window, Grace],
        unset: new(0, TimeSpan.Zero, TimeSpan.Zero), fallback: DepletionSettings.Defaults,
        example: "depletion { rate = 15, window = 300s, grace = 90s }", overrideExample: "depletion { rate = 10 }");

    public static TriggerDefinition Definition { get; } = new(TriggerKind.DepletionRate, [Block])
    {
        Evaluation = new(TriggerPhase.OnBattery, 1, i => Evaluate(i.Reading.Time, i.OnBatterySince, i.Samples, i.Settings))
        {
            FiresAt = i => i.Settings.Depletion is { } d
                ? $"depletion ≥ {HealthText.Number(d.PercentPerMinute)}%/min" +
                  (Measure(i.Reading.Time, i.OnBatterySince, i.Samples, d) is { } m ? $" (now {HealthText.Number(m.PercentPerMinute)}%/min)" : " (measuring)")
                : null,
        },
    };

    private static void CheckRate(double rate, string path, List<ConfigError> errors)
    {
        if (rate is <= 0 or > 100 || double.IsNaN(rate))
            errors.Add(new(path, $"{rate} is not a usable rate; use percent per minute above 0 and at most 100, e.g. rate = 15"));
    }

    /// <summary>Minimum time between the oldest and newest depletion sample: a rate over a few seconds is noise.</summary>
    internal static readonly TimeSpan MinSpan = TimeSpan.FromSeconds(30);

    /// <summary>
    /// On battery only. Rate = (oldest − newest charge) per minute over the samples in the window. Samples from the grace
    /// period are left out entirely (charge readings jump right after a transfer, and counting that jump once
    /// grace ends would fire the trigger spuriously); the rate needs post-grace samples spanning ≥ 30 s.
    /// </summary>
    internal static FiringTrigger? Evaluate(
        DateTimeOffset now, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> allSamples, TriggerSettings t)
    {
        if (t.Depletion is not { } d || Measure(now, onBatterySince, allSamples, d) is not { } m) return null;
        return m.PercentPerMinute >= d.PercentPerMinute
            ? new(TriggerKind.DepletionRate,
                $"depletion {HealthText.Number(m.PercentPerMinute)}%/min ≥ {HealthText.Number(d.PercentPerMinute)}%/min over {HealthText.Seconds(m.Span)}")
            : null;
    }

    /// <summary>The drain rate over the post-grace samples, or null while there are too few (see <see cref="Evaluate"/>).</summary>
    internal static (double PercentPerMinute, TimeSpan Span)? Measure(
        DateTimeOffset now, DateTimeOffset onBatterySince, ImmutableList<ChargeSample> allSamples, DepletionSettings d)
    {
        var graceEnds = onBatterySince + d.Grace;
        var samples = allSamples.Where(x => x.Time >= graceEnds).ToList();
        if (now < graceEnds || samples.Count < 2)
            return null;
        var oldest = samples[0];
        var newest = samples[^1];
        var span = newest.Time - oldest.Time;
        if (span < MinSpan)
            return null;
        return ((oldest.ChargePercent - newest.ChargePercent) / span.TotalMinutes, span);
    }
}
