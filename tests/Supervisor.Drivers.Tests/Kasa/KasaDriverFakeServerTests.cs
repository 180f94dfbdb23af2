using System.Buffers.Binary;

namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>Driver failure handling against <see cref="FakeKasa"/>: each failure is explained, then the driver recovers.</summary>
public sealed class KasaDriverFakeServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private static KasaDriver Driver(int port, TimeSpan? timeout = null, string? outlet = null) =>
        new("plug-a", new KasaOptions("127.0.0.1", port, outlet), timeout ?? Timeout);

    private static Task AssertFailsThenRecovers(FakeKasa fake, KasaDriver driver, params string[] expected) =>
        DriverAssert.FailsThenRecoversAsync(driver, () => fake.Connections, () => fake.Behaviour = FakeKasa.Plug(), r => Assert.Equal(42.5, r.PowerWatts), expected);

    private static byte[] Header(uint length)
    {
        var header = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(header, length);
        return header;
    }

    [Fact]
    public async Task ReadAsync_should_keep_one_connection_and_one_request_per_poll_when_polled_repeatedly()
    {
        await using var fake = new FakeKasa();
        await using var driver = Driver(fake.Port);
        for (var i = 0; i < 3; i++)
        {
            var r = await driver.ReadAsync(CancellationToken.None);
            Assert.Equal((42.5, 230.0, 0.185, 1.0, true), (r.PowerWatts, r.InputVoltage, r.CurrentAmps, r.EnergyKwh, r.RelayOn));
        }
        Assert.Equal(1, fake.Connections);
        Assert.Equal(3, fake.Received.Count);
        Assert.All(fake.Received, q => Assert.Equal("{\"system\":{\"get_sysinfo\":{}},\"emeter\":{\"get_realtime\":{}}}", q));
    }

    [Fact]
    public async Task ReadAsync_should_reconnect_within_the_poll_when_plug_dropped_the_idle_connection()
    {
        await using var fake = new FakeKasa();
        await using var driver = Driver(fake.Port);
        await driver.ReadAsync(CancellationToken.None);
        fake.DropConnections();
        await Task.Delay(100); // let the FIN arrive, as it would between two polls
        Assert.Equal(42.5, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
        Assert.Equal(2, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_succeed_every_poll_when_plug_closes_after_each_reply()
    {
        await using var fake = new FakeKasa();
        fake.Behaviour = async (request, stream, ct) =>
        {
            await FakeKasa.Plug(7)(request, stream, ct);
            stream.Close();
        };
        await using var driver = Driver(fake.Port);
        for (var i = 0; i < 3; i++) Assert.Equal(7, (await driver.ReadAsync(CancellationToken.None)).PowerWatts);
        Assert.Equal(3, fake.Connections);
    }

    [Fact]
    public async Task ReadAsync_should_fail_without_retrying_when_a_fresh_connection_closes_before_replying()
    {
        await using var fake = new FakeKasa { Behaviour = (_, stream, _) => { stream.Close(); return Task.CompletedTask; } };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, $"the Kasa device at 127.0.0.1:{fake.Port} closed the connection while we waited for the reply to get_sysinfo + get_realtime");
    }

    [Fact]
    public async Task ReadAsync_should_quote_reply_then_reconnect_when_reply_is_not_json()
    {
        await using var fake = new FakeKasa { Behaviour = (_, s, ct) => FakeKasa.Reply(s, ct, "hello there") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "to get_sysinfo: reply is not JSON", "\"hello there\"");
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_reconnect_when_reply_length_is_zero()
    {
        await using var fake = new FakeKasa { Behaviour = FakeKasa.Raw(Header(0)) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "sent an empty reply (length 0)");
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_reconnect_when_connection_drops_mid_reply()
    {
        await using var fake = new FakeKasa { Behaviour = FakeKasa.Raw([.. Header(100), .. new byte[10]], thenClose: true) };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "closed the connection in the middle of the reply to get_sysinfo + get_realtime (got 10 of 100 bytes)");
    }

    [Fact]
    public async Task ReadAsync_should_explain_the_device_error_when_sysinfo_is_refused()
    {
        await using var fake = new FakeKasa { Behaviour = (_, s, ct) => FakeKasa.Reply(s, ct, "{\"system\":{\"get_sysinfo\":{\"err_code\":-3,\"err_msg\":\"invalid argument\"}}}") };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "system.get_sysinfo with err_code -3 (\"invalid argument\")");
    }

    [Fact]
    public async Task ReadAsync_should_report_no_energy_meter_when_plug_is_an_HS100()
    {
        await using var fake = new FakeKasa
        {
            Behaviour = (_, s, ct) => FakeKasa.Reply(s, ct,
                "{\"system\":{\"get_sysinfo\":{\"model\":\"HS100(UK)\",\"relay_state\":1,\"feature\":\"TIM\",\"err_code\":0}},\"emeter\":{\"err_code\":-1,\"err_msg\":\"module not support\"}}"),
        };
        await using var driver = Driver(fake.Port);
        await AssertFailsThenRecovers(fake, driver, "HS100(UK) at 127.0.0.1", "has no energy meter", "feature list has no ENE", "use a plug with energy monitoring");
    }

    [Fact]
    public async Task ReadAsync_should_name_outlet_and_list_child_ids_when_strip_answers_entry_not_exist()
    {
        // The strip still lists the child in sysinfo but refuses it in context (e.g. replaced between the two requests).
        await using var fake = new FakeKasa
        {
            Behaviour = (request, s, ct) => FakeKasa.Reply(s, ct, request.Contains("context")
                ? KasaSamples.UnknownChild
                : KasaSamples.Hs300SysInfo),
        };
        await using var driver = Driver(fake.Port, outlet: "2");
        await DriverAssert.FailsAsync(driver, "HS300(US) \"Sim HS300\" answered \"entry not exist\" (err_code -14) for outlet 2 (child id SIMHS30002)",
            "Its outlets: 0 = SIMHS30000 \"Mock One\", 1 = SIMHS30001 \"Mock Two\", 2 = SIMHS30002 \"Mock Three\"", $"127.0.0.1:{fake.Port}");
        Assert.Equal(
            ["{\"system\":{\"get_sysinfo\":{}}}", "{\"context\":{\"child_ids\":[\"SIMHS30002\"]},\"emeter\":{\"get_realtime\":{}}}"],
            fake.Received.ToArray());
    }

    [Fact]
    public void Factory_should_build_a_KasaDriver_when_options_are_kasa()
    {
        var settings = new DeviceSettings("plug-a", "kasa", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3),
            TimeSpan.FromSeconds(30), TriggerSettings.Defaults, new KasaOptions("127.0.0.1", 9999, null));
        var driver = DeviceDriverFactory.Create(settings, TimeProvider.System);
        Assert.IsType<KasaDriver>(driver);
        Assert.Equal("plug-a", driver.DeviceId);
    }
}
