using System.Globalization;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Nut;

/// <summary>A mapped reading plus the problems that did not stop it (shown to the operator, never dropped).</summary>
public sealed record NutMappedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>Maps a <c>LIST VAR</c> variable map to the protocol-neutral <see cref="Reading"/>. Pure.</summary>
public static class NutReadingMapper
{
    /// <summary>
    /// Builds the reading. <c>ups.status</c> is the only required variable: without it we cannot tell on-line
    /// from on-battery, so the reading fails. An empty one (like <c>WAIT</c>) is a reply without a power state, which
    /// the health rules judge (they keep the previous health until stale-after). Numeric variables are optional.
    /// <para>
    /// Choice for an unparseable number (e.g. <c>battery.charge "N/A"</c>): the value becomes null and a
    /// warning naming the variable and its text is returned. We do not fail the whole reading because the
    /// status flags (OB, LB, FSD) are what shutdown decisions hang on; dropping them over a bad load figure
    /// would turn a readable UPS into an UNKNOWN one exactly when it matters.
    /// </para>
    /// </summary>
    /// <summary>The status watch's view of <c>ups.status</c>: the same tokens as a full reading reads them.</summary>
    public static StatusProbe ToStatusProbe(string rawStatus, DateTimeOffset time)
    {
        var status = NutReplyParser.ParseStatus(rawStatus);
        return new StatusProbe(time, rawStatus, OnLine: status.Contains("OL"), OnBattery: status.Contains("OB"),
            LowBattery: status.Contains("LB"), ForcedShutdown: status.Contains("FSD"));
    }

    public static ParseResult<NutMappedReading> ToReading(
        string deviceId, string ups, IReadOnlyDictionary<string, string> vars, DateTimeOffset time)
    {
        if (!vars.TryGetValue("ups.status", out var rawStatus))
            return ParseResult<NutMappedReading>.Fail($"upsd returned no ups.status for {ups}");
        var status = ToStatusProbe(rawStatus, time);

        var warnings = new List<string>();
        double? Number(string name)
        {
            if (!vars.TryGetValue(name, out var text)) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
                return value;
            warnings.Add($"{ups}: {name} is not a number: {NutReplyParser.Show(text)}; reported as unknown");
            return null;
        }

        // ups.power is apparent power (VA), not watts; it is only the fallback when the UPS reports no real power.
        var power = vars.ContainsKey("ups.realpower") ? Number("ups.realpower") : Number("ups.power");

        var reading = new Reading(
            DeviceId: deviceId,
            Time: time,
            OnLine: status.OnLine,
            OnBattery: status.OnBattery,
            LowBattery: status.LowBattery,
            ForcedShutdown: status.ForcedShutdown,
            ChargePercent: Number("battery.charge"),
            RuntimeSeconds: Number("battery.runtime"),
            LoadPercent: Number("ups.load"),
            InputVoltage: Number("input.voltage"),
            PowerWatts: power,
            RawStatus: rawStatus);
        return ParseResult<NutMappedReading>.Ok(new NutMappedReading(reading, warnings));
    }
}
