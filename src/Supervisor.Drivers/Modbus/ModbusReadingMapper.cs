using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Readings;

namespace Supervisor.Drivers.Modbus;

/// <summary>A mapped reading plus the problems that did not stop it (shown to the operator, never dropped).</summary>
public sealed record ModbusMappedReading(Reading Reading, IReadOnlyList<string> Warnings);

/// <summary>Maps the registers read in one poll to the protocol-neutral <see cref="Reading"/>. Pure.</summary>
public static class ModbusReadingMapper
{
    /// <summary>
    /// Decodes every register of <paramref name="map"/> from <paramref name="image"/> ((function, address) → word).
    /// <para>
    /// A value that is NaN or infinite (an Eastron meter sends NaN for a value it cannot measure yet), a
    /// charge outside 0–100 or a negative runtime (usually a wrong scale or type) is left out with a warning
    /// naming it, instead of passing a garbage number to the health rules. The poll fails only when no
    /// measurement at all is usable: a reading with nothing in it would look healthy while saying nothing.
    /// </para>
    /// A meter has no on-battery state of its own: OnLine is true, and the device's sensing settings decide
    /// mains presence from voltage, frequency or power.
    /// </summary>
    public static ParseResult<ModbusMappedReading> ToReading(
        string deviceId, IReadOnlyList<ModbusRegister> map, IReadOnlyDictionary<(byte Function, int Address), ushort> image, DateTimeOffset time)
    {
        var warnings = new List<string>();
        var values = new Dictionary<MeterMeasurement, double>();
        Span<ushort> words = stackalloc ushort[2];
        foreach (var r in map)
        {
            var name = ModbusRegisterMaps.Name(r.Measurement);
            var where = $"{ModbusErrors.Range(r.Address, r.Count)} (function {r.Function})";
            var complete = true;
            for (var i = 0; i < r.Count; i++)
                complete &= image.TryGetValue((r.Function, r.Address + i), out words[i]);
            if (!complete)
            {
                warnings.Add($"{name}: {where} was not read; reported as unknown");
                continue;
            }
            var decoded = ModbusDecoder.Decode(words[..r.Count], r);
            if (!decoded.IsSuccess)
            {
                warnings.Add($"{name}: {decoded.Error}; reported as unknown");
                continue;
            }
            var v = decoded.Value;
            var problem = !double.IsFinite(v) ? $"is {Show(v)}, not a number the meter measured"
                : r.Measurement == MeterMeasurement.ChargePercent && v is < 0 or > 100 ? $"is {Show(v)}, outside 0-100 %; check its scale and type"
                : r.Measurement == MeterMeasurement.RuntimeSeconds && v < 0 ? $"is {Show(v)}, a negative runtime; check its scale and type"
                : null;
            if (problem is not null)
            {
                warnings.Add($"{name}: {where} {problem} (raw {Raw(words[..r.Count])}); reported as unknown");
                continue;
            }
            values[r.Measurement] = v;
        }

        if (values.Count == 0)
            return ParseResult<ModbusMappedReading>.Fail(
                map.Count == 0 ? "the register map is empty; nothing to read"
                               : "no usable measurement in the reply: " + string.Join("; ", warnings));

        double? Get(MeterMeasurement m) => values.TryGetValue(m, out var v) ? v : null;
        var reading = MeterReadings.Measured(deviceId, time, Get(MeterMeasurement.Voltage), Get(MeterMeasurement.Power), Summary(values),
            Get(MeterMeasurement.ChargePercent), Get(MeterMeasurement.RuntimeSeconds)) with
        {
            CurrentAmps = Get(MeterMeasurement.Current),
            FrequencyHz = Get(MeterMeasurement.Frequency),
            EnergyKwh = Get(MeterMeasurement.EnergyKwh),
        };
        return ParseResult<ModbusMappedReading>.Ok(new ModbusMappedReading(reading, warnings));
    }

    /// <summary>"230.1 V, 5.2 A, 1196.5 W, 50 Hz, 1234.5 kWh": a meter has no status word, so the values stand in for it in logs.</summary>
    private static string Summary(Dictionary<MeterMeasurement, double> values) =>
        string.Join(", ", Enum.GetValues<MeterMeasurement>().Where(values.ContainsKey).Select(m => Show(values[m]) + m switch
        {
            MeterMeasurement.Voltage => " V",
            MeterMeasurement.Current => " A",
            MeterMeasurement.Power => " W",
            MeterMeasurement.Frequency => " Hz",
            MeterMeasurement.EnergyKwh => " kWh",
            MeterMeasurement.ChargePercent => " %",
            _ => " s runtime",
        }));

    private static string Show(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Raw(ReadOnlySpan<ushort> words)
    {
        var parts = new string[words.Length];
        for (var i = 0; i < words.Length; i++) parts[i] = "0x" + words[i].ToString("X4", CultureInfo.InvariantCulture);
        return string.Join(" ", parts);
    }
}
