using Supervisor.Domain.Configuration;

namespace Supervisor.Configuration;

/// <summary>A driver the loader knows: its config name, its own keys, and how to read its options.</summary>
/// <param name="WatchesStatus">The driver can read the status alone between polls: it takes <c>status-interval</c>
/// (its default is in reference.conf under <c>supervisor.defaults.&lt;name&gt;</c>).</param>
internal sealed record DriverReader(string Name, IReadOnlyCollection<string> Keys, Func<HoconSection, string?, DriverOptions> Read, bool WatchesStatus = false);

/// <summary>Driver-specific device keys. Adding a driver = one <see cref="DriverReader"/> here plus <c>supervisor.defaults.&lt;name&gt;</c> in reference.conf.</summary>
internal static partial class DriverOptionsReader
{
    private static readonly DriverReader[] Drivers =
    [
        new("nut", ["host", "port", "ups", "username", "password", "password-file", "password-env", "tls", "tls-ca", "tls-verify", "tls-server-name", StatusIntervalKey],
            ReadNut, WatchesStatus: true),
        new("simulated",
            ["profile", "outage-at", "restore-after", "battery-runtime", "flap-period", "comms-loss-at", "comms-loss-for",
             "low-battery-at", "load-percent", "input-voltage", "power-watts"],
            ReadSimulated),
        new("kasa", ["host", "port", "outlet"], ReadKasa),
        new("modbus", ["host", "port", "unit-id", "model", "registers"], ReadModbus),
        new("shelly", ["host", "port", "channel", "generation", "username", "password", "password-file", "password-env"], ReadShelly),
        new("apcupsd", ["host", "port", StatusIntervalKey], ReadApcupsd, WatchesStatus: true),
    ];

    /// <summary>How often the status alone is read between polls; only for drivers with <see cref="DriverReader.WatchesStatus"/>.</summary>
    public const string StatusIntervalKey = "status-interval";

    /// <summary><c>status-interval</c>: a duration, or off; the validator checks the range (SettingsValidator).</summary>
    public static TimeSpan? ReadStatusInterval(HoconSection s) => s.DurationOrOff(StatusIntervalKey);

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
            Port: s.Int("port"),
            Ups: s.RequiredString("ups"),
            Username: s.OptionalString("username"),
            Password: PasswordResolver.Resolve(s, baseDirectory)) { Tls = ReadNutTls(s, baseDirectory) };

    private static DriverOptions ReadSimulated(HoconSection s, string? baseDirectory) =>
        new SimulatedOptions(
            Profile: s.Enum("profile", Profiles),
            OutageAt: s.Duration("outage-at"),
            RestoreAfter: s.OptionalDuration("restore-after", "off", "never"),
            BatteryRuntime: s.Duration("battery-runtime"),
            FlapPeriod: s.Duration("flap-period"),
            CommsLossAt: s.Duration("comms-loss-at"),
            CommsLossFor: s.Duration("comms-loss-for"),
            LowBatteryChargePercent: s.Number("low-battery-at"),
            LoadPercent: s.Number("load-percent"),
            InputVoltage: s.Number("input-voltage"),
            PowerWatts: s.Number("power-watts"));
}
