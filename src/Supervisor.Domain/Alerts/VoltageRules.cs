namespace Supervisor.Domain.Alerts;

/// <summary>
/// Brownout / over-voltage thresholds, as percentages of the nominal voltage. Recommended values (for
/// <c>reference.conf</c>; Eneru uses the same): <c>LowPercent</c> 10, <c>HighPercent</c> 10, <c>ClearMarginPercent</c> 2.
/// </summary>
/// <param name="LowPercent">VOLTAGE-LOW when the input is below nominal − this % (230 V, 10 % → below 207 V).</param>
/// <param name="HighPercent">VOLTAGE-HIGH when the input is above nominal + this %.</param>
/// <param name="ClearMarginPercent">Hysteresis: VOLTAGE-NORMAL only once the input is back inside the band by this % of
/// nominal (230 V, 2 % → low clears at 211.6 V), so a voltage hovering at the edge does not flap.</param>
/// <param name="NominalVolts">The nominal the config (or the device) states; used only when the observed input agrees
/// with it (same 100 / 110–120 / 220–240 V region), so a UPS that misreports its nominal does not alarm all day.</param>
public sealed record VoltageSettings(double LowPercent, double HighPercent, double ClearMarginPercent, double? NominalVolts = null);

/// <summary>Where the input voltage stands against the band around nominal.</summary>
public enum VoltageBand { Unknown, Normal, Low, High }

/// <summary>A device's voltage story: the nominal detected, the band it is in, since when.</summary>
public sealed record VoltageState(double? NominalVolts, VoltageBand Band, DateTimeOffset? Since)
{
    public static VoltageState Initial { get; } = new(null, VoltageBand.Unknown, null);
}

/// <summary>Brownout and over-voltage with hysteresis, and the nominal voltage detected from the readings. Pure.</summary>
public static class VoltageRules
{
    private sealed record Region(double Min, double Max, double Standard);

    // Observed ranges wide enough that a brownout reading still lands in its own region, narrow enough not to overlap much.
    private static readonly Region[] Regions = [new(85, 107, 100), new(107, 140, 120), new(180, 265, 230)];

    /// <summary>
    /// The nominal for an observed on-line input voltage: its region's standard (100, 120 or 230 V), or the configured
    /// nominal when that lies in the same region (220 V or 240 V mains). Null when the voltage fits no region (0 V, 160 V).
    /// </summary>
    public static double? DetectNominal(double observedVolts, double? configured)
    {
        var region = Regions.FirstOrDefault(r => observedVolts >= r.Min && observedVolts < r.Max);
        if (region is null) return null;
        return configured is { } c && c >= region.Min && c < region.Max ? c : region.Standard;
    }

    /// <summary>
    /// The next voltage state after one reading's input voltage, and the event it raises (or null). Readings on battery,
    /// off line or without a voltage leave the state alone: an outage is ONBATT's story, not a brownout.
    /// </summary>
    public static (VoltageState State, PowerEventKind? Event) Decide(
        VoltageState s, double? inputVolts, bool onLine, bool onBattery, DateTimeOffset at, VoltageSettings settings)
    {
        if (inputVolts is not { } v || !double.IsFinite(v) || !onLine || onBattery) return (s, null);
        var nominal = s.NominalVolts ?? DetectNominal(v, settings.NominalVolts);
        if (nominal is not { } n) return (s, null);
        var low = n * (1 - settings.LowPercent / 100);
        var high = n * (1 + settings.HighPercent / 100);
        var margin = n * settings.ClearMarginPercent / 100;

        var band = s.Band switch
        {
            _ when v < low => VoltageBand.Low,
            _ when v > high => VoltageBand.High,
            VoltageBand.Low when v < low + margin => VoltageBand.Low,
            VoltageBand.High when v > high - margin => VoltageBand.High,
            _ => VoltageBand.Normal,
        };
        PowerEventKind? raised = (s.Band, band) switch
        {
            (var from, VoltageBand.Low) when from != VoltageBand.Low => PowerEventKind.VoltageLow,
            (var from, VoltageBand.High) when from != VoltageBand.High => PowerEventKind.VoltageHigh,
            (VoltageBand.Low or VoltageBand.High, VoltageBand.Normal) => PowerEventKind.VoltageNormal,
            _ => null,
        };
        var since = band == s.Band ? s.Since : at;
        return (new VoltageState(n, band, since), raised);
    }

    /// <summary>"nominal 230 V, band 207–253 V" for the event's detail.</summary>
    public static string Describe(double nominal, VoltageSettings settings) =>
        $"nominal {AlertText.Number(nominal)} V, band {AlertText.Number(nominal * (1 - settings.LowPercent / 100))}–" +
        $"{AlertText.Number(nominal * (1 + settings.HighPercent / 100))} V";
}
