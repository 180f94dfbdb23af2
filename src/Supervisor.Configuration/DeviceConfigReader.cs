using Akka.Configuration.Hocon;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Configuration;

/// <summary>Reads <c>supervisor.devices.&lt;id&gt;</c> entries, merged with <c>supervisor.defaults.device</c> and the driver's defaults.</summary>
internal static class DeviceConfigReader
{
    private static readonly string[] CommonKeys = ["driver", "poll-interval", "stale-after", "timeout", "stabilize", "triggers", "progress-interval"];
    internal static IReadOnlyList<string> TriggerKeys => TriggerDefinitions.KeyNames;

    /// <summary>Stands in for the options of a device whose driver is unknown, so its id still counts as a known device.</summary>
    private sealed record UnreadOptions : DriverOptions;

    public static List<DeviceSettings> Read(HoconObject? devices, DefaultLayers defaults, ConfigDiagnostics diag, string? baseDirectory)
    {
        var entries = ConfigMaps.ObjectEntries(devices, diag, ConfigPath.Device, "driver = nut, host = \"127.0.0.1\", ups = ups1");
        return [.. entries.Select(e => ReadDevice(e.Id, e.Value, defaults, diag, baseDirectory))];
    }

    private static DeviceSettings ReadDevice(string id, HoconObject own, DefaultLayers defaults, ConfigDiagnostics diag, string? baseDirectory)
    {
        var path = ConfigPath.Device(id);
        var driverName = new HoconSection(path, own, diag, defaults.Device).OptionalString("driver");
        var driver = driverName is null ? null : DriverOptionsReader.Find(driverName);
        if (driverName is null)
            diag.Error($"{path}.driver", $"missing; use one of {DriverOptionsReader.Names}");
        else if (driver is null)
            diag.Error($"{path}.driver", $"unknown driver \"{driverName}\"; use one of {DriverOptionsReader.Names}");

        var section = driver is null
            ? new HoconSection(path, own, diag, defaults.Device)
            : new HoconSection(path, own, diag, defaults.Driver(driver.Name), defaults.Device);

        var poll = section.Duration("poll-interval");
        var staleAfter = section.OptionalDuration("stale-after") ?? poll * 5;
        var timeout = section.Duration("timeout");
        var stabilize = section.Duration("stabilize");
        var triggers = ReadTriggers(section);
        DriverOptions options = driver?.Read(section, baseDirectory) ?? new UnreadOptions();

        if (driver is not null)
            section.WarnUnknownKeys([.. CommonKeys, .. SensingConfigReader.ThresholdKeys, .. SensingConfigReader.MeterKeys, .. SensingConfigReader.OtherKeys, .. driver.Keys]);
        var device = new DeviceSettings(id, driver?.Name ?? driverName ?? "", poll, staleAfter, timeout, stabilize, triggers, options)
        {
            StatusInterval = driver is { WatchesStatus: true } ? DriverOptionsReader.ReadStatusInterval(section) : null,
            ProgressInterval = section.DurationOrOff("progress-interval"),
        };
        return SensingConfigReader.WithExtras(device, section);
    }

    private static TriggerSettings ReadTriggers(HoconSection device)
    {
        var t = device.Child("triggers");
        if (t is null)
        {
            if (device.Find("triggers", out var path) is { } bad)
                device.Diag.Error(path, $"must be an object, not {HoconSection.Describe(bad)}; write e.g. triggers {{ charge = 20, runtime = off }}");
            t = device.DefaultedChild("triggers");
        }

        return TriggerDefinitions.Read(new DefaultedTriggerValues(t));
    }
}
