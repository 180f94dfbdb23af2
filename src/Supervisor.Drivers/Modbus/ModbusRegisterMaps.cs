using Supervisor.Domain.Configuration;

namespace Supervisor.Drivers.Modbus;

/// <summary>
/// Built-in register maps. Eastron meters keep every value as an IEEE 754 float32 in two input registers
/// (function 4), high word first. Addresses are zero-based protocol addresses (manual register 30001 = 0x0000).
/// Checked against Eastron's published tables (as distributed by B+G e-tech, eastron-germany.de):
/// SDM120/SDM220/SDM230 single-phase table: 30001 voltage 0x0000, 30007 current 0x0006, 30013 active power
/// 0x000C, 30071 frequency 0x0046, 30073 import active energy 0x0048; SDM630 / SDM72D tables: 30001 phase 1
/// line-to-neutral volts 0x0000, 30007 phase 1 current 0x0006, 30053 total system power 0x0034, 30071
/// frequency 0x0046, 30073 total import kWh 0x0048 (30343 / 0x0156 is total = import + export, not used).
/// See docs/drivers/modbus.md for the sources.
/// </summary>
public static class ModbusRegisterMaps
{
    public static readonly IReadOnlyList<ModbusRegister> Sdm120 =
    [
        Float(MeterMeasurement.Voltage, 0x0000),
        Float(MeterMeasurement.Current, 0x0006),
        Float(MeterMeasurement.Power, 0x000C),
        Float(MeterMeasurement.Frequency, 0x0046),
        Float(MeterMeasurement.EnergyKwh, 0x0048),
    ];

    /// <summary>Phase 1 voltage and current stand for the supply; power is the whole system's.</summary>
    public static readonly IReadOnlyList<ModbusRegister> Sdm630 =
    [
        Float(MeterMeasurement.Voltage, 0x0000),
        Float(MeterMeasurement.Current, 0x0006),
        Float(MeterMeasurement.Power, 0x0034),
        Float(MeterMeasurement.Frequency, 0x0046),
        Float(MeterMeasurement.EnergyKwh, 0x0048),
    ];

    /// <summary>The map a device reads: the built-in one for its model, else its own <c>registers</c>.</summary>
    public static IReadOnlyList<ModbusRegister> For(ModbusOptions options) => options.Model switch
    {
        ModbusModel.Sdm120 => Sdm120,
        ModbusModel.Sdm630 => Sdm630,
        _ => options.Registers,
    };

    /// <summary>Config name of a measurement (<c>energy-kwh</c>), for messages and config keys.</summary>
    public static string Name(MeterMeasurement m) => m switch
    {
        MeterMeasurement.Voltage => "voltage",
        MeterMeasurement.Current => "current",
        MeterMeasurement.Power => "power",
        MeterMeasurement.Frequency => "frequency",
        MeterMeasurement.EnergyKwh => "energy-kwh",
        MeterMeasurement.ChargePercent => "charge-percent",
        MeterMeasurement.RuntimeSeconds => "runtime-seconds",
        _ => m.ToString(),
    };

    private static ModbusRegister Float(MeterMeasurement m, int address) =>
        new(m, address, ModbusFrame.ReadInputRegisters, ModbusValueType.Float32, ModbusWordOrder.Big, 1);
}
