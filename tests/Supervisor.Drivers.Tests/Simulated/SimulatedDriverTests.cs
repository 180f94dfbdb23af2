using Microsoft.Extensions.Time.Testing;
using Supervisor.Drivers.Simulated;

namespace Supervisor.Drivers.Tests.Simulated;

/// <summary>One test per profile behaviour; time moves only through the fake clock.</summary>
public class SimulatedDriverTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Outage at 10 s, 100 s of battery, LB at 20 %, no restore; other profiles override what they need.</summary>
    private static SimulatedOptions Options(SimulatedProfile profile) => new(
        Profile: profile,
        OutageAt: TimeSpan.FromSeconds(10),
        RestoreAfter: null,
        BatteryRuntime: TimeSpan.FromSeconds(100),
        FlapPeriod: TimeSpan.FromSeconds(5),
        CommsLossAt: TimeSpan.FromSeconds(10),
        CommsLossFor: TimeSpan.FromSeconds(30),
        LowBatteryChargePercent: 20,
        LoadPercent: 35,
        InputVoltage: 230,
        PowerWatts: 180);

    private readonly FakeTimeProvider _clock = new(Start);

    private SimulatedDriver Driver(SimulatedOptions options) => new("sim1", options, _clock);

    private async Task<Reading> ReadAt(SimulatedDriver driver, double seconds)
    {
        _clock.SetUtcNow(Start.AddSeconds(seconds));
        return await driver.ReadAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Steady_should_report_on_line_full_charge_and_full_runtime_when_polled_any_time()
    {
        var driver = Driver(Options(SimulatedProfile.Steady));

        var reading = await ReadAt(driver, 10_000);

        Assert.True(reading.OnLine);
        Assert.False(reading.OnBattery);
        Assert.Equal(100, reading.ChargePercent);
        Assert.Equal(100, reading.RuntimeSeconds);
        Assert.Equal("OL", reading.RawStatus);
        Assert.Equal(230, reading.InputVoltage);
    }

    [Fact]
    public async Task Reading_should_carry_device_id_clock_time_and_configured_load_when_polled()
    {
        var driver = Driver(Options(SimulatedProfile.Steady));

        var reading = await ReadAt(driver, 3);

        Assert.Equal("sim1", reading.DeviceId);
        Assert.Equal(Start.AddSeconds(3), reading.Time);
        Assert.Equal(35, reading.LoadPercent);
        Assert.Equal(180, reading.PowerWatts);
        Assert.False(reading.ForcedShutdown);
    }

    [Fact]
    public async Task Outage_should_report_on_line_when_before_outage_at()
    {
        var reading = await ReadAt(Driver(Options(SimulatedProfile.Outage)), 9.9);

        Assert.True(reading.OnLine);
        Assert.Equal(100, reading.ChargePercent);
    }

    [Fact]
    public async Task Outage_should_drain_charge_and_runtime_linearly_when_on_battery()
    {
        var reading = await ReadAt(Driver(Options(SimulatedProfile.Outage)), 10 + 50);

        Assert.True(reading.OnBattery);
        Assert.False(reading.OnLine);
        Assert.Equal(50, reading.ChargePercent!.Value, precision: 6);
        Assert.Equal(50, reading.RuntimeSeconds!.Value, precision: 6);
        Assert.Equal(0, reading.InputVoltage);
        Assert.False(reading.LowBattery);
        Assert.Equal("OB DISCHRG", reading.RawStatus);
    }

    [Fact]
    public async Task Outage_should_raise_low_battery_when_charge_reaches_threshold()
    {
        var driver = Driver(Options(SimulatedProfile.Outage));

        var justAbove = await ReadAt(driver, 10 + 79);
        var atThreshold = await ReadAt(driver, 10 + 80);

        Assert.False(justAbove.LowBattery);
        Assert.True(atThreshold.LowBattery);
        Assert.Equal("OB LB", atThreshold.RawStatus);
    }

    [Fact]
    public async Task Outage_should_stop_at_zero_when_battery_runtime_has_elapsed()
    {
        var reading = await ReadAt(Driver(Options(SimulatedProfile.Outage)), 10 + 500);

        Assert.True(reading.OnBattery);
        Assert.Equal(0, reading.ChargePercent);
        Assert.Equal(0, reading.RuntimeSeconds);
    }

    [Fact]
    public async Task Outage_should_return_on_line_and_recharge_when_restore_after_elapsed()
    {
        var driver = Driver(Options(SimulatedProfile.Outage) with { RestoreAfter = TimeSpan.FromSeconds(60) });

        var lastOnBattery = await ReadAt(driver, 10 + 59.9);
        var restored = await ReadAt(driver, 10 + 60 + 5);
        var recharged = await ReadAt(driver, 10 + 60 + 1000);

        Assert.True(lastOnBattery.OnBattery);
        Assert.True(restored.OnLine);
        Assert.Equal(40 + 5, restored.ChargePercent!.Value, precision: 6); // 40 % left at restore, +1 %/s
        Assert.Equal("OL CHRG", restored.RawStatus);
        Assert.Equal(230, restored.InputVoltage);
        Assert.Equal(100, recharged.ChargePercent);
        Assert.Equal("OL", recharged.RawStatus);
    }

    [Fact]
    public async Task Outage_should_stay_on_battery_when_restore_after_is_not_set()
    {
        var reading = await ReadAt(Driver(Options(SimulatedProfile.Outage)), 100_000);

        Assert.True(reading.OnBattery);
    }

    [Fact]
    public async Task SlowDrain_should_drain_four_times_slower_when_on_battery()
    {
        var driver = Driver(Options(SimulatedProfile.SlowDrain));

        var reading = await ReadAt(driver, 10 + 200);

        Assert.True(reading.OnBattery);
        Assert.Equal(50, reading.ChargePercent!.Value, precision: 6); // half of 4 × 100 s
        Assert.Equal(200, reading.RuntimeSeconds!.Value, precision: 6);
    }

    [Fact]
    public async Task Flapping_should_alternate_on_battery_and_on_line_every_flap_period()
    {
        var driver = Driver(Options(SimulatedProfile.Flapping));
        var states = new List<bool>();
        foreach (var t in new[] { 9, 11, 16, 21, 26 })
            states.Add((await ReadAt(driver, t)).OnBattery);

        Assert.Equal([false, true, false, true, false], states);
    }

    [Fact]
    public async Task Flapping_should_drain_only_while_on_battery()
    {
        var driver = Driver(Options(SimulatedProfile.Flapping));

        var endOfFirstOutage = await ReadAt(driver, 10 + 5); // on line from here, 5 s drained
        var endOfFirstOnLine = await ReadAt(driver, 10 + 9.9);
        var midSecondOutage = await ReadAt(driver, 10 + 12);  // 5 s + 2 s drained

        Assert.Equal(95, endOfFirstOutage.ChargePercent!.Value, precision: 6);
        Assert.Equal(95, endOfFirstOnLine.ChargePercent!.Value, precision: 6);
        Assert.Equal(93, midSecondOutage.ChargePercent!.Value, precision: 6);
    }

    [Fact]
    public async Task CommsLoss_should_throw_device_exception_when_inside_loss_window()
    {
        var driver = Driver(Options(SimulatedProfile.CommsLoss));

        var atStart = await Assert.ThrowsAsync<DeviceException>(() => ReadAt(driver, 10));
        await Assert.ThrowsAsync<DeviceException>(() => ReadAt(driver, 39.9));

        Assert.Equal("sim1", atStart.DeviceId);
        Assert.Contains("simulated comms loss", atStart.Message);
    }

    [Fact]
    public async Task CommsLoss_should_read_on_line_when_outside_loss_window()
    {
        var driver = Driver(Options(SimulatedProfile.CommsLoss));

        var before = await ReadAt(driver, 9.9);
        var after = await ReadAt(driver, 40);

        Assert.True(before.OnLine);
        Assert.True(after.OnLine);
        Assert.Equal(100, after.ChargePercent);
    }

    [Fact]
    public async Task Driver_should_give_identical_readings_when_two_drivers_see_the_same_time()
    {
        var options = Options(SimulatedProfile.Flapping);
        var first = Driver(options);
        var second = Driver(options);

        Assert.Equal(await ReadAt(first, 23.4), await second.ReadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_should_throw_when_cancellation_is_requested()
    {
        var driver = Driver(Options(SimulatedProfile.Steady));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.ReadAsync(new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Constructor_should_reject_options_when_battery_runtime_is_not_positive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Driver(Options(SimulatedProfile.Outage) with { BatteryRuntime = TimeSpan.Zero }));
    }

    [Fact]
    public void Constructor_should_reject_options_when_flapping_has_no_flap_period()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Driver(Options(SimulatedProfile.Flapping) with { FlapPeriod = TimeSpan.Zero }));
    }
}
