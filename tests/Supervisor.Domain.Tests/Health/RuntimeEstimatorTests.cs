using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Worked examples for runtime estimation of devices that report no runtime.</summary>
public class RuntimeEstimatorTests
{
    private static Reading NoRuntime(double at, double charge, double? watts = 250, bool onBattery = true) =>
        new("bank", At(at), !onBattery, onBattery, false, false, charge, null, null, null, watts, "");

    [Fact]
    public void Load_estimate_should_be_capacity_times_charge_over_watts()
    {
        // 1000 Wh × 50 % = 500 Wh usable; 500 Wh ÷ 250 W = 2 h = 7200 s.
        var (r, _) = RuntimeEstimator.Apply(RuntimeEstimatorState.Empty, NoRuntime(0, 50, 250), capacityWh: 1000);
        Assert.Equal(7200, r.RuntimeSeconds);
        Assert.True(r.RuntimeEstimated);
    }

    [Fact]
    public void Rate_estimate_should_divide_charge_left_by_the_discharge_rate()
    {
        // 80 % → 70 % over 60 s = 10 %/min; 70 % left → 7 min = 420 s.
        var (state, reading) = (RuntimeEstimatorState.Empty, NoRuntime(0, 80, watts: null));
        (_, state) = RuntimeEstimator.Apply(state, NoRuntime(0, 80, watts: null), capacityWh: null);
        (_, state) = RuntimeEstimator.Apply(state, NoRuntime(30, 75, watts: null), capacityWh: null);
        (reading, _) = RuntimeEstimator.Apply(state, NoRuntime(60, 70, watts: null), capacityWh: null);
        Assert.Equal(420, reading.RuntimeSeconds);
    }

    [Fact]
    public void Shorter_estimate_should_win_when_both_are_available()
    {
        // load: 1000 Wh × 70 % ÷ 250 W = 10080 s; rate: 420 s (a battery older than its rated capacity).
        var state = RuntimeEstimatorState.Empty;
        (_, state) = RuntimeEstimator.Apply(state, NoRuntime(0, 80), 1000);
        (var r, _) = RuntimeEstimator.Apply(state, NoRuntime(60, 70), 1000);
        Assert.Equal(420, r.RuntimeSeconds);
    }

    [Fact]
    public void Rate_estimate_should_wait_for_thirty_seconds_of_samples()
    {
        var state = RuntimeEstimatorState.Empty;
        (_, state) = RuntimeEstimator.Apply(state, NoRuntime(0, 80, watts: null), null);
        var (r, _) = RuntimeEstimator.Apply(state, NoRuntime(20, 70, watts: null), null);
        Assert.Null(r.RuntimeSeconds);
    }

    [Fact]
    public void Reported_runtime_should_pass_through_untouched()
    {
        var reported = NoRuntime(0, 50) with { RuntimeSeconds = 999 };
        var (r, _) = RuntimeEstimator.Apply(RuntimeEstimatorState.Empty, reported, 1000);
        Assert.Equal(999, r.RuntimeSeconds);
        Assert.False(r.RuntimeEstimated);
    }

    [Fact]
    public void Samples_should_be_dropped_when_back_on_line_and_kept_within_the_window()
    {
        var state = RuntimeEstimatorState.Empty;
        for (var t = 0; t <= 600; t += 10) (_, state) = RuntimeEstimator.Apply(state, NoRuntime(t, 100 - t / 10.0, watts: null), null);
        Assert.True(state.Samples.Count <= 13, $"{state.Samples.Count} samples kept");
        (_, state) = RuntimeEstimator.Apply(state, NoRuntime(610, 40, watts: null, onBattery: false), null);
        Assert.Empty(state.Samples);
    }

    [Fact]
    public void On_line_reading_should_get_only_the_load_estimate()
    {
        var (r, _) = RuntimeEstimator.Apply(RuntimeEstimatorState.Empty, NoRuntime(0, 100, 500, onBattery: false), 1000);
        Assert.Equal(7200, r.RuntimeSeconds);
    }
}
