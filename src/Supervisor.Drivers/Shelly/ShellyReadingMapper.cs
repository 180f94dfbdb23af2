using System.Globalization;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Shelly;

/// <summary>A mapped reading plus the problems that did not stop it (shown to the operator, never dropped).</summary>
public sealed record ShellyMappedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>Maps a <see cref="ShellyMeasurement"/> to the protocol-neutral <see cref="Reading"/>. Pure.</summary>
public static class ShellyReadingMapper
{
    /// <summary>
    /// A plug has no notion of mains or battery: it only measures. So the reading says OnLine = true and
    /// OnBattery = false, and the device's sensing rules (warning/critical/dead watts) decide from
    /// <see cref="Reading.PowerWatts"/> whether mains is present. A plug that lost mains does not answer at all.
    /// </summary>
    public static ShellyMappedReading ToReading(string deviceId, ShellyDeviceInfo? device, ShellyMeasurement m, DateTimeOffset time)
    {
        var warnings = new List<string>(m.Warnings);
        // 0 W behind an open relay is the relay, not a dead feed; say so, since sensing rules see only the watts.
        if (m.RelayOn == false)
            warnings.Add($"{m.Source}: the relay is off, so the outlet draws no power; 0 W here does not mean mains is lost");

        var reading = MeterReadings.Measured(deviceId, time, m.Voltage, m.PowerWatts, RawStatus(device, m)) with
        {
            CurrentAmps = m.CurrentAmps,
            FrequencyHz = m.FrequencyHz,
            EnergyKwh = m.EnergyKwh,
            RelayOn = m.RelayOn,
        };
        return new ShellyMappedReading(reading, warnings);
    }

    /// <summary>E.g. <c>Gen2 SNPL-00112EU switch:0 relay on 8.9 W</c>: short, for logs.</summary>
    private static string RawStatus(ShellyDeviceInfo? device, ShellyMeasurement m)
    {
        var relay = m.RelayOn switch { true => " relay on", false => " relay off", null => "" };
        var who = device is null ? "" : $"Gen{device.Generation} {device.Model} ";
        return $"{who}{m.Source}{relay} {m.PowerWatts.ToString("0.##", CultureInfo.InvariantCulture)} W";
    }
}
