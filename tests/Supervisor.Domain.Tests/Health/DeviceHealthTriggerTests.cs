using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Each trigger on its own: fires when its condition holds, stays quiet when off or when on line.</summary>
public class DeviceHealthTriggerTests
{
    private static readonly DepletionSettings Depletion =
        new(PercentPerMinute: 15, Window: TimeSpan.FromSeconds(300), Grace: TimeSpan.FromSeconds(90));

    [Fact]
    public void Fsd_should_make_device_critical_at_once_when_on_line()
    {
        var state = Feed(Settings(NoTriggers with { ForcedShutdown = true }), OnLine(0, forcedShutdown: true));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.ForcedShutdown], state.Assessment.Fired);
        Assert.Equal("FSD flag from device (status: OL FSD)", state.Assessment.Reason);
    }

    [Fact]
    public void Fsd_should_be_ignored_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), OnLine(0, forcedShutdown: true));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void LowBattery_should_fire_when_lb_flag_is_set_on_battery_even_with_high_charge()
    {
        var state = Feed(Settings(NoTriggers with { LowBattery = true }), OnBattery(0, charge: 90, lowBattery: true));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.LowBattery], state.Assessment.Fired);
        Assert.Equal("LB flag while on battery", state.Assessment.Reason);
    }

    [Fact]
    public void LowBattery_should_be_ignored_when_on_line_and_charge_above_guard()
    {
        var state = Feed(Settings(NoTriggers with { LowBattery = true, LowBatteryGuardPercent = 50 }),
            OnLine(0, charge: 51, lowBattery: true));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void LowBattery_should_fire_when_on_line_and_charge_at_or_below_guard()
    {
        var state = Feed(Settings(NoTriggers with { LowBattery = true, LowBatteryGuardPercent = 50 }),
            OnLine(0, charge: 50, lowBattery: true));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal("LB flag with charge 50% ≤ 50% guard", state.Assessment.Reason);
    }

    [Fact]
    public void LowBattery_should_fire_when_on_line_and_charge_unknown()
    {
        var state = Feed(Settings(NoTriggers with { LowBattery = true }), OnLine(0, charge: null, lowBattery: true));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal("LB flag with charge unknown", state.Assessment.Reason);
    }

    [Fact]
    public void LowBattery_should_be_ignored_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), OnBattery(0, lowBattery: true));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Charge_should_fire_when_at_or_below_threshold_on_battery()
    {
        var state = Feed(Settings(NoTriggers with { ChargePercent = 20 }), OnBattery(0, charge: 18));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.Charge], state.Assessment.Fired);
        Assert.Equal("charge 18% ≤ 20% on battery", state.Assessment.Reason);
    }

    [Fact]
    public void Charge_should_not_fire_when_above_threshold_on_battery()
    {
        var state = Feed(Settings(NoTriggers with { ChargePercent = 20 }), OnBattery(0, charge: 21));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Charge_should_not_fire_when_low_charge_is_seen_on_line()
    {
        var state = Feed(Settings(NoTriggers with { ChargePercent = 20 }), OnLine(0, charge: 5));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void Charge_should_not_fire_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), OnBattery(0, charge: 1));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Runtime_should_fire_when_at_or_below_threshold_on_battery()
    {
        var state = Feed(Settings(NoTriggers with { Runtime = TimeSpan.FromSeconds(600) }), OnBattery(0, runtime: 540));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.Runtime], state.Assessment.Fired);
        Assert.Equal("runtime 540s ≤ 600s on battery", state.Assessment.Reason);
    }

    [Fact]
    public void Runtime_should_not_fire_when_low_runtime_is_seen_on_line()
    {
        var state = Feed(Settings(NoTriggers with { Runtime = TimeSpan.FromSeconds(600) }), OnLine(0, runtime: 60));

        Assert.Equal(DeviceHealth.Healthy, state.Health);
    }

    [Fact]
    public void Runtime_should_not_fire_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), OnBattery(0, runtime: 1));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void TimeOnBattery_should_fire_when_on_battery_for_at_least_the_limit()
    {
        var state = Feed(Settings(NoTriggers with { OnBattery = TimeSpan.FromSeconds(900) }),
            OnBattery(0), OnBattery(899), OnBattery(901));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.TimeOnBattery], state.Assessment.Fired);
        Assert.Equal("on battery for 901s ≥ 900s", state.Assessment.Reason);
    }

    [Fact]
    public void TimeOnBattery_should_not_fire_when_below_the_limit()
    {
        var state = Feed(Settings(NoTriggers with { OnBattery = TimeSpan.FromSeconds(900) }), OnBattery(0), OnBattery(899));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void TimeOnBattery_should_not_fire_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), OnBattery(0), OnBattery(100_000));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Depletion_should_fire_when_rate_reaches_limit_after_grace()
    {
        // 16.2 %/min, one reading every 10 s; grace ends at 90 s, so at 120 s the rate spans 90..120 s.
        var state = Feed(Settings(NoTriggers with { Depletion = Depletion }), Draining(0, 120, 10, 100, 16.2));

        Assert.Equal(DeviceHealth.Critical, state.Health);
        Assert.Equal([TriggerKind.DepletionRate], state.Assessment.Fired);
        Assert.Equal("depletion 16.2%/min ≥ 15%/min over 30s", state.Assessment.Reason);
    }

    [Fact]
    public void Depletion_should_ignore_the_charge_jump_inside_grace_when_grace_ends()
    {
        // Charge drops 100 → 60 in the first seconds after the transfer (a common reading artefact), then
        // drains at 5 %/min: counting the jump would give ~28 %/min at 100 s and fire spuriously.
        var readings = new[] { OnBattery(0, charge: 100) }.Concat(Draining(10, 200, 10, 60, 5)).ToArray();
        var state = Feed(Settings(NoTriggers with { Depletion = Depletion }), readings);

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Depletion_should_not_fire_when_still_inside_grace()
    {
        var state = Feed(Settings(NoTriggers with { Depletion = Depletion }), Draining(0, 80, 10, 100, 60));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Depletion_should_not_fire_when_samples_span_less_than_30s()
    {
        // Grace 0, but the charge is only known from 100 s on: 20 s of samples, however steep, is noise.
        var depletion = Depletion with { Grace = TimeSpan.Zero };
        var readings = new[] { OnBattery(0, charge: null), OnBattery(80, charge: null) }
            .Concat(Draining(100, 120, 10, 100, 60)).ToArray();
        var state = Feed(Settings(NoTriggers with { Depletion = depletion }), readings);

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Depletion_should_not_fire_when_rate_is_below_limit()
    {
        var state = Feed(Settings(NoTriggers with { Depletion = Depletion }), Draining(0, 300, 10, 100, 14.9));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
    }

    [Fact]
    public void Depletion_should_not_fire_when_trigger_is_off()
    {
        var state = Feed(Settings(NoTriggers), Draining(0, 300, 10, 100, 30));

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Empty(state.ChargeSamples);
    }

    [Fact]
    public void Depletion_should_ignore_samples_older_than_window_when_rate_is_computed()
    {
        // A 30 % drop right after the transfer, then flat: with a 60 s window the drop has left it when grace ends.
        var depletion = Depletion with { Window = TimeSpan.FromSeconds(60) };
        var readings = new[] { OnBattery(0, charge: 100) }.Concat(Draining(10, 400, 10, 70, 0)).ToArray();
        var state = Feed(Settings(NoTriggers with { Depletion = depletion }), readings);

        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.All(state.ChargeSamples, s => Assert.True(s.Time >= At(400) - depletion.Window));
    }

    [Fact]
    public void Depletion_should_keep_memory_bounded_when_on_battery_for_long()
    {
        var state = Feed(Settings(NoTriggers with { Depletion = Depletion }), Draining(0, 3600, 1, 100, 1));

        Assert.True(state.ChargeSamples.Count <= 301, $"kept {state.ChargeSamples.Count} samples");
        Assert.Equal(At(3300), state.ChargeSamples[0].Time);
    }

    [Fact]
    public void Assessment_should_list_every_fired_trigger_when_several_fire()
    {
        var triggers = NoTriggers with { LowBattery = true, ChargePercent = 20, Runtime = TimeSpan.FromSeconds(600) };
        var state = Feed(Settings(triggers), OnBattery(0, charge: 10, runtime: 100, lowBattery: true));

        Assert.Equal([TriggerKind.LowBattery, TriggerKind.Charge, TriggerKind.Runtime], state.Assessment.Fired);
        Assert.Equal("LB flag while on battery; charge 10% ≤ 20% on battery; runtime 100s ≤ 600s on battery",
            state.Assessment.Reason);
    }

    [Fact]
    public void Assessment_should_list_fired_triggers_in_evaluation_order_fsd_lb_then_the_on_battery_ones()
    {
        var triggers = NoTriggers with { ForcedShutdown = true, LowBattery = true, ChargePercent = 20, OnBattery = TimeSpan.Zero };
        var state = Feed(Settings(triggers), OnBattery(0, charge: 10, lowBattery: true, forcedShutdown: true));

        Assert.Equal([TriggerKind.ForcedShutdown, TriggerKind.LowBattery, TriggerKind.Charge, TriggerKind.TimeOnBattery], state.Assessment.Fired);
        Assert.StartsWith("FSD flag from device (status: ", state.Assessment.Reason);
        Assert.EndsWith("); LB flag while on battery; charge 10% ≤ 20% on battery; on battery for 0s ≥ 0s", state.Assessment.Reason);
    }
}
