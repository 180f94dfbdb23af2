namespace Supervisor.Drivers.Tests.Modbus;

public sealed class ModbusReadingMapperTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<(byte, int), ushort> Image(params (int Address, float Value)[] floats)
    {
        var image = new Dictionary<(byte, int), ushort>();
        foreach (var (address, value) in floats)
        {
            var bits = BitConverter.SingleToUInt32Bits(value);
            image[(4, address)] = (ushort)(bits >> 16);
            image[(4, address + 1)] = (ushort)bits;
        }
        return image;
    }

    private static readonly (int, float)[] Sdm120Values = [(0x00, 230.1f), (0x06, 5.2f), (0x0C, 1196.5f), (0x46, 50f), (0x48, 1234.5f)];

    [Fact]
    public void ToReading_should_fill_every_meter_field_when_all_sdm120_registers_are_valid()
    {
        var result = ModbusReadingMapper.ToReading("meter", ModbusRegisterMaps.Sdm120, Image(Sdm120Values), Now);
        Assert.True(result.IsSuccess, result.Error);
        var r = result.Value.Reading;
        Assert.Equal(("meter", Now, true, false, false, false), (r.DeviceId, r.Time, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        Assert.Equal((230.1, 5.2, 1196.5, 50.0, 1234.5), (r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.FrequencyHz, r.EnergyKwh));
        Assert.Null(r.ChargePercent);
        Assert.Null(r.RuntimeSeconds);
        Assert.Null(r.LoadPercent);
        Assert.Null(r.RelayOn);
        Assert.Equal("230.1 V, 5.2 A, 1196.5 W, 50 Hz, 1234.5 kWh", r.RawStatus);
        Assert.Empty(result.Value.Warnings);
    }

    [Fact]
    public void ToReading_should_drop_value_with_warning_when_float_is_nan_or_infinite()
    {
        // 0x7FC00000 is the quiet NaN other platforms send (.NET's float.NaN is 0xFFC00000).
        var image = Image([.. Sdm120Values[..3], (0x46, BitConverter.UInt32BitsToSingle(0x7FC00000)), (0x48, float.PositiveInfinity)]);
        var result = ModbusReadingMapper.ToReading("meter", ModbusRegisterMaps.Sdm120, image, Now);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Value.Reading.FrequencyHz);
        Assert.Null(result.Value.Reading.EnergyKwh);
        Assert.Equal(1196.5, result.Value.Reading.PowerWatts);
        Assert.Equal(
            ["frequency: registers 0x0046-0x0047 (function 4) is NaN, not a number the meter measured (raw 0x7FC0 0x0000); reported as unknown",
             "energy-kwh: registers 0x0048-0x0049 (function 4) is Infinity, not a number the meter measured (raw 0x7F80 0x0000); reported as unknown"],
            result.Value.Warnings);
    }

    [Fact]
    public void ToReading_should_fail_naming_every_problem_when_no_measurement_is_usable()
    {
        var image = Image((0x00, float.NaN), (0x06, float.NaN), (0x0C, float.NegativeInfinity), (0x46, float.NaN), (0x48, float.NaN));
        var result = ModbusReadingMapper.ToReading("meter", ModbusRegisterMaps.Sdm120, image, Now);
        Assert.False(result.IsSuccess);
        Assert.StartsWith("no usable measurement in the reply: voltage: register", result.Error);
        Assert.Contains("power: registers 0x000C-0x000D (function 4) is -Infinity", result.Error);
    }

    [Fact]
    public void ToReading_should_fail_when_map_is_empty()
    {
        Assert.Equal("the register map is empty; nothing to read", ModbusReadingMapper.ToReading("m", [], Image(), Now).Error);
    }

    [Fact]
    public void ToReading_should_warn_when_a_register_was_not_read()
    {
        var result = ModbusReadingMapper.ToReading("meter", ModbusRegisterMaps.Sdm120, Image(Sdm120Values[..4]), Now);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(["energy-kwh: registers 0x0048-0x0049 (function 4) was not read; reported as unknown"], result.Value.Warnings);
    }

    [Theory]
    [InlineData(MeterMeasurement.ChargePercent, 101, "outside 0-100 %")]
    [InlineData(MeterMeasurement.ChargePercent, -1, "outside 0-100 %")]
    [InlineData(MeterMeasurement.RuntimeSeconds, -5, "a negative runtime")]
    public void ToReading_should_drop_value_with_warning_when_battery_value_is_impossible(MeterMeasurement m, short raw, string expected)
    {
        ModbusRegister[] map = [new(m, 0, 3, ModbusValueType.Int16, ModbusWordOrder.Big, 1), new(MeterMeasurement.Power, 1, 3, ModbusValueType.UInt16, ModbusWordOrder.Big, 1)];
        var image = new Dictionary<(byte, int), ushort> { [(3, 0)] = (ushort)raw, [(3, 1)] = 40 };
        var result = ModbusReadingMapper.ToReading("bank", map, image, Now);
        Assert.True(result.IsSuccess, result.Error);
        Assert.Null(result.Value.Reading.ChargePercent);
        Assert.Null(result.Value.Reading.RuntimeSeconds);
        Assert.Contains(expected, Assert.Single(result.Value.Warnings));
    }

    [Fact]
    public void ToReading_should_map_battery_fields_when_custom_map_has_charge_and_runtime()
    {
        ModbusRegister[] map =
        [
            new(MeterMeasurement.ChargePercent, 0, 3, ModbusValueType.UInt16, ModbusWordOrder.Big, 1),
            new(MeterMeasurement.RuntimeSeconds, 1, 3, ModbusValueType.UInt32, ModbusWordOrder.Little, 60),
        ];
        var image = new Dictionary<(byte, int), ushort> { [(3, 0)] = 87, [(3, 1)] = 90, [(3, 2)] = 0 };
        var r = ModbusReadingMapper.ToReading("bank", map, image, Now).Value.Reading;
        Assert.Equal((87.0, 5400.0), (r.ChargePercent, r.RuntimeSeconds));
        Assert.Equal("87 %, 5400 s runtime", r.RawStatus);
    }
}
