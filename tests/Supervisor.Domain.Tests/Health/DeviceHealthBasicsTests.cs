using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Health without triggers: unknown before data, healthy on line, degraded on battery, staleness.</summary>
public class DeviceHealthBasicsTests
{
    [Fact]
    public void Health_should_be_unknown_when_no_reading_yet()
    {
        var state = DeviceHealthRules.Initial(T0);

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("no reading yet", state.Assessment.Reason);
        Assert.Null(state.LastReading);
    }

    [Fact]
    public void Health_should_stay_unknown_and_record_failure_when_poll_fails_before_any_reading()
    {
        var state = DeviceHealthRules.OnPollFailed(DeviceHealthRules.Initial(T0), "connection refused", At(60), Settings());

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("no reading yet (last error: connection refused)", state.Assessment.Reason);
        Assert.Equal("connection refused", state.LastFailure);
    }

    [Fact]
    public void Health_should_stay_unknown_when_ticking_before_any_reading()
    {
        var state = DeviceHealthRules.OnTick(DeviceHealthRules.Initial(T0), At(600), Settings());

        Assert.Equal(HealthAssessment.Initial, state.Assessment);
    }

    [Fact]
    public void Health_should_be_healthy_when_fresh_reading_is_on_line()
    {
        var state = Feed(Settings(), OnLine(1));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.Equal("on line (status: OL)", state.Assessment.Reason);
        Assert.Equal(At(1), state.LastReadingAt);
    }

    [Fact]
    public void Health_should_be_degraded_at_once_when_first_reading_is_on_battery()
    {
        var state = Feed(Settings(), OnLine(0), OnBattery(2));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal(At(2), state.OnBatterySince);
        Assert.Equal("on battery for 0s (status: OB)", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_treat_reading_as_on_battery_when_both_online_and_onbattery_are_set()
    {
        var state = Feed(Settings(), Read(0, onLine: true, onBattery: true));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.NotNull(state.OnBatterySince);
    }

    [Fact]
    public void Health_should_be_unknown_when_the_first_reading_reports_neither_online_nor_onbattery()
    {
        var state = Feed(Settings(), Read(2, onLine: false, onBattery: false));

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("status BYPASS says neither on line nor on battery", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_be_unknown_with_last_error_when_stale_after_failed_polls_on_line()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnLine(0));
        state = DeviceHealthRules.OnPollFailed(state, "timeout after 1s", At(6), settings);
        state = DeviceHealthRules.OnTick(state, At(12), settings);

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("no reading for 12s (last error: timeout after 1s)", state.Assessment.Reason);
        Assert.Empty(state.Assessment.Fired);
    }

    [Fact]
    public void Health_should_go_stale_when_poll_fails_at_stale_after()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = DeviceHealthRules.OnPollFailed(Feed(settings, OnLine(0)), "refused", At(12), settings);

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("no reading for 12s (last error: refused)", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_be_critical_comms_lost_when_stale_while_last_reading_on_battery()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnBattery(0));
        state = DeviceHealthRules.OnPollFailed(state, "refused", At(12), settings);

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.CommsLostOnBattery], state.Assessment.Fired);
        Assert.Equal("no reading for 12s while on battery (last error: refused)", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_be_critical_comms_lost_when_stale_while_critical_on_line()
    {
        var settings = Settings(NoTriggers with { ForcedShutdown = true }, staleAfterSeconds: 12);
        var state = Feed(settings, OnLine(0, forcedShutdown: true));
        state = DeviceHealthRules.OnTick(state, At(13), settings);

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.ForcedShutdown, TriggerKind.CommsLostOnBattery], state.Assessment.Fired);
        Assert.Contains("no reading for 13s while critical", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_stay_unchanged_but_record_failure_when_poll_fails_before_stale_after()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var onBattery = Feed(settings, OnBattery(0));
        var state = DeviceHealthRules.OnPollFailed(onBattery, "timeout", At(11.9), settings);

        Assert.Equal(onBattery.Assessment, state.Assessment);
        Assert.Equal("timeout", state.LastFailure);
    }

    [Fact]
    public void Health_should_stay_unchanged_when_ticking_before_stale_after()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var fresh = Feed(settings, OnLine(0));

        Assert.Same(fresh, DeviceHealthRules.OnTick(fresh, At(11.9), settings));
    }

    [Fact]
    public void Health_should_clear_last_failure_when_a_reading_succeeds()
    {
        var settings = Settings();
        var state = DeviceHealthRules.OnPollFailed(Feed(settings, OnLine(0)), "timeout", At(2), settings);
        state = DeviceHealthRules.OnReading(state, OnLine(4), settings);

        Assert.Null(state.LastFailure);
        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void Health_should_be_healthy_at_once_when_fresh_on_line_reading_follows_a_stale_period_without_episode()
    {
        var settings = Settings(staleAfterSeconds: 12, stabilizeSeconds: 30);
        var state = DeviceHealthRules.OnTick(Feed(settings, OnLine(0)), At(20), settings);
        state = DeviceHealthRules.OnReading(state, OnLine(21), settings);

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }
}
