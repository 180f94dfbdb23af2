using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>On-battery episodes: latched triggers, stabilizing after OB→OL, and flapping inside stabilize.</summary>
public class DeviceHealthEpisodeTests
{
    [Fact]
    public void Trigger_should_stay_latched_when_its_condition_clears_on_battery()
    {
        var settings = Settings(NoTriggers with { ChargePercent = 20 });
        var state = Feed(settings, OnBattery(0, charge: 18), OnBattery(2, charge: 25));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.Charge], state.Assessment.Fired);
        Assert.Equal("charge 18% ≤ 20% on battery", state.Assessment.Reason);
    }

    [Fact]
    public void Trigger_should_stay_latched_and_critical_when_back_on_line_but_still_stabilizing()
    {
        var settings = Settings(NoTriggers with { ChargePercent = 20 }, stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0, charge: 18), OnLine(10, charge: 19), OnLine(14, charge: 21));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.Charge], state.Assessment.Fired);
        Assert.Equal("charge 18% ≤ 20% on battery; on line for 4s, stabilizing (30s)", state.Assessment.Reason);
    }

    [Fact]
    public void Trigger_should_be_released_when_back_on_line_and_stable()
    {
        var settings = Settings(NoTriggers with { ChargePercent = 20 }, stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0, charge: 18), OnLine(10), OnLine(40));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.Empty(state.Assessment.Fired);
        Assert.Empty(state.Latched);
        Assert.Null(state.OnBatterySince);
        Assert.False(state.InEpisode);
    }

    [Fact]
    public void Fsd_should_stay_latched_when_flag_clears_on_line_until_stable()
    {
        var settings = Settings(NoTriggers with { ForcedShutdown = true }, stabilizeSeconds: 30);
        var state = Feed(settings, OnLine(0, forcedShutdown: true), OnLine(2));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal(DeviceHealth.Healthy, Feed(state, settings, OnLine(32)).Health);
    }

    [Fact]
    public void Stabilize_should_keep_device_degraded_when_back_on_line_for_less_than_stabilize()
    {
        var settings = Settings(stabilizeSeconds: 30);
        var state = Feed(settings, OnLine(0), OnBattery(10), OnLine(20), OnLine(24));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal("on line for 4s, stabilizing (30s)", state.Assessment.Reason);
        Assert.Equal(At(20), state.StableSince);
    }

    [Fact]
    public void Stabilize_should_make_device_healthy_when_on_line_for_the_full_period()
    {
        var settings = Settings(stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0), OnLine(20), OnLine(50));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
        Assert.Equal("on line and stable for 30s (status: OL)", state.Assessment.Reason);
    }

    [Fact]
    public void Stabilize_should_make_device_healthy_at_once_when_stabilize_is_zero()
    {
        var state = Feed(Settings(stabilizeSeconds: 0), OnBattery(0), OnLine(20));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void Stabilize_should_keep_on_battery_since_when_device_flaps_back_on_battery_inside_window()
    {
        var settings = Settings(stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0), OnLine(20), OnBattery(40));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal(At(0), state.OnBatterySince);
        Assert.Null(state.StableSince);
        Assert.Equal("on battery for 40s (status: OB)", state.Assessment.Reason);
    }

    [Fact]
    public void Stabilize_should_start_a_new_episode_when_on_battery_again_after_being_stable()
    {
        var settings = Settings(stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0), OnLine(20), OnLine(50), OnBattery(60));

        Assert.Equal(At(60), state.OnBatterySince);
    }

    [Fact]
    public void TimeOnBattery_should_count_from_episode_start_when_device_flaps_inside_stabilize()
    {
        var settings = Settings(NoTriggers with { OnBattery = TimeSpan.FromSeconds(60) }, stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0), OnLine(20), OnBattery(45), OnLine(50), OnBattery(61));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal("on battery for 61s ≥ 60s", state.Assessment.Reason);
    }

    [Fact]
    public void Trigger_should_stay_latched_when_device_flaps_back_on_battery_inside_stabilize()
    {
        var settings = Settings(NoTriggers with { ChargePercent = 20 }, stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0, charge: 18), OnLine(10, charge: 19), OnBattery(20, charge: 30));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.Charge], state.Assessment.Fired);
    }

    [Fact]
    public void OnBattery_should_never_be_delayed_when_device_leaves_line_while_stabilizing()
    {
        var settings = Settings(stabilizeSeconds: 30);
        var stabilizing = Feed(settings, OnBattery(0), OnLine(10));
        var state = Feed(stabilizing, settings, OnBattery(11));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.StartsWith("on battery for", state.Assessment.Reason);
    }

    [Fact]
    public void CommsLost_should_stay_latched_when_device_reappears_on_battery()
    {
        var settings = Settings(staleAfterSeconds: 12);
        var state = DeviceHealthRules.OnTick(Feed(settings, OnBattery(0)), At(12), settings);
        state = DeviceHealthRules.OnReading(state, OnBattery(14), settings);

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.CommsLostOnBattery], state.Assessment.Fired);
    }

    [Fact]
    public void Stabilize_should_restart_when_device_was_stale_while_stabilizing()
    {
        var settings = Settings(staleAfterSeconds: 12, stabilizeSeconds: 30);
        var state = Feed(settings, OnBattery(0), OnLine(10));
        state = DeviceHealthRules.OnTick(state, At(25), settings);
        Assert.Equal(DeviceHealth.Unknown, state.Health);

        state = Feed(state, settings, OnLine(41));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Equal(At(41), state.StableSince);
    }

    [Fact]
    public void Neither_status_should_keep_latched_triggers_critical_when_a_trigger_had_fired()
    {
        var settings = Settings(NoTriggers with { ChargePercent = 20 });
        var state = Feed(settings, OnBattery(0, charge: 18), Read(2, onLine: false, onBattery: false));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.EndsWith("status BYPASS says neither on line nor on battery", state.Assessment.Reason);
    }
}
