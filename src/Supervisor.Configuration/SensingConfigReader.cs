using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>
/// Device keys that say how a plug's or meter's measurements map to mains presence:
/// <c>warning-watts</c>, <c>alert-watts</c>, <c>critical-watts</c>, <c>dead-watts</c>, <c>watts-direction</c> (plugs) or
/// <c>kind</c>, <c>min-voltage</c>, <c>min-frequency</c>, <c>max-frequency</c> (meters). None of them: the device reports OL/OB itself.
/// </summary>
internal static class SensingConfigReader
{
    public static readonly string[] ThresholdKeys = ["warning-watts", "alert-watts", "critical-watts", "dead-watts", "watts-direction"];
    public static readonly string[] MeterKeys = ["kind", "min-voltage", "min-frequency", "max-frequency"];
    public static readonly string[] OtherKeys = ["offline-after-failures", "battery-capacity-wh", "capacity-watts"];

    private static readonly IReadOnlyDictionary<string, ThresholdDirection> Directions = ConfigMaps.LowerCaseNames<ThresholdDirection>();
    private static readonly IReadOnlyDictionary<string, MeterKind> Kinds = ConfigMaps.LowerCaseNames<MeterKind>();

    public static SensingSettings? Read(HoconSection device)
    {
        var hasThresholds = ThresholdKeys.Any(device.Has);
        var hasMeter = MeterKeys.Any(device.Has);
        if (hasThresholds && hasMeter)
        {
            device.Diag.Error(device.KeyPath("kind"), "a device is either a plug with wattage thresholds (warning-watts …) or a meter with a kind, not both; remove one set");
            return null;
        }
        // watts-direction's default (below) sits in supervisor.defaults.device.thresholds, so that it alone makes no device a plug.
        if (hasThresholds) return ReadThresholds(device.Over(device.DefaultsOnly().DefaultedChild("thresholds")));
        if (hasMeter) return ReadMeter(device);
        return null;
    }

    private static PowerThresholds ReadThresholds(HoconSection s)
    {
        var t = new PowerThresholds(
            s.Enum("watts-direction", Directions),
            s.OptionalNumberOrOff("warning-watts"), s.OptionalNumberOrOff("alert-watts"), s.OptionalNumberOrOff("critical-watts"), s.OptionalNumberOrOff("dead-watts"));
        var levels = new (string Key, double? Value)[] { ("warning-watts", t.WarningWatts), ("alert-watts", t.AlertWatts), ("critical-watts", t.CriticalWatts), ("dead-watts", t.DeadWatts) }
            .Where(l => l.Value is not null).ToList();
        foreach (var (key, value) in levels.Where(l => l.Value < 0))
            s.Diag.Error(s.KeyPath(key), $"{value} is negative; watts are ≥ 0");
        if (t.Direction == ThresholdDirection.Above && t.DeadWatts is not null)
            s.Diag.Error(s.KeyPath("dead-watts"), "only means something with watts-direction = below (a dead outlet draws nothing); remove it or use critical-watts");
        for (var i = 1; i < levels.Count; i++)
        {
            var (prevKey, prev) = levels[i - 1];
            var (key, value) = levels[i];
            var inOrder = t.Direction == ThresholdDirection.Below ? value <= prev : value >= prev;
            if (!inOrder)
                s.Diag.Error(s.KeyPath(key), t.Direction == ThresholdDirection.Below
                    ? $"{value}W is above {prevKey} {prev}W; with watts-direction = below the levels must fall: warning ≥ alert ≥ critical ≥ dead"
                    : $"{value}W is below {prevKey} {prev}W; with watts-direction = above the levels must rise: warning ≤ alert ≤ critical");
        }
        return t;
    }

    private static MeterSensing ReadMeter(HoconSection s)
    {
        if (!s.Has("kind"))
            s.Diag.Error(s.KeyPath("kind"), "missing; meter keys (min-voltage, min-frequency, max-frequency) need kind = main | battery | solar | ups");
        // kind is required (reported above when missing); main only lets the other keys still be checked.
        var m = new MeterSensing(s.OptionalEnum("kind", Kinds) ?? MeterKind.Main,
            s.OptionalNumberOrOff("min-voltage"), s.OptionalNumberOrOff("min-frequency"), s.OptionalNumberOrOff("max-frequency"));
        if (m.MinFrequency is { } lo && m.MaxFrequency is { } hi && lo >= hi)
            s.Diag.Error(s.KeyPath("min-frequency"), $"{lo}Hz is not below max-frequency {hi}Hz");
        if (m.Kind != MeterKind.Main && (m.MinVoltage ?? m.MinFrequency ?? m.MaxFrequency) is not null)
            s.Diag.Error(s.KeyPath("kind"), $"min-voltage / min-frequency / max-frequency only apply to kind = main, not {m.Kind.ToString().ToLowerInvariant()}");
        return m;
    }

    /// <summary>offline-after-failures, battery-capacity-wh, capacity-watts.</summary>
    public static DeviceSettings WithExtras(DeviceSettings d, HoconSection s)
    {
        // No default (unset: stale-after alone). An unreadable value goes on as 0, which the check below also reports.
        var offline = s.Has("offline-after-failures") ? s.OptionalInt("offline-after-failures", "0") ?? 0 : (int?)null;
        if (offline is < 1)
            s.Diag.Error(s.KeyPath("offline-after-failures"), $"{offline} must be at least 1 (or leave it out to rely on stale-after alone)");
        var capacity = s.OptionalNumberOrOff("battery-capacity-wh");
        if (capacity is <= 0) s.Diag.Error(s.KeyPath("battery-capacity-wh"), $"{capacity} must be > 0 Wh");
        var rated = s.OptionalNumberOrOff("capacity-watts");
        if (rated is <= 0) s.Diag.Error(s.KeyPath("capacity-watts"), $"{rated} must be > 0 W");
        return d with { Sensing = Read(s), OfflineAfterFailures = offline, BatteryCapacityWh = capacity, CapacityWatts = rated };
    }
}
