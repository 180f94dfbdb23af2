namespace Supervisor.Drivers.Tests.Apcupsd;

/// <summary>
/// Issue 9 part E for apcupsd: NIS has no request smaller than <c>status</c>, so the watch sends it and hands back the
/// whole reading with the probe (a change then needs no second request). Against a real apcupsd 3.14 on a simulated
/// Smart-UPS, restarted before each test.
/// </summary>
public sealed class ApcupsdDriverStatusWatchTests(ApcupsdServer apcupsd, ITestOutputHelper output) : RealServerTests(output), IClassFixture<ApcupsdServer>
{
    protected override Task ResetServerAsync() => apcupsd.RestartAsync();

    protected override string DrainServerLog() => apcupsd.DrainLog();

    private ApcupsdDriver Driver() => new("ups-apc", new ApcupsdOptions(apcupsd.Host, apcupsd.Port), TimeSpan.FromSeconds(3));

    [Fact]
    public async Task ReadStatusAsync_should_see_on_battery_and_carry_the_whole_reading_when_mains_fails_at_the_ups()
    {
        await using var driver = Driver();
        var before = await driver.ReadStatusAsync(CancellationToken.None);
        Assert.Equal(("ONLINE", true, false), (before.RawStatus, before.OnLine, before.OnBattery));

        await apcupsd.SetOnBatteryAsync(true);
        var probe = await driver.ReadStatusAsync(CancellationToken.None);

        Assert.Equal((false, true), (probe.OnLine, probe.OnBattery));
        Assert.Contains("ONBATT", probe.RawStatus);
        Assert.NotNull(probe.Full); // the same reply a poll gets: charge and runtime come with it
        Assert.Equal((probe.RawStatus, 100.0, 1200.0), (probe.Full.RawStatus, probe.Full.ChargePercent, probe.Full.RuntimeSeconds));
    }

    [Fact]
    public async Task ReadStatusAsync_should_see_low_battery_when_the_ups_raises_it_on_battery()
    {
        await using var driver = Driver();
        await apcupsd.SetOnBatteryAsync(true);
        await apcupsd.SetLowBatteryAsync(true);
        var probe = await driver.ReadStatusAsync(CancellationToken.None);
        Assert.Equal((true, true), (probe.OnBattery, probe.LowBattery));
    }

    [Fact]
    public async Task ReadStatusAsync_should_fail_like_a_poll_when_apcupsd_is_stopped()
    {
        await using var driver = Driver();
        await apcupsd.StopApcupsdAsync();
        var ex = await Assert.ThrowsAsync<DeviceException>(() => driver.ReadStatusAsync(CancellationToken.None));
        Output.WriteLine(ex.Message);
        Assert.Contains("connection refused by apcupsd", ex.Message);
        await apcupsd.StartApcupsdAsync();
        Assert.True((await driver.ReadAsync(CancellationToken.None)).OnLine);
    }
}
