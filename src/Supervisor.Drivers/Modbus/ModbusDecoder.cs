using System.Globalization;
using Supervisor.Domain.Configuration;

namespace Supervisor.Drivers.Modbus;

/// <summary>Turns the raw 16-bit registers of one value into a number. Pure; never throws on register contents.</summary>
public static class ModbusDecoder
{
    /// <summary>
    /// Decodes <paramref name="words"/> (exactly <see cref="ModbusRegister.Count"/> registers, in address order)
    /// and applies the scale. A float32 NaN or infinity is returned as is: the mapper decides what to do with it.
    /// </summary>
    public static ParseResult<double> Decode(ReadOnlySpan<ushort> words, ModbusRegister register)
    {
        if (words.Length != register.Count)
            return ParseResult<double>.Fail(
                $"{ModbusRegisterMaps.Name(register.Measurement)} needs {register.Count} register(s) but got {words.Length}");

        double raw;
        if (register.Count == 1)
        {
            raw = register.Type == ModbusValueType.Int16 ? (short)words[0] : words[0];
        }
        else
        {
            // Modbus sends each register big-endian; only the order of the two words varies between devices.
            var (high, low) = register.WordOrder == ModbusWordOrder.Big ? (words[0], words[1]) : (words[1], words[0]);
            var bits = ((uint)high << 16) | low;
            raw = register.Type switch
            {
                ModbusValueType.Float32 => Widen(BitConverter.UInt32BitsToSingle(bits)),
                ModbusValueType.Int32 => (int)bits,
                _ => bits,
            };
        }
        return ParseResult<double>.Ok(raw * register.Scale);
    }

    /// <summary>
    /// float → double via the float's shortest text, so 230.1f reads as 230.1 rather than 230.10000610351562
    /// in readings and logs. NaN and infinities pass through unchanged.
    /// </summary>
    private static double Widen(float value) =>
        float.IsFinite(value) ? double.Parse(value.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : value;
}
