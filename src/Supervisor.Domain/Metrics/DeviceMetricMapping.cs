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
        var values = new List<(MetricSpec, double)>(8);
        foreach (var (measurement, value) in SampleMetrics.Measurements(reading))
        {
            if (value is not { } v || !double.IsFinite(v)) continue;
            var (spec, factor) = FromMeasurement[measurement];
            values.Add((spec, v * factor));
        }
        return values;
    }

    /// <summary>
    /// The <see cref="KnownFlags"/> set in <paramref name="reading"/> (none without a reading). Computed once per device
    /// per scrape, not once per flag: a scrape of 10 000 devices must stay cheap.
    /// </summary>
    public static IReadOnlySet<string> Flags(Reading? reading)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (reading is null) return set;
        foreach (var word in reading.RawStatus.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            set.Add(word.ToUpperInvariant());
        // The judged flags win over the text: drivers other than NUT write their own words, and OB wins over OL.
        foreach (var judged in (string[])["OL", "OB", "LB", "FSD"]) set.Remove(judged);
        if (reading.OnBattery) set.Add("OB");
        else if (reading.OnLine) set.Add("OL");
        if (reading.LowBattery) set.Add("LB");
        if (reading.ForcedShutdown) set.Add("FSD");
        set.IntersectWith(KnownFlags);
        return set;
    }

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
