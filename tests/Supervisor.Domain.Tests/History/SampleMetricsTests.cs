namespace Supervisor.Domain.Tests.History;

public class SampleMetricsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static Dictionary<string, (string Unit, double Value)> Metrics(IFleetFact fact) =>
        SampleMetrics.From(fact).ToDictionary(s => s.Series.Metric, s => (s.Series.Unit, s.Value));

    [Fact]
    public void Device_sample_should_yield_every_measurement_and_flag_the_reading_carries_with_units()
    {
        var reading = new Reading("plug", T0.AddSeconds(-1), OnLine: false, OnBattery: true, LowBattery: true, ForcedShutdown: false,
            ChargePercent: 55.5, RuntimeSeconds: 900, LoadPercent: 40, InputVoltage: 229.5, PowerWatts: 410, RawStatus: "OB LB")
        { CurrentAmps = 1.8, FrequencyHz = 49.9, EnergyKwh = 12.25, RelayOn = true };
        var m = Metrics(new DeviceSampled("plug", "kasa", reading, DeviceHealth.Degraded, "on battery", null, T0));

        Assert.Equal(("%", 55.5), m["charge"]);
        Assert.Equal(("s", 900), m["runtime"]);
        Assert.Equal(("%", 40), m["load"]);
        Assert.Equal(("V", 229.5), m["input-voltage"]);
        Assert.Equal(("W", 410), m["power"]);
        Assert.Equal(("A", 1.8), m["current"]);
        Assert.Equal(("kWh", 12.25), m["energy"]);
        Assert.Equal(("Hz", 49.9), m["frequency"]);
        Assert.Equal(("flag", 0), m["on-line"]);
        Assert.Equal(("flag", 1), m["on-battery"]);
        Assert.Equal(("flag", 1), m["low-battery"]);
        Assert.Equal(("flag", 0), m["fsd"]);
        Assert.Equal(("flag", 1), m["relay-on"]);
        Assert.Equal(("flag", 0), m["poll-failed"]);
        Assert.Equal(("code", 1), m["health"]);
        Assert.Equal(HistoryMetrics.DeviceMetrics.Count, m.Count);
    }

    [Fact]
    public void Device_sample_should_be_stamped_with_the_readings_own_time()
    {
        var reading = new Reading("ups", T0.AddSeconds(-3), true, false, false, false, 100, null, null, null, null, "OL");
        var samples = SampleMetrics.From(new DeviceSampled("ups", "nut", reading, DeviceHealth.Healthy, "ok", null, T0)).ToList();
        Assert.All(samples, s => Assert.Equal(T0.AddSeconds(-3).ToUnixTimeMilliseconds(), s.TimeMs));
        Assert.All(samples, s => Assert.Equal(SeriesSubjectKind.Device, s.Series.Kind));
    }

    [Fact]
    public void Device_sample_should_leave_out_measurements_the_device_does_not_report()
    {
        var reading = new Reading("ups", T0, true, false, false, false, 100, null, null, double.NaN, null, "OL");
        var m = Metrics(new DeviceSampled("ups", "nut", reading, DeviceHealth.Healthy, "ok", null, T0));
        Assert.Equal(["charge", "fsd", "health", "low-battery", "on-battery", "on-line", "poll-failed"], m.Keys.Order().ToArray());
    }

    [Fact]
    public void Failed_poll_should_store_only_health_and_the_failure()
    {
        var m = Metrics(new DeviceSampled("ups", "nut", null, DeviceHealth.Unknown, "stale", "connection refused", T0));
        Assert.Equal(2, m.Count);
        Assert.Equal(("flag", 1), m["poll-failed"]);
        Assert.Equal(("code", -1), m["health"]);
    }

    [Theory]
    [InlineData(DeviceHealth.Healthy, 0)]
    [InlineData(DeviceHealth.Degraded, 1)]
    [InlineData(DeviceHealth.Critical, 2)]
    [InlineData(DeviceHealth.Unknown, -1)]
    public void Health_code_should_order_known_states_by_how_bad_they_are(DeviceHealth health, double code) =>
        Assert.Equal(code, HistoryMetrics.HealthCode(health));

    [Fact]
    public void Group_sample_should_yield_counts_quorum_state_and_runtime()
    {
        var m = Metrics(new GroupSampled("rack-a", GroupState.QuorumLost, 1, 2, 3, 420, T0));
        Assert.Equal(("count", 1), m["healthy"]);
        Assert.Equal(("count", 2), m["min-healthy"]);
        Assert.Equal(("count", 3), m["members"]);
        Assert.Equal(("code", 3), m["quorum-state"]);
        Assert.Equal(("s", 420), m["runtime"]);
        Assert.All(SampleMetrics.From(new GroupSampled("rack-a", GroupState.Healthy, 1, 1, 1, null, T0)),
            s => Assert.Equal(SeriesSubjectKind.Group, s.Series.Kind));
    }

    [Fact]
    public void Quorum_codes_should_be_distinct_for_every_group_state() =>
        Assert.Equal(Enum.GetValues<GroupState>().Length, Enum.GetValues<GroupState>().Select(HistoryMetrics.QuorumCode).Distinct().Count(c => c >= 0));

    [Fact]
    public void Events_should_yield_no_samples() =>
        Assert.Empty(SampleMetrics.From(new ConfigWarningRaised("n", "supervisor.x", "y", T0)));
}
