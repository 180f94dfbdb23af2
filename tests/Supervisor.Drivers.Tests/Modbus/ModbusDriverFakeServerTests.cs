namespace Supervisor.Drivers.Tests.Modbus;

/// <summary>Driver behaviour against <see cref="FakeModbusServer"/>: each failure is explained, then the driver recovers.</summary>
public sealed class ModbusDriverFakeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static ModbusDriver Driver(int port, TimeSpan? timeout = null, int unitId = 1,
        ModbusModel model = ModbusModel.Sdm120, IReadOnlyList<ModbusRegister>? registers = null) =>
        new("meter-a", new ModbusOptions("127.0.0.1", port, unitId, model, registers ?? []), timeout ?? Timeout);

    /// <summary>Asserts the failure names the device and the problem, then that a healthy server is read again on a new connection.</summary>
    private static Task AssertFailsThenRecovers(FakeModbusServer fake, ModbusDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => fake.Behaviour = fake.Healthy(), r => Assert.Equal(1196.5, r.PowerWatts), expected);

    [Fact]
    public async Task ReadAsync_should_keep_one_connection_and_batch_requests_when_polled_repeatedly()
    {
        await using var fake = new FakeModbusServer();
        await using var driver = Driver(fake.Port, unitId: 17);
        for (var i = 0; i < 3; i++)
        {
            var r = await driver.ReadAsync(CancellationToken.None);
            Assert.Equal((230.1, 5.2, 1196.5, 50.0, 1234.5), (r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.FrequencyHz, r.EnergyKwh));
        }
        Assert.Equal(1, fake.Connections);
        var requests = fake.Received.ToList();
        Assert.Equal(12, requests.Count); // 4 requests per poll: 0x0000, 0x0006, 0x000C, then 0x0046-0x0049 together
        Assert.Equal([(0, 2), (6, 2), (12, 2), (0x46, 4)], requests.Take(4).Select(q => ((int)q.Address, (int)q.Count)));
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (ushort)i), requests.Select(q => q.TransactionId));
        Assert.All(requests, q => Assert.Equal((0, 17, 4), (q.ProtocolId, q.UnitId, q.Function)));
    }

    /// <summary>A reply to another request (transaction id) or from another unit is no answer to ours.</summary>
    [Theory]
    [InlineData(5, null, "reply has transaction id 6, but the request had 1")]
    [InlineData(0, (byte)7, "reply comes from unit id 7, but we asked unit id 1")]
    public async Task ReadAsync_should_fail_then_reconnect_when_reply_ids_do_not_match_the_request(int transactionOffset, byte? replyUnitId, string expected)
    {
        await using var fake = new FakeModbusServer();
        fake.Behaviour = fake.Healthy(replyUnitId, transactionOffset);
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, expected);
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_reconnect_when_connection_drops_mid_frame()
    {
        await using var fake = new FakeModbusServer();
        fake.Behaviour = async (q, s, ct) =>
        {
            await FakeModbusServer.Write(s, ct, FakeModbusServer.Reply(q.TransactionId, q.UnitId, q.Function, [0x4366, 0x199A])[..10]);
            s.Close();
        };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection in the middle of a reply, after 10 bytes", "bytes: 00 01 00 00 00 07 01 04 04 43");
    }

    [Fact]
    public async Task ReadAsync_should_time_out_then_reconnect_when_frame_stops_short()
    {
        await using var fake = new FakeModbusServer();
        await using var driver = Driver(fake.Port, timeout: TimeSpan.FromSeconds(1));
        await Polls.UntilOneSucceedsAsync(driver); // the timeout below is the reply's, not the connect's
        fake.Behaviour = (q, s, ct) => FakeModbusServer.Write(s, ct, FakeModbusServer.Reply(q.TransactionId, q.UnitId, q.Function, [0x4366, 0x199A])[..8]);
        await AssertFailsThenRecovers(fake, driver, "no reply from the meter at", "within 1s (waiting for the reply to read input registers");
    }

    [Fact]
    public async Task ReadAsync_should_explain_then_reconnect_when_server_closes_without_replying_on_a_new_connection()
    {
        await using var fake = new FakeModbusServer();
        fake.Behaviour = (_, s, _) => { s.Close(); return Task.CompletedTask; };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection without replying", "does the device accept this unit id");
    }

    [Fact]
    public async Task ReadAsync_should_reconnect_within_the_poll_when_the_server_closed_the_idle_connection()
    {
        await using var fake = new FakeModbusServer();
        await using var driver = Driver(fake.Port);
        await driver.ReadAsync(CancellationToken.None);
        // Like a gateway with an idle timeout: the kept connection is dead by the next poll.
        fake.Behaviour = (_, s, _) => { s.Close(); return Task.CompletedTask; };
        var failing = driver.ReadAsync(CancellationToken.None);
        await Assert.ThrowsAsync<DeviceException>(() => failing); // reconnected once, and the new connection failed too
        Assert.Equal(2, fake.Connections);

        fake.Behaviour = fake.Healthy();
        await driver.ReadAsync(CancellationToken.None);
        var healthy = fake.Healthy();
        var served = 0;
        fake.Behaviour = async (q, s, ct) => { await healthy(q, s, ct); if (++served % 4 == 0) s.Close(); }; // closes after each poll
        for (var i = 0; i < 3; i++) Assert.Equal(1196.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
        Assert.Equal(5, fake.Connections); // poll 1 still on connection 3; polls 2 and 3 each found it closed and reconnected
    }

    [Fact]
    public async Task ReadAsync_should_explain_exception_and_keep_the_connection_when_register_does_not_exist()
    {
        await using var fake = new FakeModbusServer();
        fake.Registers.TryRemove((4, 0x000D), out _);
        await using var driver = Driver(fake.Port);
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        Assert.Equal($"device \"meter-a\": the meter at 127.0.0.1:{fake.Port} (unit id 1) answered read input registers (function 4) of " +
                     "registers 0x000C-0x000D (power) with Modbus exception 2, illegal data address: some of registers 0x000C-0x000D " +
                     "do not exist on this meter; check the register map (model, address and function)", ex.Message);

        fake.SetFloat(0x000C, 0f);
        Assert.Equal(0.0, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
        Assert.Equal(1, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_read_holding_registers_of_a_custom_map_when_function_is_3()
    {
        await using var fake = new FakeModbusServer(sdm120: false);
        fake.Registers[(3, 0x10)] = 2301;
        fake.Registers[(3, 0x11)] = unchecked((ushort)-1234);
        await using var driver = Driver(fake.Port, model: ModbusModel.Custom, registers:
        [
            new(MeterMeasurement.Voltage, 0x10, 3, ModbusValueType.UInt16, ModbusWordOrder.Big, 0.1),
            new(MeterMeasurement.Power, 0x11, 3, ModbusValueType.Int16, ModbusWordOrder.Big, 0.1),
        ]);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(230.1, r.InputVoltage!.Value, 9);
        Assert.Equal(-123.4, r.PowerWatts!.Value, 9);
        Assert.Equal((3, 0x10, 2), (fake.Received.Single().Function, fake.Received.Single().Address, fake.Received.Single().Count));
    }

    [Fact]
    public async Task ReadAsync_should_report_nan_in_LastWarnings_when_one_float_is_nan()
    {
        await using var fake = new FakeModbusServer();
        fake.Registers[(4, 0x46)] = 0x7FC0;
        fake.Registers[(4, 0x47)] = 0;
        await using var driver = Driver(fake.Port);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Null(r.FrequencyHz);
        Assert.Equal(230.1, r.InputVoltage);
        Assert.Contains("frequency: registers 0x0046-0x0047 (function 4) is NaN", Assert.Single(driver.LastWarnings));

        fake.Registers[(4, 0x46)] = 0x4248; // 50.0
        await driver.ReadAsync(CancellationToken.None);
        Assert.Empty(driver.LastWarnings);
    }

    [Fact]
    public void Constructor_should_reject_unit_id_when_it_does_not_fit_a_byte()
    {
        var options = new ModbusOptions("127.0.0.1", 502, 256, ModbusModel.Sdm120, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ModbusDriver("meter-a", options, Timeout));
    }
}
