using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>
/// Issue 9, rule 2: a reply that carries no power state (NUT WAIT, an empty status, a plug whose relay is off, …)
/// keeps the previous health until stale-after, counted from the last reading that did carry one.
/// </summary>
public class DeviceHealthNoPowerStateTests
{
    private static Reading Status(double atSeconds, string status) =>
        Read(atSeconds, onLine: false, onBattery: false) with { RawStatus = status };

    [Fact]
    public void Health_should_stay_healthy_and_say_why_when_the_driver_answers_wait()
    {
        var state = Feed(Settings(), OnLine(0), Status(2, "WAIT"));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.Equal("status WAIT (driver initialising); keeping HEALTHY from 2s ago until stale", state.Assessment.Reason);
        Assert.Equal(At(0), state.LastReadingAt); // not a fresh reading: staleness keeps counting from 0 s
        Assert.Equal("OL", state.LastReading!.RawStatus);
    }

    [Fact]
    public void Health_should_stay_degraded_without_moving_the_episode_when_an_on_battery_device_answers_wait()
    {
        var waiting = Feed(Settings(), OnBattery(0), Status(3, "WAIT"));
        Assert.Equal(DeviceHealth.Degraded, waiting.Health);
        Assert.EndsWith("keeping DEGRADED from 3s ago until stale", waiting.Assessment.Reason);

        var state = Feed(waiting, Settings(), OnBattery(5));
        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal(At(0), state.OnBatterySince);
        Assert.StartsWith("on battery for 5s", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_keep_health_when_the_status_is_empty()
    {
        var state = Feed(Settings(), OnLine(0), Status(1, "  "));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.StartsWith("empty status, which says neither on line nor on battery; keeping HEALTHY", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_turn_unknown_at_stale_after_from_the_last_power_state_when_wait_goes_on()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnLine(0), Status(2, "WAIT"), Status(4, "WAIT"), Status(11.5, "WAIT"));
        Assert.Equal(DeviceHealth.Healthy, state.Health);

        state = Feed(state, settings, Status(12, "WAIT"));
        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("no reading with a power state for 12s (last reply: status WAIT (driver initialising))", state.Assessment.Reason);
    }

    [Fact]
    public void Staleness_tick_should_count_from_the_last_power_state_when_only_wait_replies_came_since()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnLine(0), Status(10, "WAIT"));

        Assert.Equal(DeviceHealth.Unknown, DeviceHealthRules.OnTick(state, At(12), settings).Health);
    }

    [Fact]
    public void Health_should_turn_critical_at_stale_after_when_an_on_battery_device_keeps_answering_wait()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnBattery(0), Status(6, "WAIT"), Status(12, "WAIT"));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.CommsLostOnBattery], state.Assessment.Fired);
        Assert.Contains("while on battery (last reply: status WAIT (driver initialising))", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_stay_unknown_when_the_first_reply_is_wait()
    {
        var state = Feed(Settings(), Status(0, "WAIT"));

        Assert.Equal(DeviceHealth.Unknown, state.Health);
        Assert.Equal("status WAIT (driver initialising)", state.Assessment.Reason);
    }

    [Fact]
    public void Health_should_turn_critical_when_a_reply_without_power_state_carries_fsd()
    {
        var settings = Settings(NoTriggers with { ForcedShutdown = true });
        var state = Feed(settings, OnLine(0), Status(1, "WAIT FSD") with { ForcedShutdown = true });

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.ForcedShutdown], state.Assessment.Fired);
    }

    [Fact]
    public void Health_should_quote_the_error_not_the_reply_when_a_failed_poll_follows_a_wait()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = Feed(settings, OnLine(0), Status(2, "WAIT"));
        state = DeviceHealthRules.OnPollFailed(state, "connection refused", At(13), settings);

        Assert.Equal("no reading for 13s (last error: connection refused)", state.Assessment.Reason);
    }

    [Fact]
    public void Plug_with_relay_off_should_keep_its_health_until_stale_when_it_was_read_before()
    {
        var plug = Settings(staleAfterSeconds: 12) with { Sensing = new PowerThresholds(ThresholdDirection.Below, 50, null, null, 5) };
        var on = OnLine(0) with { PowerWatts = 120, RelayOn = true };
        var off = on with { Time = At(3), PowerWatts = 0, RelayOn = false };

        var state = Feed(plug, on, off);
        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.StartsWith("relay is off", state.Assessment.Reason);
        Assert.EndsWith("keeping HEALTHY from 3s ago until stale", state.Assessment.Reason);
        Assert.Equal(DeviceHealth.Unknown, DeviceHealthRules.OnTick(state, At(12), plug).Health);
    }
}
