using Supervisor.Domain.Configuration;

namespace Supervisor.Drivers.Modbus;

/// <summary>One read request of a poll: a run of registers of one function, and the measurements inside it.</summary>
public sealed record ModbusReadBlock(byte Function, ushort Address, ushort Count, IReadOnlyList<ModbusRegister> Registers);

/// <summary>
/// Groups a register map into as few read requests as possible. Pure.
/// <para>
/// Only contiguous or overlapping registers share a request; gaps are never bridged. Reading a register
/// the map does not name could hit an address the meter does not implement and fail the whole request with
/// exception 2 (Eastron tables have holes, e.g. SDM120 0x0002-0x0005), so an extra round trip per gap is the
/// safer price. Requests stay within <see cref="ModbusFrame.MaxRegistersPerRead"/> registers.
/// </para>
/// </summary>
public static class ModbusReadPlanner
{
    /// <summary>Blocks in function then address order. Registers must lie inside 0..65535 (the config loader checks).</summary>
    public static IReadOnlyList<ModbusReadBlock> Plan(IEnumerable<ModbusRegister> registers, int maxCount = ModbusFrame.MaxRegistersPerRead)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 2);
        var blocks = new List<ModbusReadBlock>();
        var current = new List<ModbusRegister>();
        byte function = 0;
        int start = 0, end = 0; // [start, end)

        foreach (var r in registers.OrderBy(r => r.Function).ThenBy(r => r.Address).ThenBy(r => r.Count))
        {
            if (r.Address < 0 || r.Address + r.Count > 0x10000)
                throw new ArgumentException($"{ModbusRegisterMaps.Name(r.Measurement)}: address {r.Address} is outside 0..65535");
            var fits = current.Count > 0 && r.Function == function && r.Address <= end &&
                       Math.Max(end, r.Address + r.Count) - start <= maxCount;
            if (!fits)
            {
                Flush();
                function = r.Function;
                start = r.Address;
                end = r.Address;
            }
            current.Add(r);
            end = Math.Max(end, r.Address + r.Count);
        }
        Flush();
        return blocks;

        void Flush()
        {
            if (current.Count == 0) return;
            blocks.Add(new ModbusReadBlock(function, (ushort)start, (ushort)(end - start), current.ToList()));
            current.Clear();
        }
    }
}
