using Supervisor.Drivers.Tests.Nut;

namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>
/// The driver against a real Modbus TCP server: pymodbus 3.0.0 serving an Eastron SDM layout (sdm_sim.py).
/// Read-only tests share the class fixture (SDM120); tests that change or kill the server start their own.
/// </summary>
public sealed class ModbusDriverRealServerTests(ModbusMeterServer meter) : IClassFixture<ModbusMeterServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static ModbusDriver Driver(ModbusMeterServer server, ModbusModel model = ModbusModel.Sdm120, int unitId = 1,
        IReadOnlyList<ModbusRegister>? registers = null, TimeProvider? time = null) =>
        new("meter-a", new ModbusOptions(server.Host, server.Port, unitId, model, registers ?? []), Timeout, time ?? TimeProvider.System);

    private static ModbusRegister Reg(MeterMeasurement m, int address, ModbusValueType type, double scale = 1,
        ModbusWordOrder order = ModbusWordOrder.Big, byte function = 3) => new(m, address, function, type, order, scale);

    [Fact]
    public async Task ReadAsync_should_fill_every_sdm120_field_when_reading_the_simulated_meter()
    {
        await using var driver = Driver(meter);
        for (var poll = 0; poll < 3; poll++)
        {
            var r = await driver.ReadAsync(CancellationToken.None);
            Assert.Equal((230.1, 5.2, 1196.5, 50.0, 1234.5), (r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.FrequencyHz, r.EnergyKwh));
            Assert.Equal((true, false, false, false), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
            Assert.Equal("230.1 V, 5.2 A, 1196.5 W, 50 Hz, 1234.5 kWh", r.RawStatus);
            Assert.Empty(driver.LastWarnings);
        }
    }

    [Fact]
    public async Task ReadAsync_should_read_total_system_power_when_model_is_sdm630()
    {
        using var sdm630 = await ModbusMeterServer.StartAsync("sdm630");
        await using var driver = Driver(sdm630, ModbusModel.Sdm630);
        var r = await driver.ReadAsync(CancellationToken.None);
        // 0x0034 holds the sum of the three phases; phase 1 alone (0x000C) is 1196.5 W.
        Assert.Equal(2896.5, r.PowerWatts);
        Assert.Equal((230.1, 5.2, 50.0, 1234.5), (r.InputVoltage, r.CurrentAmps, r.FrequencyHz, r.EnergyKwh));
    }

    [Fact]
    public async Task ReadAsync_should_decode_integer_registers_when_custom_map_uses_scales_and_little_word_order()
    {
        await using var driver = Driver(meter, ModbusModel.Custom, registers:
        [
            Reg(MeterMeasurement.Power, 0x0100, ModbusValueType.Int16, scale: 0.1),
            Reg(MeterMeasurement.Voltage, 0x0101, ModbusValueType.UInt16, scale: 0.1),
            Reg(MeterMeasurement.ChargePercent, 0x0102, ModbusValueType.UInt16),
            Reg(MeterMeasurement.EnergyKwh, 0x0104, ModbusValueType.UInt32, scale: 0.001, order: ModbusWordOrder.Little),
            Reg(MeterMeasurement.Current, 0x0106, ModbusValueType.Int32, scale: -0.001),
            Reg(MeterMeasurement.RuntimeSeconds, 0x0108, ModbusValueType.UInt32),
            Reg(MeterMeasurement.Frequency, 0x0046, ModbusValueType.Float32, function: 4),
        ]);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(-123.4, r.PowerWatts!.Value, 9);
        Assert.Equal(230.1, r.InputVoltage!.Value, 9);
        Assert.Equal(87, r.ChargePercent);
        Assert.Equal(123456.789, r.EnergyKwh!.Value, 9);
        Assert.Equal(5.4, r.CurrentAmps!.Value, 9);
        Assert.Equal(5400, r.RuntimeSeconds);
        Assert.Equal(50, r.FrequencyHz);
        // 0x0103 is not in the map, so the holding registers take two requests; the float is a third.
        Assert.Equal([(3, 0x0100, 3), (3, 0x0104, 6), (4, 0x0046, 2)], driver.Requests.Select(b => ((int)b.Function, (int)b.Address, (int)b.Count)));
    }

    [Fact]
    public async Task ReadAsync_should_read_floats_from_holding_registers_when_map_uses_function_3()
    {
        await using var driver = Driver(meter, ModbusModel.Custom, registers: [Reg(MeterMeasurement.Voltage, 0, ModbusValueType.Float32)]);
        Assert.Equal(230.1, (await driver.ReadAsync(CancellationToken.None)).InputVoltage);
    }

    [Fact]
    public async Task ReadAsync_should_show_new_values_on_the_next_poll_when_registers_change_at_run_time()
    {
        using var server = await ModbusMeterServer.StartAsync();
        await using var driver = Driver(server);
        Assert.Equal(1196.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);

        await server.SetFloatAsync(0x000C, 0);
        await server.SetFloatAsync(0x0006, 0);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((0.0, 0.0, 230.1), (r.PowerWatts, r.CurrentAmps, r.InputVoltage));

        await server.SetRegistersAsync(0x0046, [0x7FC0, 0x0000]); // a quiet NaN in the frequency
        r = await driver.ReadAsync(CancellationToken.None);
        Assert.Null(r.FrequencyHz);
        Assert.Equal("frequency: registers 0x0046-0x0047 (function 4) is NaN, not a number the meter measured (raw 0x7FC0 0x0000); reported as unknown",
            Assert.Single(driver.LastWarnings));
    }

    [Fact]
    public async Task ReadAsync_should_explain_exception_2_when_register_is_beyond_the_meter_map()
    {
        await using var driver = Driver(meter, ModbusModel.Custom, registers:
            [Reg(MeterMeasurement.Voltage, 0x0190, ModbusValueType.UInt16, function: 4)]);
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        Assert.Equal($"device \"meter-a\": the meter at 127.0.0.1:{meter.Port} (unit id 1) answered read input registers (function 4) of " +
                     "register 0x0190 (voltage) with Modbus exception 2, illegal data address: register 0x0190 does not exist on this meter; " +
                     "check the register map (model, address and function)", ex.Message);
    }

    [Fact]
    public async Task ReadAsync_should_accept_the_echoed_unit_id_when_unit_id_is_not_1()
    {
        // pymodbus (single=True) answers every unit id and echoes it; a mismatch is tested against the fake server.
        await using var driver = Driver(meter, unitId: 42);
        Assert.Equal(1196.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
    }

    [Fact]
    public async Task ReadAsync_should_fail_while_server_is_down_then_recover_when_it_is_back()
    {
        using var server = await ModbusMeterServer.StartAsync();
        var clock = new ManualTimeProvider(); // never advanced: no backoff window to wait out
        await using var driver = Driver(server, time: clock);
        Assert.Equal(1196.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);

        await server.StopAsync();
        await DriverAssert.FailsAsync(driver, $"connection refused by 127.0.0.1:{server.Port}");

        await server.RestartAsync();
        Assert.Equal(1196.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
    }

    [Fact]
    public async Task Fixture_should_fail_with_install_hint_when_python_is_missing()
    {
        var missing = new ModbusMeterServer("sdm120", "/nonexistent/python3");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(missing.InitializeAsync);
        Assert.StartsWith(ModbusMeterServer.NotInstalled, ex.Message);
    }
}
