using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.History;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Metrics;

/// <summary>One Prometheus metric family: its name (base units, Prometheus conventions) and help text.</summary>
public sealed record MetricSpec(string Name, string Help);

/// <summary>
/// How a device's reading becomes Prometheus values, in base units: percentages become ratios 0–1, runtime stays in
/// seconds, watts and volts as they are, energy as a kWh counter. Only what the reading carries is given, so a plug
/// shows no charge and a UPS without a power sensor no watts. Pure: the exporter writes what this returns.
/// </summary>
public static class DeviceMetricMapping
{
    public static readonly MetricSpec Charge = new("supervisor_device_battery_charge_ratio", "Battery charge, 0-1 (the device's percentage / 100).");
    public static readonly MetricSpec Runtime = new("supervisor_device_battery_runtime_seconds", "Remaining runtime on battery, seconds (the device's estimate, or Supervisor's when the device gives none).");
    public static readonly MetricSpec Load = new("supervisor_device_load_ratio", "Output load, 0-1 of capacity (above 1 when overloaded).");
    public static readonly MetricSpec InputVoltage = new("supervisor_device_input_voltage_volts", "Mains input voltage, volts.");
    public static readonly MetricSpec Power = new("supervisor_device_power_watts", "Real power drawn, watts.");
    public static readonly MetricSpec Current = new("supervisor_device_current_amperes", "Current drawn, amperes (plugs, meters).");
    public static readonly MetricSpec Frequency = new("supervisor_device_frequency_hertz", "Mains frequency, hertz (meters).");

    /// <summary>A counter: the device's own energy register, kWh. A drop (the device reset it) starts the series again.</summary>
    public static readonly MetricSpec Energy = new("supervisor_device_energy_kwh_total", "Energy the device has counted, kWh (where the device counts it).");

    /// <summary>The gauges a reading can carry, in the order the exporter registers them.</summary>
    public static readonly IReadOnlyList<MetricSpec> Gauges = [Charge, Runtime, Load, InputVoltage, Power, Current, Frequency];

    /// <summary>
    /// Every status flag Supervisor knows, each always present as 0 or 1 so no series vanishes when a flag clears.
    /// OL, OB, LB and FSD come from the reading's judged flags (every driver sets them; OB wins over OL as in the health
    /// rules); the others are NUT <c>ups.status</c> words found in the device's own status text (0 for other drivers).
    /// </summary>
    public static readonly IReadOnlyList<string> KnownFlags = ["OL", "OB", "LB", "FSD", "CHRG", "DISCHRG", "RB", "BYPASS", "OVER", "TRIM", "BOOST", "OFF", "CAL"];

    public static readonly MetricSpec Status = new("supervisor_device_status", "Status flag set (1) or not (0); every known flag is present for every device.");
    public static readonly MetricSpec HealthState = new("supervisor_device_health", "Health state, one-hot: 1 for the device's current state, 0 for the others.");
    public static readonly MetricSpec ReadingAge = new("supervisor_device_last_reading_age_seconds", "Seconds since the device's last successful reading, at scrape time.");
    public static readonly MetricSpec PollFailed = new("supervisor_device_last_poll_failed", "1 when the device's latest poll failed (its values are then the last good reading's).");

    /// <summary>Health states as the <c>state</c> label spells them, one-hot.</summary>
    public static readonly IReadOnlyList<string> HealthStates = [Label(DeviceHealth.Healthy), Label(DeviceHealth.Degraded), Label(DeviceHealth.Critical), Label(DeviceHealth.Unknown)];

    /// <summary>Group states as the <c>state</c> label spells them, one-hot.</summary>
    public static readonly IReadOnlyList<string> GroupStates = [.. Enum.GetValues<GroupState>().Select(Label)];

    /// <summary>
    /// Each stored measurement (<see cref="SampleMetrics.Measurements"/>: which reading field is which, said once for the
    /// history and for Prometheus) as a Prometheus family, with the factor to its base unit.
    /// </summary>
    private static readonly Dictionary<MetricDefinition, (MetricSpec Spec, double Factor)> FromMeasurement = new()
    {
        [HistoryMetrics.Charge] = (Charge, 0.01),
        [HistoryMetrics.Runtime] = (Runtime, 1),
        [HistoryMetrics.Load] = (Load, 0.01),
        [HistoryMetrics.InputVoltage] = (InputVoltage, 1),
        [HistoryMetrics.Power] = (Power, 1),
        [HistoryMetrics.Current] = (Current, 1),
        [HistoryMetrics.Energy] = (Energy, 1),
        [HistoryMetrics.Frequency] = (Frequency, 1),
    };

    /// <summary>The values <paramref name="reading"/> carries, in base units (the gauges and the energy counter); absent or non-finite ones are left out.</summary>
    public static IReadOnlyList<(MetricSpec Metric, double Value)> Values(Reading reading)
    {
        Span<double> slots = stackalloc double[ValueFamilies.Count];
        Fill(reading, slots);
        var values = new List<(MetricSpec, double)>(ValueFamilies.Count);
        for (var i = 0; i < slots.Length; i++)
            if (!double.IsNaN(slots[i])) values.Add((ValueFamilies[i], slots[i]));
        return values;
    }

    /// <summary>The families a reading's values go to, in the order written: the <see cref="Gauges"/>, then <see cref="Energy"/>.</summary>
    public static readonly IReadOnlyList<MetricSpec> ValueFamilies = [.. Gauges, Energy];

    /// <summary>For each of <see cref="SampleMetrics.MeasurementFields"/>: its slot in <see cref="ValueFamilies"/> and the factor to the base unit, looked up once.</summary>
    private static readonly (int Slot, double Factor)[] FieldSlots = [.. SampleMetrics.MeasurementFields.Select(f =>
        (ValueFamilies.ToList().IndexOf(FromMeasurement[f.Metric].Spec), FromMeasurement[f.Metric].Factor))];

    /// <summary>
    /// Writes <paramref name="reading"/>'s values in base units into <paramref name="slots"/>, one per
    /// <see cref="ValueFamilies"/> entry; NaN where the reading carries none (absent, non-finite, or no reading at all).
    /// Allocates nothing: a scrape fills one array for the whole fleet.
    /// </summary>
    public static void Fill(Reading? reading, Span<double> slots)
    {
        slots.Fill(double.NaN);
        if (reading is null) return;
        var fields = SampleMetrics.MeasurementFields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Field(reading) is not { } v || !double.IsFinite(v)) continue;
            slots[FieldSlots[i].Slot] = v * FieldSlots[i].Factor;
        }
    }

    /// <summary>
    /// The <see cref="KnownFlags"/> set in <paramref name="reading"/> (none without a reading). Computed once per device
    /// per scrape, not once per flag: a scrape of 10 000 devices must stay cheap.
    /// </summary>
    public static IReadOnlySet<string> Flags(Reading? reading)
    {
        var mask = FlagMask(reading);
        return KnownFlags.Where((_, i) => (mask & (1 << i)) != 0).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// <see cref="Flags"/> as a bit mask (bit i: <see cref="KnownFlags"/>[i]), read from the status text without
    /// splitting it into strings: what a scrape computes per device.
    /// </summary>
    public static int FlagMask(Reading? reading)
    {
        if (reading is null) return 0;
        var mask = 0;
        foreach (var range in reading.RawStatus.AsSpan().Split(' '))
        {
            var word = reading.RawStatus.AsSpan(range).Trim();
            for (var i = 0; i < KnownFlags.Count; i++)
                if (word.Equals(KnownFlags[i], StringComparison.OrdinalIgnoreCase)) mask |= 1 << i;
        }
        // The judged flags win over the text: drivers other than NUT write their own words, and OB wins over OL.
        mask &= ~(Bit("OL") | Bit("OB") | Bit("LB") | Bit("FSD"));
        if (reading.OnBattery) mask |= Bit("OB");
        else if (reading.OnLine) mask |= Bit("OL");
        if (reading.LowBattery) mask |= Bit("LB");
        if (reading.ForcedShutdown) mask |= Bit("FSD");
        return mask;
    }

    private static int Bit(string flag) => 1 << KnownFlagIndex[flag];

    private static readonly Dictionary<string, int> KnownFlagIndex = KnownFlags.Select((f, i) => (f, i)).ToDictionary(x => x.f, x => x.i, StringComparer.Ordinal);

    public static string Label(DeviceHealth health) => health.ToString().ToLowerInvariant();

    /// <summary>Kebab-case, as the CLI prints states (<c>quorum-lost</c>).</summary>
    public static string Label(GroupState state) => state switch
    {
        GroupState.QuorumLost => "quorum-lost",
        GroupState.ShutdownComplete => "shutdown-complete",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Seconds from the last reading to <paramref name="now"/>, computed when scraped (never negative: clocks of two nodes may differ a little).</summary>
    public static double AgeSeconds(DateTimeOffset lastReadingAt, DateTimeOffset now) => Math.Max(0, (now - lastReadingAt).TotalSeconds);
}
