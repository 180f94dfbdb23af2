using Microsoft.Extensions.Time.Testing;
using static Supervisor.Tests.RealServers.KasaSimulator;

namespace Supervisor.Drivers.Tests.Kasa;

/// <summary>
/// KasaDriver against the npm tplink-smarthome-simulator 5.0.1 (HS110, HS110 v2, HS300, HS100). Each test starts from
/// the script's start values: the fixture restarts the simulator after any test that changed values or relays.
/// Start values (tests/Shared/kasa-sim/kasa-sim.js): HS110 230.1 V 0.52 A 120.5 W 12.3 kWh; HS110 v2 229.875 V 1.125 A
/// 258.625 W 3.5 kWh; HS300 outlet i: 120.5 + 0.25·i V, 0.125·(i+1) A, 12.5·(i+1) W, 1.5·(i+1) kWh; all relays off.
/// </summary>
public sealed class KasaDriverSimulatorTests(KasaSimulator sim, ITestOutputHelper output) : RealServerTests(output), IClassFixture<KasaSimulator>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5); // generous: CI boxes run loaded

    protected override Task ResetServerAsync() => sim.ResetAsync();

    protected override string DrainServerLog() => sim.DrainLog();

    private KasaDriver Driver(string device, string? outlet = null, TimeProvider? time = null) =>
        new("plug-sim", new KasaOptions(sim.Host, sim.Port(device), outlet), Timeout, time ?? TimeProvider.System);

    private async Task<Reading> Read(KasaDriver driver)
    {
        var r = await driver.ReadAsync(CancellationToken.None);
        Output.WriteLine(r.RawStatus);
        Assert.Empty(driver.LastWarnings);
        return r;
    }

    private async Task<DeviceException> Fails(KasaDriver driver, params string[] expected)
    {
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadAsync(CancellationToken.None));
        Output.WriteLine(ex.Message);
        Assert.StartsWith("device \"plug-sim\": ", ex.Message);
        foreach (var text in expected) Assert.Contains(text, ex.Message);
        return ex;
    }

    [Fact]
    public async Task ReadAsync_should_read_volts_amps_watts_and_kwh_when_plug_is_HS110_v1()
    {
        await using var driver = Driver(Hs110);
        var r = await Read(driver);
        Assert.Equal((230.1, 0.52, 120.5, 12.3), (r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.EnergyKwh));
        Assert.Equal((true, false, false, false, false), (r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown, r.RelayOn));
        Assert.Equal("HS110(US) \"Sim HS110\": relay off, 120.5 W", r.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_scale_mV_mA_mW_Wh_when_plug_is_HS110_v2()
    {
        await using var driver = Driver(Hs110V2);
        var r = await Read(driver);
        Assert.Equal((229.875, 1.125, 258.625, 3.5), (r.InputVoltage, r.CurrentAmps, r.PowerWatts, r.EnergyKwh));
        Assert.StartsWith("HS110(EU) \"Sim HS110v2\"", r.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_read_only_its_outlet_when_device_is_an_HS300_strip()
    {
        await using var outlet2 = Driver(Hs300, outlet: "2");
        await using var outlet1 = Driver(Hs300, outlet: sim.Hs300ChildIds[1]); // by child id
        var r2 = await Read(outlet2);
        var r1 = await Read(outlet1);
        Assert.Equal((121.0, 0.375, 37.5, 4.5), (r2.InputVoltage, r2.CurrentAmps, r2.PowerWatts, r2.EnergyKwh));
        Assert.Equal((120.75, 0.25, 25.0, 3.0), (r1.InputVoltage, r1.CurrentAmps, r1.PowerWatts, r1.EnergyKwh));
        Assert.Equal("HS300(US) \"Sim HS300\" outlet 2 \"Mock Three\": relay off, 37.5 W", r2.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_show_zero_watts_on_next_poll_when_power_drops_at_run_time()
    {
        await using var plug = Driver(Hs110);
        await using var outlet2 = Driver(Hs300, outlet: "2");
        await using var outlet1 = Driver(Hs300, outlet: "1");
        Assert.Equal(120.5, (await Read(plug)).PowerWatts);
        Assert.Equal(37.5, (await Read(outlet2)).PowerWatts);

        await sim.SetAsync(Hs110, power: 0, current: 0);
        await sim.SetAsync(Hs300, child: 2, power: 0, current: 0);
        var p = await Read(plug);
        Assert.Equal((0.0, 0.0, 230.1), (p.PowerWatts, p.CurrentAmps, p.InputVoltage));
        var o2 = await Read(outlet2);
        Assert.Equal((0.0, 0.0), (o2.PowerWatts, o2.CurrentAmps));
        Assert.Equal(25.0, (await Read(outlet1)).PowerWatts); // the neighbour outlet is untouched
    }

    [Fact]
    public async Task ReadAsync_should_follow_the_relay_when_it_is_switched_on_a_plug_and_on_one_outlet()
    {
        await using var plug = Driver(Hs110);
        await using var outlet2 = Driver(Hs300, outlet: "2");
        await using var outlet1 = Driver(Hs300, outlet: "1");
        Assert.False((await Read(plug)).RelayOn);

        await sim.SetRelayAsync(Hs110, on: true);
        await sim.SetRelayAsync(Hs300, on: true, child: 2);
        Assert.True((await Read(plug)).RelayOn);
        Assert.True((await Read(outlet2)).RelayOn);
        Assert.False((await Read(outlet1)).RelayOn);

        await sim.SetRelayAsync(Hs110, on: false);
        Assert.False((await Read(plug)).RelayOn);
    }

    [Theory]
    [InlineData("9", "has no outlet 9: it has 6 outlets, 0 to 5 (counted from 0)")]
    [InlineData("BOGUS", "has no outlet with id \"BOGUS\"")]
    public async Task ReadAsync_should_name_the_outlet_and_list_child_ids_when_outlet_is_unknown(string outlet, string expected)
    {
        await using var driver = Driver(Hs300, outlet);
        await Fails(driver, "HS300(US) \"Sim HS300\"", expected,
            "Its outlets: 0 = SIMHS30000 \"Mock One\", 1 = SIMHS30001 \"Mock Two\"", "5 = SIMHS30005 \"Mock Six\"", $"127.0.0.1:{sim.Port(Hs300)}");
    }

    [Fact]
    public async Task ReadAsync_should_ask_for_an_outlet_when_device_is_a_strip_and_none_is_set()
    {
        await using var driver = Driver(Hs300);
        await Fails(driver, "is a power strip with 6 outlets; set outlet = 0 to 5", "SIMHS30003");
    }

    [Fact]
    public async Task ReadAsync_should_say_the_plug_has_no_energy_meter_when_plug_is_HS100()
    {
        await using var driver = Driver(Hs100);
        await Fails(driver, "HS100(US) \"Sim HS100\"", "has no energy meter", "err_code -1 (\"module not support\"); its sysinfo feature list has no ENE)");
    }

    [Fact]
    public async Task ReadAsync_should_fail_while_simulator_is_down_then_recover_when_it_restarts()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch); // never advanced: the next poll follows at once
        await using var driver = Driver(Hs110, time: clock);
        Assert.Equal(120.5, (await Read(driver)).PowerWatts);

        await sim.KillAsync();
        // The kept connection is dead: the retry on a fresh one is refused, so the poll fails (no hang, no crash).
        await Fails(driver, $"connection refused by 127.0.0.1:{sim.Port(Hs110)}");
        await Fails(driver, "connection refused");

        await sim.StartNodeAsync(); // same ports, fresh state
        Assert.Equal(120.5, (await Read(driver)).PowerWatts);
    }

    [Fact]
    public async Task Fixture_should_fail_with_install_hint_when_simulator_is_missing()
    {
        using var missing = new KasaSimulator("/nonexistent/kasa-sim");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(missing.InitializeAsync);
        Assert.Equal(NotInstalled, ex.Message);
    }
}
