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

/// <summary>
/// Resolves a secret from exactly one of <c>{prefix}password</c>, <c>{prefix}password-file</c>, <c>{prefix}password-env</c>:
/// device passwords (no prefix) and the TLS certificate password (prefix <c>certificate-</c>). Messages name the
/// keys and never the secret itself.
/// </summary>
internal static class PasswordResolver
{
    /// <param name="baseDirectory">Where a relative <c>password-file</c> is looked up (the config file's directory); null = working directory.</param>
    /// <param name="prefix">Prepended to each key name, e.g. "certificate-" for certificate-password[-file|-env].</param>
    public static string? Resolve(HoconSection s, string? baseDirectory, string prefix = "") =>
        SecretResolver.Resolve(s, baseDirectory, prefix + "password", "password");
}

/// <summary>
/// Resolves a secret from exactly one of <c>&lt;key&gt;</c>, <c>&lt;key&gt;-file</c> (first line, trimmed) or
/// <c>&lt;key&gt;-env</c> (an environment variable). Secrets are never put into error messages.
/// </summary>
internal static class SecretResolver
{
    /// <param name="key">The base key, e.g. <c>password</c> or <c>connection-string</c>.</param>
    /// <param name="what">What the secret is, for messages ("password", "connection string").</param>
    public static string? Resolve(HoconSection s, string? baseDirectory, string key, string what)
    {
        string[] keys = [key, $"{key}-file", $"{key}-env"];
        var present = keys.Where(s.Has).ToList();
        if (present.Count == 0) return null;
        if (present.Count > 1)
        {
            s.Diag.Error(s.Path, $"set only one of {string.Join(", ", keys)} (found {string.Join(", ", present)})");
            return null;
        }

        return present[0] == key ? s.OptionalString(key)
            : present[0] == keys[1] ? FromFile(s, baseDirectory, keys[1], what)
            : FromEnvironment(s, keys[2], what);
    }

    private static string? FromFile(HoconSection s, string? baseDirectory, string key, string what)
    {
        var file = s.OptionalString(key);
        s.Find(key, out var path);
        if (file is null)
        {
            s.Diag.Error(path, $"empty; give the path of a file whose first line is the {what}");
            return null;
        }

        if (!s.UsableFileName(file, path)) return null;
        var full = System.IO.Path.GetFullPath(file, baseDirectory ?? Directory.GetCurrentDirectory());
        try
        {
            if (!File.Exists(full))
            {
                s.Diag.Error(path, $"file \"{full}\" not found; create it with the {what} on its first line (readable only by the service user), or fix the path");
                return null;
            }
            var first = File.ReadLines(full).FirstOrDefault()?.Trim();
            if (!string.IsNullOrEmpty(first)) return first;
            s.Diag.Error(path, $"file \"{full}\" is empty; put the {what} on its first line");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            s.Diag.Error(path, $"cannot read file \"{full}\" ({e.Message}); check its permissions for the service user");
        }
        return null;
    }

    private static string? FromEnvironment(HoconSection s, string key, string what)
    {
        var name = s.OptionalString(key);
        s.Find(key, out var path);
        if (name is null)
        {
            s.Diag.Error(path, $"empty; give the name of an environment variable that holds the {what}");
            return null;
        }
        var value = Environment.GetEnvironmentVariable(name);
        if (!string.IsNullOrEmpty(value)) return value;
        s.Diag.Error(path, $"environment variable \"{name}\" is not set or empty; set it for the service (e.g. systemd Environment= or EnvironmentFile=), or use {key[..key.LastIndexOf('-')]}-file");
        return null;
    }
}
