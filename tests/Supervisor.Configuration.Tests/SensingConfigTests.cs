using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

/// <summary>Plug thresholds, meter kinds, offline rule, capacities and budgets in config.</summary>
public class SensingConfigTests
{
    private static string Device(string extra) => $"supervisor.devices.ups-a {{ {NutDevice}, {extra} }}\n{RackA}";

    [Fact]
    public void Loader_should_read_plug_thresholds_with_direction_below_by_default()
    {
        var d = LoadValid(Device("warning-watts = 50, alert-watts = 20, critical-watts = 10, dead-watts = 5")).Devices[0];
        Assert.Equal(new PowerThresholds(ThresholdDirection.Below, 50, 20, 10, 5), d.Sensing);
    }

    [Fact]
    public void Loader_should_read_overload_thresholds_when_direction_is_above()
    {
        var d = LoadValid(Device("watts-direction = above, warning-watts = 1800, critical-watts = 2000")).Devices[0];
        Assert.Equal(new PowerThresholds(ThresholdDirection.Above, 1800, null, 2000, null), d.Sensing);
    }

    [Fact]
    public void Loader_should_refuse_thresholds_out_of_order()
    {
        AssertRejected(Device("warning-watts = 20, critical-watts = 50"), "supervisor.devices.ups-a.critical-watts", "warning ≥ alert ≥ critical ≥ dead");
    }

    [Fact]
    public void Loader_should_refuse_dead_watts_when_direction_is_above()
    {
        Assert.Equal("supervisor.devices.ups-a.dead-watts", SingleError(Load(Device("watts-direction = above, dead-watts = 5"))).Path);
    }

    [Fact]
    public void Loader_should_read_a_main_meter()
    {
        var d = LoadValid(Device("kind = main, min-voltage = 200, min-frequency = 49, max-frequency = 51")).Devices[0];
        Assert.Equal(new MeterSensing(MeterKind.Main, 200, 49, 51), d.Sensing);
    }

    [Fact]
    public void Loader_should_refuse_a_device_that_is_both_plug_and_meter()
    {
        Assert.Contains("either a plug", SingleError(Load(Device("kind = main, warning-watts = 50"))).Message);
    }

    [Fact]
    public void Loader_should_refuse_voltage_limits_on_a_battery_meter()
    {
        AssertRejected(Device("kind = battery, min-voltage = 200"), "supervisor.devices.ups-a.kind");
    }

    [Fact]
    public void Loader_should_read_offline_rule_capacities_and_group_budget()
    {
        var s = LoadValid($"supervisor.devices.ups-a {{ {NutDevice}, offline-after-failures = 3, battery-capacity-wh = 900, capacity-watts = 600 }}\n{RackA}\nsupervisor.groups.rack-a.power-budget-watts = 500");
        var d = s.Devices[0];
        Assert.Equal((3, 900.0, 600.0), (d.OfflineAfterFailures!.Value, d.BatteryCapacityWh!.Value, d.CapacityWatts!.Value));
        Assert.Equal(500, s.Groups[0].PowerBudgetWatts);
        Assert.Null(d.Sensing);
    }

    [Theory]
    [InlineData("offline-after-failures = 0", "offline-after-failures")]
    [InlineData("battery-capacity-wh = -1", "battery-capacity-wh")]
    [InlineData("kind = tidal", "kind")]
    public void Loader_should_name_the_key_of_a_bad_sensing_value(string setting, string key)
    {
        Assert.Equal($"supervisor.devices.ups-a.{key}", SingleError(Load(Device(setting))).Path);
    }
}
