using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Apcupsd;

/// <summary>A mapped reading plus the problems that did not stop it (shown to the operator, never dropped).</summary>
public sealed record ApcupsdMappedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>Maps an apcupsd status to the protocol-neutral <see cref="Reading"/>. Pure.</summary>
public static class ApcupsdReadingMapper
{
    // apcupsd's status bits (include/defines.h), as printed in STATFLAG.
    private const uint FlagOnline = 0x08, FlagOnBattery = 0x10, FlagBatteryLow = 0x40, FlagShutdown = 0x200;

    /// <summary>
    /// Builds the reading. STATUS is the only required line; an empty one is a reply without a power state (unless
    /// STATFLAG has one), which the health rules judge. <c>COMMLOST</c> fails the reading: apcupsd is
    /// reachable but does not know the UPS state, and reporting its stale numbers as current would be a lie.
    /// <para>
    /// A number that cannot be read (e.g. <c>BCHARGE : N/A</c>, or a unit other than the one expected) becomes
    /// null plus a warning, as in the NUT driver: the status flags are what shutdown decisions hang on, so a bad
    /// figure must not turn a readable UPS into an unknown one.
    /// </para>
    /// <para>
    /// While shutting down, apcupsd replaces the STATUS words with <c>SHUTTING DOWN</c>; on-line / on-battery /
    /// low-battery then come from the STATFLAG bits, which apcupsd keeps up to date.
    /// </para>
    /// </summary>
    public static ParseResult<ApcupsdMappedReading> ToReading(string deviceId, ApcupsdStatus status, DateTimeOffset time)
    {
        if (!status.Values.TryGetValue("STATUS", out var rawStatus))
            return Fail("the reply has no STATUS line" + (status.FirstRecord is { } first
                ? $" (first line: {ApcupsdStatusParser.Show(first)}); is this port really apcupsd's NIS?"
                : " (the reply was empty); check apcupsd's log and apcaccess on that host"));
        var flags = ApcupsdStatusParser.ParseFlags(rawStatus);
        if (flags.Contains("COMMLOST"))
            return Fail("apcupsd has lost contact with the UPS (STATUS COMMLOST), so the UPS state is unknown; " +
                        "check the UPS's USB/serial cable and apcupsd's log (UPSTYPE/DEVICE in apcupsd.conf)");

        var warnings = new List<string>(status.Warnings);
        double? Number(string key, string unit)
        {
            if (!status.Values.TryGetValue(key, out var text)) return null;
            var parsed = ApcupsdStatusParser.ParseNumber(text);
            if (!parsed.IsSuccess)
            {
                warnings.Add($"{key} {parsed.Error}; reported as unknown");
                return null;
            }
            // A bare number is accepted (old versions print NOMPOWER without a unit); a different unit is not
            // guessed at: TIMELEFT in anything but minutes would be off by a factor.
            if (parsed.Value.Unit is { } u && !u.Equals(unit, StringComparison.OrdinalIgnoreCase))
            {
                warnings.Add($"{key} is in \"{u}\", not {unit}: {ApcupsdStatusParser.Show(text)}; reported as unknown");
                return null;
            }
            return parsed.Value.Value;
        }

        var bits = flags.Contains("ONLINE") || flags.Contains("ONBATT")
            ? null
            : ApcupsdStatusParser.ParseStatFlag(status.Values.GetValueOrDefault("STATFLAG"));
        bool Flag(string word, uint bit) => flags.Contains(word) || (bits is { } b && (b & bit) != 0);

        // Products of two valid numbers can still overflow; say so rather than report infinity.
        double? Finite(double? value, string key)
        {
            if (value is not { } v || double.IsFinite(v)) return value;
            warnings.Add($"{key} is out of range: {ApcupsdStatusParser.Show(status.Values[key])}; reported as unknown");
            return null;
        }

        var load = Number("LOADPCT", "Percent");
        var nominal = Number("NOMPOWER", "Watts");
        var reading = new Reading(
            DeviceId: deviceId,
            Time: time,
            OnLine: Flag("ONLINE", FlagOnline),
            OnBattery: Flag("ONBATT", FlagOnBattery),
            LowBattery: Flag("LOWBATT", FlagBatteryLow),
            ForcedShutdown: Flag("SHUTTING DOWN", FlagShutdown),
            ChargePercent: Number("BCHARGE", "Percent"),
            RuntimeSeconds: Finite(Number("TIMELEFT", "Minutes") * 60, "TIMELEFT"),
            LoadPercent: load,
            InputVoltage: Number("LINEV", "Volts"),
            // apcupsd reports no live watts; NOMPOWER (rated real power) x load is what apcaccess users compute too.
            PowerWatts: Finite(nominal * load / 100, "NOMPOWER"),
            RawStatus: rawStatus)
        {
            FrequencyHz = Number("LINEFREQ", "Hz"),
        };
        return ParseResult<ApcupsdMappedReading>.Ok(new ApcupsdMappedReading(reading, warnings));
    }

    private static ParseResult<ApcupsdMappedReading> Fail(string error) => ParseResult<ApcupsdMappedReading>.Fail(error);
}
