using System.Globalization;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Kasa;

/// <summary>A mapped reading plus the problems that did not stop it (shown to the operator, never dropped).</summary>
public sealed record KasaMappedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>Maps sysinfo + realtime to the protocol-neutral <see cref="Reading"/>. Pure.</summary>
public static class KasaReadingMapper
{
    /// <summary>
    /// A plug cannot tell whether mains is present, so it always reports OnLine (and never OnBattery, LowBattery or
    /// FSD); the device's sensing settings decide from the watts. The relay comes from the outlet's own
    /// <c>state</c> on a strip, from <c>relay_state</c> on a single plug.
    /// </summary>
    public static KasaMappedReading ToReading(
        string deviceId, KasaSysInfo info, KasaOutlet? outlet, KasaRealtime realtime, DateTimeOffset time)
    {
        var relay = outlet is null ? info.RelayOn : outlet.Child.On;
        var where = outlet is null
            ? KasaOutlets.Describe(info)
            : $"{KasaOutlets.Describe(info)} outlet {outlet.Index}" +
              (string.IsNullOrEmpty(outlet.Child.Alias) ? "" : $" {KasaReplyParser.Show(outlet.Child.Alias)}");
        var raw = $"{where}: relay {(relay is null ? "unknown" : relay.Value ? "on" : "off")}, " +
                  $"{realtime.Watts.ToString("0.###", CultureInfo.InvariantCulture)} W";

        var reading = MeterReadings.Measured(deviceId, time, realtime.Volts, realtime.Watts, raw) with
        {
            CurrentAmps = realtime.Amps,
            EnergyKwh = realtime.EnergyKwh,
            RelayOn = relay,
        };
        // Only the chosen outlet's sysinfo warnings matter, but they are few; keep them all rather than filter.
        return new KasaMappedReading(reading, [.. info.Warnings, .. realtime.Warnings]);
    }
}
