namespace Supervisor.Domain.Configuration;

/// <summary>Which register map a Modbus meter uses.</summary>
public enum ModbusModel
{
    /// <summary>Eastron SDM120 (single phase): voltage, current, power, frequency, import kWh.</summary>
    Sdm120,
    /// <summary>Eastron SDM630 (three phase): phase 1 voltage and current, total system power, frequency, import kWh.</summary>
    Sdm630,
    /// <summary>The map written in config under <c>registers { … }</c>.</summary>
    Custom,
}

/// <summary>How one value is stored in its register(s).</summary>
public enum ModbusValueType
{
    /// <summary>IEEE 754 single, two registers.</summary>
    Float32,
    Int16,
    UInt16,
    /// <summary>Two registers.</summary>
    Int32,
    /// <summary>Two registers.</summary>
    UInt32,
}

/// <summary>Order of the two 16-bit words of a 32-bit value (bytes inside each word are always big-endian, as Modbus sends them).</summary>
public enum ModbusWordOrder
{
    /// <summary>High word at the lower address (Eastron, most meters; "ABCD").</summary>
    Big,
    /// <summary>Low word at the lower address ("CDAB").</summary>
    Little,
}

/// <summary>What a register measures; each maps to one <c>Reading</c> field.</summary>
public enum MeterMeasurement
{
    /// <summary><c>voltage</c> → InputVoltage (V).</summary>
    Voltage,
    /// <summary><c>current</c> → CurrentAmps (A).</summary>
    Current,
    /// <summary><c>power</c> → PowerWatts (W).</summary>
    Power,
    /// <summary><c>frequency</c> → FrequencyHz (Hz).</summary>
    Frequency,
    /// <summary><c>energy-kwh</c> → EnergyKwh (kWh).</summary>
    EnergyKwh,
    /// <summary><c>charge-percent</c> → ChargePercent (battery meters).</summary>
    ChargePercent,
    /// <summary><c>runtime-seconds</c> → RuntimeSeconds (battery meters).</summary>
    RuntimeSeconds,
}

/// <summary>One value to read: <c>registers.&lt;measurement&gt; { address, function, type, word-order, scale }</c>.</summary>
/// <param name="Measurement">Which reading field it fills.</param>
/// <param name="Address">Zero-based protocol address (register number 30001 is address 0).</param>
/// <param name="Function">3 = read holding registers, 4 = read input registers.</param>
/// <param name="Type">How the register(s) are decoded.</param>
/// <param name="WordOrder">Word order of 32-bit types; ignored for 16-bit ones.</param>
/// <param name="Scale">Multiplier applied after decoding (e.g. 0.1 for a register in tenths of a volt).</param>
public sealed record ModbusRegister(
    MeterMeasurement Measurement, int Address, byte Function, ModbusValueType Type, ModbusWordOrder WordOrder, double Scale)
{
    /// <summary>Registers the value occupies: 1 for 16-bit types, 2 for 32-bit ones.</summary>
    public int Count => Type is ModbusValueType.Int16 or ModbusValueType.UInt16 ? 1 : 2;
}

/// <summary>Modbus TCP power meter settings.</summary>
/// <param name="Host">Meter (or Modbus TCP gateway) host name or address.</param>
/// <param name="Port">Modbus TCP port (502).</param>
/// <param name="UnitId">Unit identifier (slave address behind a gateway), 0–255; default 1.</param>
/// <param name="Model">Built-in register map, or <see cref="ModbusModel.Custom"/>.</param>
/// <param name="Registers">The custom map; empty for built-in models (the driver knows their maps).</param>
public sealed record ModbusOptions(string Host, int Port, int UnitId, ModbusModel Model, IReadOnlyList<ModbusRegister> Registers)
    : DriverOptions
{
    public override string SummaryTarget() => $"{Host}:{Port} unit {UnitId} {ConfigSummary.Kebab(Model.ToString())}";

    public override string? ConnectsTo() => Host;

    /// <summary>Readable in logs (the default record ToString prints only the list's type name).</summary>
    public override string ToString() =>
        $"ModbusOptions {{ Host = {Host}, Port = {Port}, UnitId = {UnitId}, Model = {Model}, Registers = [{string.Join(", ", Registers)}] }}";
}
