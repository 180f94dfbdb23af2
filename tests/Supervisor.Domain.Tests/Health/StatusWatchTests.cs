using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Issue 9 part E: the pure rules of the status watch, and how health judges what it sees.</summary>
public class StatusWatchTests
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMilliseconds(250);

    private static DeviceSettings Watching(TimeSpan? interval = null) => Settings() with { StatusInterval = interval ?? Quarter };

    /// <summary>Free driver, polls answering, status known, next poll 1.5 s away: the watch reads.</summary>
    private static WatchContext Ready => new(DriverBusy: false, Suspended: false, FailuresInARow: 0, KnownStatus: "OL", NextPollAt: At(1.5));

    private static StatusProbe Probe(string status, double at = 0.5)
    {
        var words = status.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return new StatusProbe(At(at), status, words.Contains("OL"), words.Contains("OB"), words.Contains("LB"), words.Contains("FSD"));
    }

    [Fact]
    public void ShouldRead_should_read_when_the_driver_is_free_and_the_next_poll_is_more_than_one_interval_away()
    {
        Assert.True(StatusWatch.ShouldRead(Watching(), Ready, At(0)));
    }

    [Fact]
    public void ShouldRead_should_not_read_when_status_interval_is_off() =>
        Assert.False(StatusWatch.ShouldRead(Settings() with { StatusInterval = null }, Ready, At(0)));

    [Fact]
    public void ShouldRead_should_not_read_when_a_poll_or_a_watch_is_in_flight() =>
        Assert.False(StatusWatch.ShouldRead(Watching(), Ready with { DriverBusy = true }, At(0)));

    [Fact]
    public void ShouldRead_should_not_read_when_a_watch_failed_since_the_last_answer() =>
        Assert.False(StatusWatch.ShouldRead(Watching(), Ready with { Suspended = true }, At(0)));

    [Fact]
    public void ShouldRead_should_leave_the_server_to_the_poll_schedule_when_polls_are_failing() =>
        Assert.False(StatusWatch.ShouldRead(Watching(), Ready with { FailuresInARow = 1 }, At(0)));

    [Fact]
    public void ShouldRead_should_not_read_when_no_poll_has_answered_yet() =>
        Assert.False(StatusWatch.ShouldRead(Watching(), Ready with { KnownStatus = null }, At(0)));

    [Fact]
    public void ShouldRead_should_leave_it_to_the_poll_when_the_poll_is_due_within_one_interval()
    {
        Assert.False(StatusWatch.ShouldRead(Watching(), Ready with { NextPollAt = At(0.2) }, At(0)));
        Assert.True(StatusWatch.ShouldRead(Watching(), Ready with { NextPollAt = At(0.25) }, At(0)));
    }

    [Theory]
    [InlineData("OL", "OL")]
    [InlineData("OB LB", "LB OB")]
    [InlineData("OL CHRG", "OL\tCHRG")]
    public void Judge_should_see_no_change_when_the_same_words_come_in_any_order(string known, string seen) =>
        Assert.Equal(StatusChange.Unchanged, StatusWatch.Judge(known, Probe(seen)));

    [Theory]
    [InlineData("OL", "OB")]
    [InlineData("OL", "OB LB")]
    [InlineData("OB", "OB LB")]
    [InlineData("OL", "FSD OL")]
    [InlineData("OL", "OL CHRG")]
    [InlineData("WAIT", "OL")]
    public void Judge_should_act_when_the_status_changes_to_one_health_can_judge(string known, string seen) =>
        Assert.Equal(StatusChange.Act, StatusWatch.Judge(known, Probe(seen)));

    [Theory]
    [InlineData("WAIT")]
    [InlineData("")]
    [InlineData("OFF")]
    public void Judge_should_not_act_when_the_new_status_has_no_power_state(string seen) =>
        Assert.Equal(StatusChange.NoPowerState, StatusWatch.Judge("OL", Probe(seen)));

    [Fact]
    public void ToReading_should_take_the_probes_flags_and_keep_the_last_polls_measurements()
    {
        var lastPoll = OnLine(0, charge: 97, runtime: 1700);
        var r = StatusWatch.ToReading(lastPoll, Probe("OB LB", at: 0.6));
        Assert.Equal((At(0.6), false, true, true, false, "OB LB"), (r.Time, r.OnLine, r.OnBattery, r.LowBattery, r.ForcedShutdown, r.RawStatus));
        Assert.Equal((97.0, 1700.0), (r.ChargePercent, r.RuntimeSeconds));
        Assert.True(r.StatusOnly);
    }

    [Fact]
    public void Health_should_be_critical_at_once_when_the_watch_sees_OB_LB()
    {
        var settings = Settings(TriggerSettings.Defaults);
        var healthy = Feed(settings, OnLine(0));
        var state = DeviceHealthRules.OnReading(healthy, StatusWatch.ToReading(OnLine(0), Probe("OB LB", at: 0.3)), settings);
        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.LowBattery], state.Assessment.Fired);
    }

    [Fact]
    public void Health_should_be_critical_at_once_when_the_watch_sees_FSD_while_stabilizing_after_an_outage()
    {
        // Back on line 2 s ago after an outage, stabilize 30 s: FSD does not wait for it, nor for on-battery-delay.
        var settings = Settings(TriggerSettings.Defaults, stabilizeSeconds: 30);
        var stabilizing = Feed(settings, OnLine(0), OnBattery(10), OnLine(20), OnLine(22));
        Assert.Equal(DeviceHealth.Degraded, stabilizing.Health);
        var state = DeviceHealthRules.OnReading(stabilizing, StatusWatch.ToReading(OnLine(22), Probe("FSD OL", at: 22.2)), settings);
        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Contains(TriggerKind.ForcedShutdown, state.Assessment.Fired);
    }

    [Fact]
    public void Health_should_take_no_depletion_sample_from_a_status_only_reading()
    {
        var settings = Settings(NoTriggers with { Depletion = DepletionSettings.Defaults });
        var onBattery = Feed(settings, OnBattery(0, charge: 90));
        var state = DeviceHealthRules.OnReading(onBattery, StatusWatch.ToReading(OnBattery(0, charge: 90), Probe("OB DISCHRG", at: 1)), settings);
        Assert.Single(state.ChargeSamples);
    }
}
