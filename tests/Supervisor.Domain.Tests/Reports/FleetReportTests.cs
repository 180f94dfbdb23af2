using Supervisor.Domain.Health.Triggers;
using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Reports;

public class FleetReportTests
{
    private static DeviceSettings Device(string id, double? capacityWatts = null, double? batteryWh = null, SensingSettings? sensing = null) =>
        Settings() with { Id = id, CapacityWatts = capacityWatts, BatteryCapacityWh = batteryWh, Sensing = sensing };

    private static GroupSettings Group(string id, int minHealthy, double? budget, params string[] members) =>
        new GroupSettings(id, members, minHealthy, CountsAs.Healthy, CountsAs.Critical, null, TimeSpan.FromSeconds(60),
            new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5),
                [new PhaseSettings("local-host", [new StepSettings("h", "a", TimeSpan.FromSeconds(30), true)])])) { PowerBudgetWatts = budget };

    private static Reading Ups(string id, bool onBattery, double watts, double? runtime, double? kwh = null) =>
        new(id, T0, !onBattery, onBattery, false, false, 80, runtime, 40, 230, watts, onBattery ? "OB" : "OL") { EnergyKwh = kwh };

    [Fact]
    public void Report_should_sum_member_power_and_energy_and_flag_an_over_budget_group()
    {
        var settings = new SupervisorSettings("data", [Device("a"), Device("b")], [Group("rack", 1, 500, "a", "b")], null);
        var report = FleetReport.Build(settings, [new("a", Ups("a", false, 300, 1200, 1.5), null), new("b", Ups("b", false, 250, 900, 2.0), null)], T0);
        var g = Assert.Single(report.Groups);
        Assert.Equal((550.0, 3.5, true, "HEALTHY"), (g.PowerWatts!.Value, g.EnergyKwh!.Value, g.OverBudget, g.State));
        Assert.Equal(1200, g.RuntimeSeconds); // min-healthy 1: the longest member runtime
    }

    [Fact]
    public void Report_should_show_quorum_lost_when_members_are_down()
    {
        var settings = new SupervisorSettings("data", [Device("a"), Device("b")], [Group("rack", 2, null, "a", "b")], null);
        var report = FleetReport.Build(settings, [new("a", Ups("a", true, 300, 100), null), new("b", null, "device \"b\": connection refused")], T0);
        Assert.Equal("QUORUM-LOST", report.Groups[0].State);
        var b = report.Devices[1];
        Assert.Equal(("UNKNOWN", "device \"b\": connection refused"), (b.State, b.Error));
        Assert.False(report.Groups[0].OverBudget);
    }

    [Fact]
    public void Report_should_estimate_runtime_from_battery_capacity_when_the_device_reports_none()
    {
        var settings = new SupervisorSettings("data", [Device("a", batteryWh: 1000)], [], null);
        var report = FleetReport.Build(settings, [new("a", Ups("a", true, 400, null), null)], T0);
        var a = report.Devices[0];
        Assert.Equal((7200.0, true), (a.RuntimeSeconds!.Value, a.RuntimeEstimated)); // 1000 Wh × 80 % ÷ 400 W
    }

    [Fact]
    public void Report_should_estimate_runtime_instead_of_believing_a_minus_one_sentinel()
    {
        // Default triggers: runtime -1 s would be "≤ 600 s" and CRITICAL; it is unknown, and the capacity estimate stands in.
        var device = Device("a", batteryWh: 1000) with { Triggers = TriggerSettings.Defaults };
        var settings = new SupervisorSettings("data", [device], [], null);
        var a = FleetReport.Build(settings, [new("a", Ups("a", true, 400, runtime: -1), null)], T0).Devices[0];
        Assert.Equal(("DEGRADED", 7200.0, true), (a.State, a.RuntimeSeconds!.Value, a.RuntimeEstimated));
    }

    [Fact]
    public void Report_should_count_members_by_the_groups_own_triggers_when_it_overrides_them()
    {
        // One UPS at 30 % on battery in two groups; only rack-b shuts down at 40 %.
        var strict = Group("rack-b", 1, null, "a") with { Triggers = TriggerOverrides.Of(ChargeTrigger.LimitPercent.Override(40)) };
        var settings = new SupervisorSettings("data", [Device("a") with { Triggers = TriggerSettings.Defaults }], [Group("rack-a", 1, null, "a"), strict], null);
        var reading = Ups("a", true, 300, 1800) with { ChargePercent = 30 };
        var report = FleetReport.Build(settings, [new("a", reading, null)], T0);
        Assert.Equal("DEGRADED", report.Devices[0].State);
        Assert.Equal(("DEGRADED", "QUORUM-LOST"), (report.Groups[0].State, report.Groups[1].State));
    }

    [Fact]
    public void Report_should_flag_a_device_drawing_more_than_its_capacity()
    {
        var settings = new SupervisorSettings("data", [Device("a", capacityWatts: 250)], [], null);
        Assert.True(FleetReport.Build(settings, [new("a", Ups("a", false, 300, 600), null)], T0).Devices[0].OverCapacity);
    }

    [Fact]
    public void Report_should_judge_a_plug_by_its_thresholds()
    {
        var plug = Device("plug", sensing: new PowerThresholds(ThresholdDirection.Below, 50, null, null, 5));
        var settings = new SupervisorSettings("data", [plug], [], null);
        var r = new Reading("plug", T0, true, false, false, false, null, null, null, 230, 0, "") { RelayOn = true };
        var line = FleetReport.Build(settings, [new("plug", r, null)], T0).Devices[0];
        Assert.Equal("CRITICAL", line.State);
        Assert.Contains("outlet lost mains", line.Reason);
    }
}
