using System.Globalization;
using Supervisor.Domain.Configuration;
using Supervisor.Drivers.Modbus;

namespace Supervisor.Configuration;

/// <summary>Keys of <c>driver = modbus</c> (Modbus TCP power meters); checked here because each value has a protocol range.</summary>
internal static partial class DriverOptionsReader
{
    private static readonly string[] ModbusRegisterKeys = ["address", "function", "type", "word-order", "scale"];

    private static readonly IReadOnlyDictionary<string, ModbusModel> ModbusModels = ConfigMaps.LowerCaseNames<ModbusModel>();
    private static readonly IReadOnlyDictionary<string, ModbusValueType> ModbusTypes = ConfigMaps.LowerCaseNames<ModbusValueType>();
    private static readonly IReadOnlyDictionary<string, ModbusWordOrder> ModbusWordOrders = ConfigMaps.LowerCaseNames<ModbusWordOrder>();

    /// <summary>voltage, current, power, …: the names the driver uses in its messages.</summary>
    private static readonly Dictionary<string, MeterMeasurement> ModbusMeasurements =
        Enum.GetValues<MeterMeasurement>().ToDictionary(ModbusRegisterMaps.Name);

    private static DriverOptions ReadModbus(HoconSection s, string? baseDirectory)
    {
        var host = s.OptionalString("host");
        if (host is null)
            s.Diag.Error(s.KeyPath("host"), "missing; set the meter's (or its Modbus TCP gateway's) host name or address, e.g. host = \"192.168.1.50\"");
        var port = s.Int("port");
        if (port is < 1 or > 65535)
            s.Diag.Error(PathOf(s, "port"), $"{port} is not a TCP port; use 1 to 65535 (Modbus TCP listens on 502)");
        var unitId = s.Int("unit-id");
        if (unitId is < 0 or > 255)
            s.Diag.Error(PathOf(s, "unit-id"), $"{unitId} is not a Modbus unit id; use 0 to 255 (1 to 247 for a device behind a serial gateway; default 1)");
        var model = s.Enum("model", ModbusModels);
        return new ModbusOptions(host ?? "", port, unitId, model, ReadModbusRegisters(s, model));
    }

    private static IReadOnlyList<ModbusRegister> ReadModbusRegisters(HoconSection s, ModbusModel model)
    {
        var value = s.Find("registers", out var path);
        if (value is null)
        {
            if (model == ModbusModel.Custom)
                s.Diag.Error(path, "missing; model = custom needs a register map, e.g. registers { power { address = 12, function = 4, type = float32 } }");
            return [];
        }
        if (!value.IsObject())
        {
            s.Diag.Error(path, $"must be an object, not {HoconSection.Describe(value)}; write e.g. registers {{ power {{ address = 12 }} }}");
            return [];
        }
        if (model != ModbusModel.Custom)
        {
            s.Diag.Error(path, $"a register map is only read with model = custom, but model is {ModbusModels.First(m => m.Value == model).Key} " +
                               "(which has a built-in map); set model = custom to use this map, or remove registers");
            return [];
        }

        var section = s.Child("registers")!;
        // function, type, word-order and scale of every measurement: supervisor.defaults.modbus.register (reference.conf).
        var registerDefaults = s.DefaultsOnly().DefaultedChild("register");
        var result = new List<ModbusRegister>();
        foreach (var name in value.GetObject().Items.Keys)
        {
            var itemPath = section.KeyPath(name);
            if (!ModbusMeasurements.TryGetValue(name, out var measurement))
            {
                s.Diag.Error(itemPath, $"unknown measurement \"{name}\"; use any of {string.Join(", ", ModbusMeasurements.Keys)}");
                continue;
            }
            if (section.Child(name) is not { } item)
            {
                s.Diag.Error(itemPath, $"must be an object, not {HoconSection.Describe(section.Find(name, out _)!)}; " +
                                       $"write e.g. {name} {{ address = 0, function = 4, type = float32, word-order = big, scale = 1 }}");
                continue;
            }
            if (ReadModbusRegister(item.Over(registerDefaults), measurement) is { } register) result.Add(register);
            item.WarnUnknownKeys(ModbusRegisterKeys);
        }
        if (result.Count == 0 && value.GetObject().Items.Count == 0)
            s.Diag.Error(path, "empty; list at least one measurement, e.g. registers { power { address = 12 } }");
        return result;
    }

    /// <summary>One <c>registers.&lt;measurement&gt;</c> entry; null when it has an error (already reported).</summary>
    private static ModbusRegister? ReadModbusRegister(HoconSection item, MeterMeasurement measurement)
    {
        var function = item.Int("function");
        var type = item.Enum("type", ModbusTypes);
        var wordOrder = item.Enum("word-order", ModbusWordOrders);
        var scale = item.Number("scale");
        var ok = true;
        if (function is not (3 or 4))
        {
            item.Diag.Error(PathOf(item, "function"), $"{function} is not a register read function; use 3 (read holding registers) or 4 (read input registers)");
            ok = false;
        }
        if (scale == 0)
        {
            item.Diag.Error(PathOf(item, "scale"), "0 would make every value 0; use the multiplier the meter's manual gives, e.g. scale = 0.1 for tenths");
            ok = false;
        }
        if (type is ModbusValueType.Int16 or ModbusValueType.UInt16 && item.HasOwn("word-order"))
            item.Diag.Warn(PathOf(item, "word-order"), $"has no effect on a 16-bit type ({ModbusTypes.First(t => t.Value == type).Key}); it only orders the two words of 32-bit values");

        var text = item.OptionalString("address");
        var addressPath = PathOf(item, "address");
        if (text is null)
        {
            item.Diag.Error(addressPath, "missing; set the zero-based register address, e.g. address = 12 or address = 0x000C (register 30013 in a manual is address 12)");
            return null;
        }
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase);
        if (!int.TryParse(hex ? text[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.None, CultureInfo.InvariantCulture, out var address))
        {
            item.Diag.Error(addressPath, $"\"{text}\" is not a register address; write a whole number or hex, e.g. address = 12 or address = 0x000C");
            return null;
        }
        var count = type is ModbusValueType.Int16 or ModbusValueType.UInt16 ? 1 : 2;
        if (address + count > 0x10000)
        {
            item.Diag.Error(addressPath, $"{text} is outside the Modbus address range; a {count}-register value must start at 0 to {0x10000 - count}");
            return null;
        }
        return ok ? new ModbusRegister(measurement, address, (byte)function, type, wordOrder, scale) : null;
    }

    /// <summary>The path a key's winning value was written at (its own entry or a defaults layer).</summary>
    private static string PathOf(HoconSection s, string key)
    {
        s.Find(key, out var path);
        return path;
    }
}
