using System.Globalization;
using Supervisor.Domain.Configuration.Init;
using Supervisor.Domain.Readings;
using Supervisor.Drivers;
using Supervisor.Drivers.Apcupsd;
using Supervisor.Drivers.Kasa;
using Supervisor.Drivers.Modbus;
using Supervisor.Drivers.Nut;
using Supervisor.Drivers.Shelly;

namespace Supervisor.Node.Cli.Init;

/// <summary>
/// Reads each device once with its own driver (the same code <c>run</c> polls with), for <c>discover</c> and <c>init</c>:
/// a device goes into a written config only after it answered. Every failure comes back as the driver's message (host,
/// cause, fix), never as an exception.
/// </summary>
internal static class DeviceProbe
{
    /// <summary>Per read: a device on the LAN answers in milliseconds; five seconds covers a slow Wi-Fi plug.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary><c>LIST UPS</c>, then one <c>LIST VAR</c> per UPS (with LOGIN when a user is given: that is where a wrong password shows).</summary>
    public static async Task<ProbeResult> NutAsync(HostPort at, string? user, string? passwordFile, ConfigIds ids, CancellationToken ct)
    {
        var target = $"upsd at {at}";
        var (password, error) = PasswordFile.Read(passwordFile, user);
        if (error is not null) return ProbeResult.Failed(target, error);
        var options = new NutOptions(at.Host, at.Port, Ups: "", user, password);
        IReadOnlyList<NutUpsListing> upses;
        try
        {
            await using var lister = new NutDriver("nut", options, Timeout);
            upses = await lister.ListUpsAsync(ct);
        }
        catch (DeviceException e) { return ProbeResult.Failed(target, ForCli(e.Message, "nut", "--nut")); }
        if (upses.Count == 0)
            return ProbeResult.Failed(target, $"{target} serves no UPS (LIST UPS is empty); add one to ups.conf, start its driver (`upsdrvctl start`), then run this again");
        var found = new List<ProbedDevice>();
        foreach (var ups in upses)
        {
            var id = ids.Next(ups.Name, "ups");
            var read = await ReadOnceAsync(new NutDriver(id, options with { Ups = ups.Name }, Timeout), ct);
            if (read.Error is not null) return ProbeResult.Failed(target, ForCli(read.Error, id, "--nut"));
            var v = read.Variables;
            var settings = new List<ConfigSetting> { ConfigSetting.Of("host", at.Host), ConfigSetting.Of("port", at.Port), ConfigSetting.Of("ups", ups.Name) };
            if (user is not null) settings.Add(ConfigSetting.Of("username", user));
            if (passwordFile is not null) settings.Add(ConfigSetting.Of("password", "file:" + Path.GetFullPath(passwordFile)));
            var model = Get(v, "device.model") ?? Get(v, "ups.model");
            found.Add(new ProbedDevice(new FoundDevice(id, "nut", settings,
                $"{ups.Name} on {at}: {Describe(ups.Description, model, read.Reading!)}"), $"{ups.Name}@{at}: {ups.Description}", v));
        }
        return new ProbeResult(target, found, null);
    }

    /// <summary>One NIS <c>status</c> request.</summary>
    public static async Task<ProbeResult> ApcupsdAsync(HostPort at, ConfigIds ids, CancellationToken ct)
    {
        var target = $"apcupsd at {at}";
        var read = await ReadOnceAsync(new ApcupsdDriver("apcupsd", new ApcupsdOptions(at.Host, at.Port), Timeout), ct);
        if (read.Error is not null) return ProbeResult.Failed(target, ForCli(read.Error, "apcupsd", "--apcupsd"));
        var name = Get(read.Variables, "UPSNAME") ?? "apcupsd";
        var id = ids.Next(name, "apcupsd");
        var device = new FoundDevice(id, "apcupsd", [ConfigSetting.Of("host", at.Host), ConfigSetting.Of("port", at.Port)],
            $"{name} on {target}: {Describe(null, Get(read.Variables, "MODEL"), read.Reading!)}");
        return new ProbeResult(target, [new ProbedDevice(device, $"{name} ({target})", read.Variables)], null);
    }

    public static Task<ProbeResult> KasaAsync(HostPort at, ConfigIds ids, CancellationToken ct) =>
        PlugAsync("kasa", $"Kasa plug at {at}", at, ids, id => new KasaDriver(id, new KasaOptions(at.Host, at.Port, Outlet: null), Timeout), ct);

    public static Task<ProbeResult> ShellyAsync(HostPort at, ConfigIds ids, CancellationToken ct) =>
        PlugAsync("shelly", $"Shelly at {at}", at, ids,
            id => new ShellyDriver(id, new ShellyOptions(at.Host, at.Port, Channel: 0, ShellyGeneration.Auto, Username: null, Password: null), Timeout), ct);

    /// <summary>A meter read once with the named register map (<c>--map sdm630</c>).</summary>
    public static async Task<ProbeResult> ModbusAsync(HostPort at, ModbusModel model, ConfigIds ids, CancellationToken ct)
    {
        var target = $"Modbus meter at {at}";
        var id = ids.Next("meter-" + at.Host, "meter");
        var read = await ReadOnceAsync(new ModbusDriver(id, new ModbusOptions(at.Host, at.Port, UnitId: 1, model, []), Timeout), ct);
        if (read.Error is not null) return ProbeResult.Failed(target, ForCli(read.Error, id, "--modbus"));
        var map = model.ToString().ToLowerInvariant();
        var device = new FoundDevice(id, "modbus",
            [ConfigSetting.Of("host", at.Host), ConfigSetting.Of("port", at.Port), ConfigSetting.Of("unit-id", 1), ConfigSetting.Of("model", map),
             // kind = main: the meter measures the mains feed, so no voltage means no mains (min-voltage etc. in docs/configuration.md).
             ConfigSetting.Of("kind", "main")],
            $"{target} ({map}, unit 1, measuring the mains feed): {Measured(read.Reading!)}");
        return new ProbeResult(target, [new ProbedDevice(device, $"{id} ({target}, {map})", read.Variables)], null);
    }

    private static async Task<ProbeResult> PlugAsync(string driver, string target, HostPort at, ConfigIds ids, Func<string, IDeviceDriver> create, CancellationToken ct)
    {
        var id = ids.Next("plug-" + at.Host, "plug");
        var read = await ReadOnceAsync(create(id), ct);
        if (read.Error is not null) return ProbeResult.Failed(target, ForCli(read.Error, id, "--" + driver));
        // A plug says nothing about mains itself: the load it feeds drawing (almost) nothing is the sign the power is gone.
        var device = new FoundDevice(id, driver, [ConfigSetting.Of("host", at.Host), ConfigSetting.Of("port", at.Port), ConfigSetting.Of("dead-watts", 5)],
            $"{target}: {Measured(read.Reading!)}; below dead-watts it counts as without power (set warning-watts etc. for your load)");
        return new ProbeResult(target, [new ProbedDevice(device, $"{id} ({target})", read.Variables)], null);
    }

    private sealed record Read(Reading? Reading, IReadOnlyDictionary<string, string> Variables, string? Error);

    private static async Task<Read> ReadOnceAsync(IDeviceDriver driver, CancellationToken ct)
    {
        await using (driver)
        {
            try
            {
                var reading = await driver.ReadAsync(ct);
                return new Read(reading, driver.LastVariables, null);
            }
            catch (DeviceException e) { return new Read(null, driver.LastVariables, e.Message); }
        }
    }

    /// <summary>The drivers word their fixes for a config file; here the device is given on the command line.</summary>
    private static string ForCli(string message, string id, string option) =>
        message.Replace($"supervisor.devices.{id}", $"the {option} options", StringComparison.Ordinal);

    private static string Describe(string? description, string? model, Reading r) =>
        string.Join(", ", new[] { string.IsNullOrWhiteSpace(description) ? null : $"\"{description}\"", model is null ? null : $"model {model}",
            $"status {r.RawStatus}", r.ChargePercent is { } c ? $"charge {Num(c)} %" : null }.Where(s => s is not null));

    private static string Measured(Reading r) =>
        string.Join(", ", new[] { r.PowerWatts is { } p ? $"{Num(p)} W" : null, r.InputVoltage is { } v ? $"{Num(v)} V" : null,
            r.RelayOn is { } on ? (on ? "relay on" : "relay off") : null }.Where(s => s is not null).DefaultIfEmpty("answered"));

    private static string? Get(IReadOnlyDictionary<string, string> v, string key) => v.TryGetValue(key, out var s) && s.Length > 0 ? s : null;

    private static string Num(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
}
