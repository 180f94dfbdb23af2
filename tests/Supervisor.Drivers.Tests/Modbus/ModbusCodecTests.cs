namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>Decoder, read planner, error texts and built-in maps: the pure pieces under the driver.</summary>
public sealed class ModbusCodecTests
{
    private static ModbusRegister Reg(ModbusValueType type, ModbusWordOrder order = ModbusWordOrder.Big, double scale = 1,
        int address = 0, byte function = 4, MeterMeasurement m = MeterMeasurement.Power) => new(m, address, function, type, order, scale);

    [Theory]
    [InlineData(ModbusValueType.Float32, ModbusWordOrder.Big, new ushort[] { 0x4366, 0x199A }, 1, 230.1)]
    [InlineData(ModbusValueType.Float32, ModbusWordOrder.Little, new ushort[] { 0x199A, 0x4366 }, 1, 230.1)]
    [InlineData(ModbusValueType.Int16, ModbusWordOrder.Big, new ushort[] { 0xFB2E }, 0.1, -123.4)]
    [InlineData(ModbusValueType.UInt16, ModbusWordOrder.Big, new ushort[] { 0xFB2E }, 1, 64302)]
    [InlineData(ModbusValueType.Int32, ModbusWordOrder.Big, new ushort[] { 0xFFFF, 0xEAE8 }, 1, -5400)]
    [InlineData(ModbusValueType.Int32, ModbusWordOrder.Little, new ushort[] { 0xEAE8, 0xFFFF }, 1, -5400)]
    [InlineData(ModbusValueType.UInt32, ModbusWordOrder.Big, new ushort[] { 0xFFFF, 0xEAE8 }, 1, 4294961896)]
    [InlineData(ModbusValueType.UInt32, ModbusWordOrder.Little, new ushort[] { 0xCD15, 0x075B }, 0.001, 123456.789)]
    public void Decode_should_give_value_when_type_word_order_and_scale_are_applied(
        ModbusValueType type, ModbusWordOrder order, ushort[] words, double scale, double expected)
    {
        var result = ModbusDecoder.Decode(words, Reg(type, order, scale));
        Assert.True(result.IsSuccess, result.Error);
        Assert.Equal(expected, result.Value, 9);
    }

    [Fact]
    public void Decode_should_keep_float_text_value_when_float32_is_widened_to_double()
    {
        // Without the shortest-text widening this would be 230.10000610351562.
        Assert.Equal(230.1, ModbusDecoder.Decode(new ushort[] { 0x4366, 0x199A }, Reg(ModbusValueType.Float32)).Value);
    }

    [Fact]
    public void Decode_should_pass_nan_through_when_float32_holds_nan()
    {
        Assert.True(double.IsNaN(ModbusDecoder.Decode(new ushort[] { 0x7FC0, 0 }, Reg(ModbusValueType.Float32)).Value));
        Assert.True(double.IsPositiveInfinity(ModbusDecoder.Decode(new ushort[] { 0x7F80, 0 }, Reg(ModbusValueType.Float32)).Value));
    }

    [Fact]
    public void Decode_should_fail_when_word_count_does_not_fit_the_type()
    {
        var result = ModbusDecoder.Decode(new ushort[] { 1 }, Reg(ModbusValueType.UInt32));
        Assert.Equal("power needs 2 register(s) but got 1", result.Error);
    }

    [Fact]
    public void Plan_should_batch_only_contiguous_registers_when_sdm120_map_has_gaps()
    {
        var plan = ModbusReadPlanner.Plan(ModbusRegisterMaps.Sdm120);
        Assert.Equal(
            new[] { (4, 0x0000, 2), (4, 0x0006, 2), (4, 0x000C, 2), (4, 0x0046, 4) },
            plan.Select(b => ((int)b.Function, (int)b.Address, (int)b.Count)));
        Assert.Equal([MeterMeasurement.Frequency, MeterMeasurement.EnergyKwh], plan[3].Registers.Select(r => r.Measurement));
    }

    [Fact]
    public void Plan_should_separate_functions_and_merge_overlaps_when_registers_share_addresses()
    {
        var plan = ModbusReadPlanner.Plan([
            Reg(ModbusValueType.UInt16, address: 0x100, function: 3),
            Reg(ModbusValueType.UInt32, address: 0x100, function: 3, m: MeterMeasurement.EnergyKwh),
            Reg(ModbusValueType.Int16, address: 0x102, function: 3, m: MeterMeasurement.Voltage),
            Reg(ModbusValueType.Float32, address: 0x100, function: 4, m: MeterMeasurement.Frequency),
        ]);
        Assert.Equal(new[] { (3, 0x100, 3), (4, 0x100, 2) }, plan.Select(b => ((int)b.Function, (int)b.Address, (int)b.Count)));
    }

    [Fact]
    public void Plan_should_split_at_125_registers_when_a_contiguous_run_is_longer()
    {
        var run = Enumerable.Range(0, 100).Select(i => Reg(ModbusValueType.Float32, address: 2 * i)).ToList();
        var plan = ModbusReadPlanner.Plan(run);
        Assert.Equal(new[] { (0, 124), (124, 76) }, plan.Select(b => ((int)b.Address, (int)b.Count)));
        Assert.All(plan, b => Assert.True(b.Count <= ModbusFrame.MaxRegistersPerRead));
        Assert.Equal(100, plan.Sum(b => b.Registers.Count));
    }

    [Fact]
    public void Plan_should_return_no_requests_when_map_is_empty()
    {
        Assert.Empty(ModbusReadPlanner.Plan([]));
    }

    [Fact]
    public void Describe_should_name_register_and_fix_when_exception_is_illegal_data_address()
    {
        var text = ModbusErrors.Describe(2, new ModbusErrorContext("10.0.0.5:502", 1, 4, 0x0190, 1, ["voltage"]));
        Assert.Equal("the meter at 10.0.0.5:502 (unit id 1) answered read input registers (function 4) of register 0x0190 (voltage) " +
                     "with Modbus exception 2, illegal data address: register 0x0190 does not exist on this meter; " +
                     "check the register map (model, address and function)", text);
    }

    [Theory]
    [InlineData(1, "illegal function: it does not support function 4; try function = 3")]
    [InlineData(3, "illegal data value")]
    [InlineData(4, "server device failure")]
    [InlineData(6, "server busy")]
    [InlineData(10, "gateway path unavailable: the gateway has no route to unit id 9")]
    [InlineData(11, "no device with unit id 9 answered behind the gateway; check unit-id")]
    [InlineData(77, "Modbus exception 77, an exception code this driver does not know")]
    public void Describe_should_explain_code_when_meter_answers_with_an_exception(byte code, string expected)
    {
        Assert.Contains(expected, ModbusErrors.Describe(code, new ModbusErrorContext("m:502", 9, 4, 0, 2, ["voltage"])));
    }

    [Fact]
    public void Describe_should_hint_at_register_numbers_when_address_looks_like_a_manual_number()
    {
        var text = ModbusErrors.Describe(2, new ModbusErrorContext("m:502", 1, 4, 30013, 2, ["power"]));
        Assert.Contains("some of registers 0x753D-0x753E do not exist", text);
        Assert.EndsWith("30013 looks like a register number from a manual: the address is that number minus 30001, i.e. address = 12", text);
    }

    [Fact]
    public void Maps_should_hold_eastron_addresses_when_model_is_built_in()
    {
        static IEnumerable<(MeterMeasurement, int)> Of(IReadOnlyList<ModbusRegister> map) => map.Select(r => (r.Measurement, r.Address));
        Assert.Equal([(MeterMeasurement.Voltage, 0x00), (MeterMeasurement.Current, 0x06), (MeterMeasurement.Power, 0x0C),
                      (MeterMeasurement.Frequency, 0x46), (MeterMeasurement.EnergyKwh, 0x48)], Of(ModbusRegisterMaps.Sdm120));
        Assert.Equal([(MeterMeasurement.Voltage, 0x00), (MeterMeasurement.Current, 0x06), (MeterMeasurement.Power, 0x34),
                      (MeterMeasurement.Frequency, 0x46), (MeterMeasurement.EnergyKwh, 0x48)], Of(ModbusRegisterMaps.Sdm630));
        Assert.All(ModbusRegisterMaps.Sdm120.Concat(ModbusRegisterMaps.Sdm630), r =>
            Assert.Equal((4, ModbusValueType.Float32, ModbusWordOrder.Big, 1.0), (r.Function, r.Type, r.WordOrder, r.Scale)));
    }
}
