using Supervisor.Drivers;
using Supervisor.Drivers.Modbus;
using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary><c>driver = modbus</c> keys: defaults from reference.conf, overrides, the custom register map, and bad values with their paths.</summary>
public sealed class ModbusConfigTests
{
    private const string Path = "supervisor.devices.meter";
    private static readonly string Group = RackA.Replace("members = [ups-a]", "members = [meter]");

    private static string Meter(string body) => $"{Path} {{\n  driver = modbus\n  {body}\n}}\n{Group}";

    private static ModbusOptions Options(string body) =>
        Assert.IsType<ModbusOptions>(LoadValid(Meter(body)).Devices.Single().Options);

    [Fact]
    public void Loader_should_apply_modbus_defaults_when_only_host_is_set()
    {
        var o = Options("host = \"10.0.0.5\"");
        Assert.Equal(("10.0.0.5", 502, 1, ModbusModel.Sdm120), (o.Host, o.Port, o.UnitId, o.Model));
        Assert.Empty(o.Registers);
    }

    [Fact]
    public void Loader_should_use_overrides_when_modbus_keys_are_set()
    {
        var o = Options("host = meter.lan, port = 1502, unit-id = 0, model = SDM630");
        Assert.Equal(("meter.lan", 1502, 0, ModbusModel.Sdm630), (o.Host, o.Port, o.UnitId, o.Model));
    }

    [Fact]
    public void Loader_should_apply_user_defaults_when_defaults_modbus_is_overridden()
    {
        var r = LoadValid($"supervisor.defaults.modbus {{ port = 5020, unit-id = 7 }}\n{Meter("host = m")}");
        var o = Assert.IsType<ModbusOptions>(r.Devices.Single().Options);
        Assert.Equal((5020, 7), (o.Port, o.UnitId));
    }

    [Fact]
    public void Loader_should_read_every_register_key_when_model_is_custom()
    {
        var o = Options("""
            host = m, model = custom
              registers {
                voltage { address = 0x0101, function = 3, type = uint16, scale = 0.1 }
                power { address = 256, function = 3, type = int16, scale = -0.1 }
                energy-kwh { address = 0x104, function = 3, type = uint32, word-order = little, scale = 0.001 }
                current { address = 6, type = int32, word-order = big }
                frequency { address = 70 }
                charge-percent { address = 2, function = 3, type = uint16 }
                runtime-seconds { address = 0x0108, function = 3, type = uint32 }
              }
            """);
        Assert.Equal(ModbusModel.Custom, o.Model);
        Assert.Equal(
            [
                new ModbusRegister(MeterMeasurement.Voltage, 0x0101, 3, ModbusValueType.UInt16, ModbusWordOrder.Big, 0.1),
                new ModbusRegister(MeterMeasurement.Power, 256, 3, ModbusValueType.Int16, ModbusWordOrder.Big, -0.1),
                new ModbusRegister(MeterMeasurement.EnergyKwh, 0x104, 3, ModbusValueType.UInt32, ModbusWordOrder.Little, 0.001),
                new ModbusRegister(MeterMeasurement.Current, 6, 4, ModbusValueType.Int32, ModbusWordOrder.Big, 1),
                new ModbusRegister(MeterMeasurement.Frequency, 70, 4, ModbusValueType.Float32, ModbusWordOrder.Big, 1),
                new ModbusRegister(MeterMeasurement.ChargePercent, 2, 3, ModbusValueType.UInt16, ModbusWordOrder.Big, 1),
                new ModbusRegister(MeterMeasurement.RuntimeSeconds, 0x0108, 3, ModbusValueType.UInt32, ModbusWordOrder.Big, 1),
            ],
            o.Registers);
    }

    [Fact]
    public void Factory_should_build_a_modbus_driver_with_the_custom_map_when_config_is_loaded()
    {
        var device = LoadValid(Meter("host = m, model = custom\nregisters { power { address = 12 } }")).Devices.Single();
        var driver = Assert.IsType<ModbusDriver>(DeviceDriverFactory.Create(device, TimeProvider.System));
        Assert.Equal("meter", driver.DeviceId);
        Assert.Equal((4, 12, 2), (driver.Requests.Single().Function, driver.Requests.Single().Address, driver.Requests.Single().Count));
    }

    [Fact]
    public void Loader_should_point_at_defaults_layer_when_bad_value_comes_from_user_defaults()
    {
        AssertRejected($"supervisor.defaults.modbus.unit-id = 999\n{Meter("host = m")}", "supervisor.defaults.modbus.unit-id");
    }

    [Fact]
    public void Loader_should_warn_when_register_has_unknown_key_or_useless_word_order()
    {
        var r = Load(Meter("host = m, model = custom\nregisters { power { adress = 1, address = 1 }\nvoltage { address = 3, type = int16, word-order = little } }"));
        Assert.Empty(r.Errors);
        Assert.Equal(
            [
                ("supervisor.devices.meter.registers.power.adress", "unknown key \"adress\" is ignored; did you mean address?"),
                ("supervisor.devices.meter.registers.voltage.word-order", "has no effect on a 16-bit type (int16); it only orders the two words of 32-bit values"),
            ],
            r.Warnings.Select(w => (w.Path, w.Message)).OrderBy(w => w.Path));
    }

    [Fact]
    public void Loader_should_warn_with_suggestion_when_a_modbus_key_is_misspelled()
    {
        var r = Load(Meter("host = m, unitid = 3"));
        Assert.Empty(r.Errors);
        var w = Assert.Single(r.Warnings);
        Assert.Equal(("supervisor.devices.meter.unitid", true), (w.Path, w.Message.Contains("did you mean unit-id?")));
    }
}
