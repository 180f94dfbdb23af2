using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Metrics;
using Supervisor.Domain.Readings;

namespace Supervisor.Domain.Tests.Metrics;

public class DeviceMetricMappingTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 7, 18, 0, 0, TimeSpan.Zero);

    private static Reading Ups(bool onLine = true, bool onBattery = false, bool low = false, bool fsd = false, string raw = "OL") =>
        new("ups-a", T, onLine, onBattery, low, fsd, 87.5, 1260, 34, 229.5, 410, raw);

    [Fact]
    public void Percentages_should_become_ratios_and_the_rest_stay_in_base_units()
    {
        var values = DeviceMetricMapping.Values(Ups()).ToDictionary(v => v.Metric.Name, v => v.Value);
        Assert.Equal(0.875, values["supervisor_device_battery_charge_ratio"], 9);
        Assert.Equal(0.34, values["supervisor_device_load_ratio"], 9);
        Assert.Equal(1260, values["supervisor_device_battery_runtime_seconds"]);
        Assert.Equal(229.5, values["supervisor_device_input_voltage_volts"]);
        Assert.Equal(410, values["supervisor_device_power_watts"]);
    }

    [Fact]
    public void Only_what_the_reading_carries_should_be_given()
    {
        var plug = new Reading("plug", T, true, false, false, false, null, null, null, 230.1, 120.5, "relay on") { CurrentAmps = 0.52, EnergyKwh = 12.3 };
        var names = DeviceMetricMapping.Values(plug).Select(v => v.Metric.Name).ToHashSet();
        Assert.Equal(["supervisor_device_input_voltage_volts", "supervisor_device_power_watts", "supervisor_device_current_amperes",
            "supervisor_device_energy_kwh_total"], names);
    }

    [Fact]
    public void Every_measurement_a_reading_can_carry_should_have_a_family()
    {
        var full = Ups() with { CurrentAmps = 1.7, EnergyKwh = 3.5, FrequencyHz = 50 };
        var values = DeviceMetricMapping.Values(full).ToDictionary(v => v.Metric, v => v.Value);
        Assert.Equal(DeviceMetricMapping.Gauges.Append(DeviceMetricMapping.Energy).ToHashSet(), values.Keys.ToHashSet());
        Assert.Equal(3.5, values[DeviceMetricMapping.Energy]);
    }

    [Fact]
    public void A_non_finite_value_should_be_left_out() =>
        Assert.DoesNotContain(DeviceMetricMapping.Values(Ups() with { PowerWatts = double.NaN }), v => v.Metric == DeviceMetricMapping.Power);

    [Fact]
    public void Every_metric_name_should_follow_prometheus_conventions()
    {
        foreach (var spec in DeviceMetricMapping.Gauges.Append(DeviceMetricMapping.Energy))
        {
            Assert.Matches("^supervisor_device_[a-z_]+_(ratio|seconds|volts|watts|amperes|hertz|kwh_total)$", spec.Name);
            Assert.False(string.IsNullOrWhiteSpace(spec.Help));
        }
    }

    [Fact]
    public void On_battery_should_set_OB_and_clear_OL_even_when_the_device_reports_both()
    {
        var flags = DeviceMetricMapping.Flags(Ups(onLine: true, onBattery: true, raw: "OL OB DISCHRG"));
        Assert.Contains("OB", flags);
        Assert.DoesNotContain("OL", flags);
        Assert.Contains("DISCHRG", flags);
    }

    [Fact]
    public void Judged_flags_should_win_over_the_status_text()
    {
        // apcupsd-style text with NUT words it does not mean: the reading's own judged flags decide OL/OB/LB/FSD.
        var flags = DeviceMetricMapping.Flags(Ups(onLine: true, raw: "OB LB FSD"));
        Assert.Equal(["OL"], flags.Order());
    }

    [Fact]
    public void Low_battery_and_forced_shutdown_should_be_flags_and_unknown_words_ignored()
    {
        var flags = DeviceMetricMapping.Flags(Ups(onLine: false, onBattery: true, low: true, fsd: true, raw: "ob lb fsd chrg WAT?"));
        Assert.Equal(["CHRG", "FSD", "LB", "OB"], flags.Order());
        Assert.All(flags, f => Assert.Contains(f, DeviceMetricMapping.KnownFlags));
    }

    [Fact]
    public void No_reading_should_set_no_flag() => Assert.Empty(DeviceMetricMapping.Flags(null));

    [Fact]
    public void States_should_be_spelled_as_labels_and_cover_every_enum_value()
    {
        Assert.Equal(["healthy", "degraded", "critical", "unknown"], DeviceMetricMapping.HealthStates);
        Assert.Equal(Enum.GetValues<DeviceHealth>().Length, DeviceMetricMapping.HealthStates.Count);
        Assert.Equal(["starting", "healthy", "degraded", "quorum-lost", "shutdown-complete", "aborted"], DeviceMetricMapping.GroupStates);
    }

    [Fact]
    public void Age_should_be_seconds_since_the_reading_and_never_negative()
    {
        Assert.Equal(12.5, DeviceMetricMapping.AgeSeconds(T, T.AddSeconds(12.5)));
        Assert.Equal(0, DeviceMetricMapping.AgeSeconds(T, T.AddSeconds(-2))); // another node's clock a little ahead
    }

    [Fact]
    public void Cluster_counts_should_give_every_status_even_at_zero()
    {
        var counts = ClusterMetricMapping.Count(["Up", "Up", "Leaving"]);
        Assert.Equal(2, counts["up"]);
        Assert.Equal(1, counts["leaving"]);
        Assert.Equal(0, counts["joining"]);
        Assert.Equal(ClusterMetricMapping.Statuses.Count, counts.Count);
    }
}
