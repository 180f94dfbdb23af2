using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>A driver the loader knows: its config name, its own keys, and how to read its options.</summary>
/// <param name="StatusIntervalDefault">Set when the driver can read the status alone between polls (it then takes
/// <c>status-interval</c>): the default when no layer sets the key (reference.conf says the same).</param>
internal sealed record DriverReader(string Name, IReadOnlyCollection<string> Keys, Func<HoconSection, string?, DriverOptions> Read, TimeSpan? StatusIntervalDefault = null)
{
    public bool WatchesStatus => StatusIntervalDefault is not null;
}

/// <summary>Driver-specific device keys. Adding a driver = one <see cref="DriverReader"/> here plus <c>supervisor.defaults.&lt;name&gt;</c> in reference.conf.</summary>
internal static partial class DriverOptionsReader
{
    private static readonly DriverReader[] Drivers =
    [
        new("nut", ["host", "port", "ups", "username", "password", "password-file", "password-env", "tls", "tls-ca", "tls-verify", "tls-server-name", StatusIntervalKey],
            ReadNut, StatusIntervalDefault: TimeSpan.FromMilliseconds(100)),
        new("simulated",
            ["profile", "outage-at", "restore-after", "battery-runtime", "flap-period", "comms-loss-at", "comms-loss-for",
             "low-battery-at", "load-percent", "input-voltage", "power-watts"],
            ReadSimulated),
        new("kasa", ["host", "port", "outlet"], ReadKasa),
        new("modbus", ["host", "port", "unit-id", "model", "registers"], ReadModbus),
        new("shelly", ["host", "port", "channel", "generation", "username", "password", "password-file", "password-env"], ReadShelly),
        new("apcupsd", ["host", "port", StatusIntervalKey], ReadApcupsd, StatusIntervalDefault: TimeSpan.FromMilliseconds(250)),
    ];

    /// <summary>How often the status alone is read between polls; only for drivers with <see cref="DriverReader.WatchesStatus"/>.</summary>
    public const string StatusIntervalKey = "status-interval";

    /// <summary>
    /// <c>status-interval</c>: a duration, or off. Missing from every layer (a loader without reference.conf) means the
    /// driver's default, as reference.conf says it; the validator checks the range (SettingsValidator).
    /// </summary>
    public static TimeSpan? ReadStatusInterval(HoconSection s, DriverReader driver) =>
        s.Has(StatusIntervalKey) ? s.DurationOrOff(StatusIntervalKey) : driver.StatusIntervalDefault;

    private static readonly Dictionary<string, SimulatedProfile> Profiles = new()
    {
        ["steady"] = SimulatedProfile.Steady,
        ["outage"] = SimulatedProfile.Outage,
        ["flapping"] = SimulatedProfile.Flapping,
        ["slow-drain"] = SimulatedProfile.SlowDrain,
        ["comms-loss"] = SimulatedProfile.CommsLoss,
    };

    /// <summary>"nut, simulated": for messages.</summary>
    public static string Names => string.Join(", ", Drivers.Select(d => d.Name));

    public static DriverReader? Find(string name) =>
        Drivers.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    private static DriverOptions ReadNut(HoconSection s, string? baseDirectory) =>
        new NutOptions(
            Host: s.RequiredString("host"),
            Port: s.Int("port", 3493),
            Ups: s.RequiredString("ups"),
            Username: s.OptionalString("username"),
            Password: PasswordResolver.Resolve(s, baseDirectory)) { Tls = ReadNutTls(s, baseDirectory) };

    private static DriverOptions ReadSimulated(HoconSection s, string? baseDirectory) =>
        new SimulatedOptions(
            Profile: s.Enum("profile", SimulatedProfile.Steady, Profiles),
            OutageAt: s.Duration("outage-at", TimeSpan.FromSeconds(10)),
            RestoreAfter: s.OptionalDuration("restore-after", "off", "never"),
            BatteryRuntime: s.Duration("battery-runtime", TimeSpan.FromSeconds(1800)),
            FlapPeriod: s.Duration("flap-period", TimeSpan.FromSeconds(5)),
            CommsLossAt: s.Duration("comms-loss-at", TimeSpan.FromSeconds(10)),
            CommsLossFor: s.Duration("comms-loss-for", TimeSpan.FromSeconds(10)),
            LowBatteryChargePercent: s.Number("low-battery-at", 20),
            LoadPercent: s.Number("load-percent", 40),
            InputVoltage: s.Number("input-voltage", 230),
            PowerWatts: s.Number("power-watts", 400));
}
