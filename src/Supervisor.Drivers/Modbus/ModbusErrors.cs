using System.Globalization;

namespace Supervisor.Drivers.Modbus;

/// <summary>What an exception reply was about: the request, where it went, and which measurements it was for.</summary>
public sealed record ModbusErrorContext(string Endpoint, byte UnitId, byte Function, ushort Address, ushort Count, IReadOnlyList<string> Measurements);

/// <summary>
/// Operator text for Modbus exception codes (Modbus Application Protocol v1.1b3, §7). Each message says which
/// request failed and what to change; the device id and endpoint are added by the driver's exception.
/// </summary>
public static class ModbusErrors
{
    public static string Describe(byte code, ModbusErrorContext c)
    {
        var what = $"{FunctionName(c.Function)} {Range(c.Address, c.Count)}" +
                   (c.Measurements.Count == 0 ? "" : $" ({string.Join(", ", c.Measurements)})");
        var reply = $"the meter at {c.Endpoint} (unit id {c.UnitId}) answered {what} with Modbus exception {code}";
        return code switch
        {
            1 => $"{reply}, illegal function: it does not support function {c.Function}; " +
                 $"try function = {(c.Function == ModbusFrame.ReadInputRegisters ? 3 : 4)} in the register map " +
                 "(some meters expose their values only as holding or only as input registers)",
            2 => $"{reply}, illegal data address: {Registers(c.Address, c.Count)} not exist on this meter; check the register map " +
                 "(model, address and function)" + RegisterNumberHint(c.Address),
            3 => $"{reply}, illegal data value: the meter refused to read {c.Count} register(s) at once there; " +
                 "check that 32-bit values start on the right address and type, and whether the meter limits registers per request",
            4 => $"{reply}, server device failure: the meter failed internally while reading; check the meter itself",
            5 => $"{reply}, acknowledge: the meter accepted a long-running request; this driver only reads, so check the meter's firmware",
            6 => $"{reply}, server busy: the meter is busy with another client; this poll failed, the next one retries",
            8 => $"{reply}, memory parity error: the meter reports corrupt storage; check the meter itself",
            10 => $"{reply}, gateway path unavailable: the gateway has no route to unit id {c.UnitId}; " +
                  "check unit-id and the gateway's serial-port configuration",
            11 => $"{reply}, gateway target device failed to respond: no device with unit id {c.UnitId} answered behind the gateway; " +
                  "check unit-id, RS-485 wiring, baud rate and parity",
            _ => $"{reply}, an exception code this driver does not know; see the meter's manual",
        };
    }

    public static string FunctionName(byte function) => function switch
    {
        ModbusFrame.ReadHoldingRegisters => "read holding registers (function 3) of",
        ModbusFrame.ReadInputRegisters => "read input registers (function 4) of",
        _ => $"function {function} on",
    };

    /// <summary>"register 0x0190" or "registers 0x0190-0x0191".</summary>
    public static string Range(int address, int count) =>
        count <= 1 ? $"register {Hex(address)}" : $"registers {Hex(address)}-{Hex(address + count - 1)}";

    public static string Hex(int address) => "0x" + address.ToString("X4", CultureInfo.InvariantCulture);

    private static string Registers(int address, int count) =>
        count <= 1 ? $"register {Hex(address)} does" : $"some of registers {Hex(address)}-{Hex(address + count - 1)} do";

    /// <summary>Manuals list input registers as 30001… and holding registers as 40001…; the address is that minus 30001 / 40001.</summary>
    private static string RegisterNumberHint(int address) =>
        address is >= 30001 and <= 49999
            ? $"; {address} looks like a register number from a manual: the address is that number minus " +
              $"{(address >= 40001 ? 40001 : 30001)}, i.e. address = {address - (address >= 40001 ? 40001 : 30001)}"
            : "";
}
