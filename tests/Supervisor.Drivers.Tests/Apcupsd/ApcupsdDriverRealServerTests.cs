using Supervisor.Drivers.Tests.Nut;

namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>
/// ApcupsdDriver against a real apcupsd 3.14 (apcsmart driver) reading a simulated Smart-UPS on a pty. Every test
/// restarts apcupsd and resets the UPS first: SHUTTING DOWN latches in apcupsd, and tests must not see each
/// other's state.
/// </summary>
public sealed class ApcupsdDriverRealServerTests(ApcupsdServer apcupsd, ITestOutputHelper output) : RealServerTests(output), IClassFixture<ApcupsdServer>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    protected override Task ResetServerAsync() => apcupsd.RestartAsync();

    protected override string DrainServerLog() => apcupsd.DrainLog();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Output.WriteLine("apccontrol: " + apcupsd.ApccontrolLog);
    }

    private ApcupsdDriver Driver(TimeProvider? time = null) =>
        new("ups-apc", new ApcupsdOptions(apcupsd.Host, apcupsd.Port), Timeout, time ?? TimeProvider.System);

    [Fact]
    public async Task ReadAsync_should_return_online_reading_with_every_measurement_when_ups_is_on_line()
    {
        await using var driver = Driver();
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(("ups-apc", true, false, false, false), (r.DeviceId, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown));
        // The simulator's 100 % / 20 min / 25 % / 230 V / 50 Hz, through apcupsd's "Percent", "Minutes", … units.
        Assert.Equal((100, 1200, 25, 230, 50), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage, r.FrequencyHz));
        Assert.Null(r.PowerWatts); // apcsmart reports no NOMPOWER
        Assert.Equal("ONLINE", r.RawStatus);
        Assert.Empty(driver.LastWarnings);
        Output.WriteLine(string.Join('\n', (await apcupsd.QueryStatusAsync()).Select(kv => $"{kv.Key,-9}: {kv.Value}")));
    }

    [Fact]
    public async Task ReadAsync_should_show_on_battery_then_low_battery_when_ups_flips_on_the_next_poll()
    {
        await using var driver = Driver();
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);

        await apcupsd.SetOnBatteryAsync(true);
        var onBattery = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((false, true, false), (onBattery.OnLine, onBattery.OnBattery, onBattery.LowBattery));
        Assert.Equal("ONBATT", onBattery.RawStatus);
        Assert.Equal(0, onBattery.InputVoltage);

        await apcupsd.SetLowBatteryAsync(true);
        var low = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((false, true, true), (low.OnLine, low.OnBattery, low.LowBattery));
        Assert.Equal("ONBATT LOWBATT", low.RawStatus);
    }

    [Fact]
    public async Task ReadAsync_should_show_on_line_again_when_mains_returns_before_a_shutdown()
    {
        await using var driver = Driver();
        await apcupsd.SetOnBatteryAsync(true);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnBattery);
        await apcupsd.SetOnBatteryAsync(false);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((true, false), (r.OnLine, r.OnBattery));
    }

    [Fact]
    public async Task ReadAsync_should_parse_values_with_units_when_ups_reports_fractions()
    {
        await using var driver = Driver();
        await apcupsd.SetAsync(batteryPercent: 42.5, minutesLeft: 7.5, loadPercent: 61.2, lineVolts: 219.4);
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((42.5, 450, 61.2, 219.4), (r.ChargePercent, r.RuntimeSeconds, r.LoadPercent, r.InputVoltage));
        Assert.Empty(driver.LastWarnings);
    }

    [Fact]
    public async Task ReadAsync_should_show_forced_shutdown_when_apcupsd_starts_shutting_down_on_low_battery()
    {
        await using var driver = Driver();
        await apcupsd.SetOnBatteryAsync(true);
        await apcupsd.SetLowBatteryAsync(true);
        // On battery + LOWBATT makes apcupsd shut down at once; its STATUS then only says SHUTTING DOWN.
        await apcupsd.WaitForStatusAsync(s => s.GetValueOrDefault("STATUS", "").Contains("SHUTTING DOWN"), "SHUTTING DOWN");
        var r = await driver.ReadAsync(CancellationToken.None);
        var raw = await apcupsd.QueryStatusAsync();
        Output.WriteLine($"STATUS \"{raw["STATUS"]}\", STATFLAG {raw["STATFLAG"]}");
        Assert.True(r.ForcedShutdown);
        Assert.Equal("SHUTTING DOWN", r.RawStatus);
        Assert.Equal((false, true, true), (r.OnLine, r.OnBattery, r.LowBattery)); // from STATFLAG
        // apcupsd ran its shutdown through our logging apccontrol (a moment after setting the status).
        for (var i = 0; i < 100 && !apcupsd.ApccontrolLog.Contains("doshutdown"); i++) await Task.Delay(100);
        Assert.Contains("doshutdown", apcupsd.ApccontrolLog);
    }

    [Fact]
    public async Task ReadAsync_should_fail_with_lost_contact_then_recover_when_ups_stops_answering_apcupsd()
    {
        await using var driver = Driver();
        await apcupsd.LoseCommsAsync();
        var ex = await DriverAssert.FailsAsync(driver, Output);
        Assert.Contains("apcupsd has lost contact with the UPS", ex.Message);
        Assert.Contains($"apcupsd at {apcupsd.Host}:{apcupsd.Port}", ex.Message);

        apcupsd.Ups.CommFail = false;
        await apcupsd.WaitForStatusAsync(s => s.GetValueOrDefault("STATUS") == "ONLINE", "STATUS ONLINE", TimeSpan.FromSeconds(60));
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }

    [Fact]
    public async Task ReadAsync_should_fail_then_recover_when_apcupsd_is_stopped_and_started_again()
    {
        var clock = new ManualTimeProvider(); // never advanced: no backoff window to wait out
        await using var driver = Driver(clock);
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);

        await apcupsd.StopApcupsdAsync();
        var ex = await DriverAssert.FailsAsync(driver, Output);
        Assert.Contains($"connection refused by apcupsd at {apcupsd.Host}:{apcupsd.Port}", ex.Message);
        Assert.Contains("NETSERVER on", ex.Message);

        await apcupsd.StartApcupsdAsync();
        var r = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal((true, 100), (r.OnLine, r.ChargePercent));
    }

    [Fact]
    public async Task Fixture_should_fail_with_install_hint_when_apcupsd_is_missing()
    {
        var missing = new ApcupsdServer("/nonexistent/apcupsd");
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(missing.InitializeAsync);
        Assert.StartsWith(ApcupsdServer.NotInstalled, ex.Message);
        await missing.DisposeAsync();
    }
}
