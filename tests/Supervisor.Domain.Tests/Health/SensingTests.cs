using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Plugs and meters: mains presence and criticality from measurements.</summary>
public class SensingTests
{
    private static readonly PowerThresholds PlugBelow = new(ThresholdDirection.Below, WarningWatts: 50, AlertWatts: 20, CriticalWatts: 10, DeadWatts: 5);

    private static DeviceSettings With(SensingSettings sensing, TriggerSettings? triggers = null, double stabilize = 0) =>
        Settings(triggers, stabilizeSeconds: stabilize) with { Sensing = sensing };

    /// <summary>A plug/meter reading as drivers report it: "on line", measurements only.</summary>
    private static Reading Measured(double at, double? watts = null, double? volts = null, double? hz = null, double? charge = null, bool? relay = null) =>
        new("plug-1", At(at), true, false, false, false, charge, null, null, volts, watts, "") { FrequencyHz = hz, RelayOn = relay };

    [Theory]
    [InlineData(120, DeviceHealth.Healthy, "")]
    [InlineData(45, DeviceHealth.Degraded, "45W ≤ warning 50W")]
    [InlineData(15, DeviceHealth.Degraded, "15W ≤ alert 20W")]
    [InlineData(8, DeviceHealth.Critical, "power 8W ≤ critical 10W")]
    [InlineData(0.4, DeviceHealth.Critical, "power 0.4W ≤ dead 5W: outlet lost mains")]
    public void Plug_below_thresholds_should_map_watts_to_health(double watts, DeviceHealth expected, string reasonPart)
    {
        var state = Feed(With(PlugBelow), Measured(0, watts));
        Assert.Equal(expected, state.Health);
        Assert.Contains(reasonPart, state.Assessment.Reason);
        if (expected == DeviceHealth.Critical) Assert.Equal([TriggerKind.PowerThreshold], state.Assessment.Fired);
    }

    [Fact]
    public void Plug_below_warning_should_count_as_on_battery_so_time_on_battery_applies()
    {
        var settings = With(PlugBelow, NoTriggers with { OnBattery = TimeSpan.FromSeconds(60) });
        var state = Feed(settings, Measured(0, 30), Measured(30, 30), Measured(61, 30));
        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.TimeOnBattery], state.Assessment.Fired);
    }

    [Fact]
    public void Plug_whose_load_returns_should_be_healthy_again_after_stabilize()
    {
        var state = Feed(With(PlugBelow, stabilize: 10), Measured(0, 0), Measured(5, 120), Measured(16, 120));
        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Theory]
    [InlineData(1500, DeviceHealth.Healthy)]
    [InlineData(1850, DeviceHealth.Degraded)]
    [InlineData(2100, DeviceHealth.Critical)]
    public void Plug_above_thresholds_should_flag_overload(double watts, DeviceHealth expected)
    {
        var over = new PowerThresholds(ThresholdDirection.Above, WarningWatts: 1800, AlertWatts: null, CriticalWatts: 2000, DeadWatts: null);
        var state = Feed(With(over), Measured(0, watts));
        Assert.Equal(expected, state.Health);
        Assert.NotEqual(DeviceHealth.Critical, Feed(With(over), Measured(0, 0)).Health); // zero load is fine when overload is the alarm
    }

    [Fact]
    public void Plug_with_relay_off_should_be_unknown_not_a_power_failure()
    {
        var state = Feed(With(PlugBelow), Measured(0, 0, relay: false));
        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Contains("relay is off", state.Assessment.Reason);
    }

    [Fact]
    public void Plug_without_a_power_measurement_should_be_unknown()
    {
        Assert.Equal(DeviceHealth.Unknown, Feed(With(PlugBelow), Measured(0)).Health);
    }

    [Theory]
    [InlineData(230, 50.0, DeviceHealth.Healthy)]
    [InlineData(150, 50.0, DeviceHealth.Degraded)]
    [InlineData(0, null, DeviceHealth.Degraded)]
    [InlineData(230, 47.5, DeviceHealth.Degraded)]
    public void Main_meter_should_be_on_battery_when_voltage_is_low_or_frequency_is_off(double volts, double? hz, DeviceHealth expected)
    {
        var main = new MeterSensing(MeterKind.Main, MinVoltage: 200, MinFrequency: 49, MaxFrequency: 51);
        Assert.Equal(expected, Feed(With(main), Measured(0, volts: volts, hz: hz)).Health);
    }

    [Fact]
    public void Main_meter_should_be_unknown_when_it_reports_neither_voltage_nor_frequency()
    {
        var main = new MeterSensing(MeterKind.Main, 200, null, null);
        Assert.Equal(DeviceHealth.Unknown, Feed(With(main), Measured(0, watts: 500)).Health);
    }

    [Theory]
    [InlineData(MeterKind.Battery)]
    [InlineData(MeterKind.Ups)]
    public void Battery_meter_should_turn_critical_when_state_of_charge_reaches_the_charge_trigger(MeterKind kind)
    {
        var settings = With(new MeterSensing(kind, null, null, null), NoTriggers with { ChargePercent = 20 });
        Assert.Equal(DeviceHealth.Healthy, Feed(settings, Measured(0, charge: 60)).Health);
        var low = Feed(settings, Measured(0, charge: 18));
        Assert.Equal(DeviceHealth.Critical, low.Health);
        Assert.Equal("state of charge 18% ≤ 20%", low.Assessment.Reason);
    }

    [Fact]
    public void Solar_meter_should_be_informational_and_healthy_whatever_it_reads()
    {
        var settings = With(new MeterSensing(MeterKind.Solar, null, null, null), NoTriggers with { ChargePercent = 20 });
        Assert.Equal(DeviceHealth.Healthy, Feed(settings, Measured(0, watts: 0, charge: 5)).Health);
    }

    [Fact]
    public void Device_should_go_unknown_after_offline_after_failures_even_before_stale_after()
    {
        var settings = Settings(staleAfterSeconds: 600) with { OfflineAfterFailures = 3 };
        var state = Feed(settings, OnLine(0));
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(2), settings);
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(4), settings);
        Assert.Equal(DeviceHealth.Healthy, state.Health);
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(6), settings);
        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Contains("3 failed polls", state.Assessment.Reason);
    }

    [Fact]
    public void Failure_count_should_reset_after_a_successful_reading()
    {
        var settings = Settings(staleAfterSeconds: 600) with { OfflineAfterFailures = 2 };
        var state = Feed(settings, OnLine(0));
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(2), settings);
        state = DeviceHealthRules.OnReading(state, OnLine(4), settings);
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(6), settings);
        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }
}
