using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>Issue 9, rule 4: <c>on-battery-delay</c> holds the charge and runtime triggers back right after a transfer, and nothing else.</summary>
public class OnBatteryDelayTests
{
    private static readonly TriggerSettings Delayed = NoTriggers with
    {
        ChargePercent = 20, Runtime = TimeSpan.FromSeconds(600), OnBatteryDelay = TimeSpan.FromSeconds(30),
    };

    [Fact]
    public void Charge_trigger_should_wait_for_the_delay_when_the_charge_reads_low_right_after_the_transfer()
    {
        var settings = Settings(Delayed);
        var early = Feed(settings, OnBattery(0, charge: 15), OnBattery(10, charge: 15));
        Assert.Equal(DeviceHealth.Degraded, early.Health);
        Assert.Equal("on battery for 10s (status: OB); charge 15% ≤ 20% on battery, held back during the first 30s on battery (on-battery-delay)",
            early.Assessment.Reason);

        var settled = Feed(early, settings, OnBattery(30, charge: 15));
        Assert.Equal(DeviceHealth.Critical, settled.Health);
        Assert.Equal([TriggerKind.Charge], settled.Assessment.Fired);
    }

    [Fact]
    public void Runtime_trigger_should_not_fire_when_a_dip_right_after_the_transfer_recovers_within_the_delay()
    {
        var settings = Settings(Delayed);
        var state = Feed(settings, OnBattery(0, runtime: 90), OnBattery(4, runtime: 120), OnBattery(12, runtime: 1500), OnBattery(40, runtime: 1400));
        Assert.Equal(DeviceHealth.Degraded, state.Health);
        Assert.Empty(state.Latched);
    }

    [Fact]
    public void Delay_should_count_from_the_start_of_the_episode_when_the_device_flaps()
    {
        // OB at 0, OL at 10 (inside stabilize), OB again at 25: the delay ends at 30, not at 55.
        var settings = Settings(Delayed);
        var state = Feed(settings, OnBattery(0), OnLine(10), OnBattery(25, charge: 15), OnBattery(31, charge: 15));
        Assert.Equal(DeviceHealth.Critical, state.Health);
    }

    [Fact]
    public void Delay_should_not_hold_back_fsd_low_battery_or_time_on_battery()
    {
        var settings = Settings(NoTriggers with
        {
            ForcedShutdown = true, LowBattery = true, OnBattery = TimeSpan.FromSeconds(5), OnBatteryDelay = TimeSpan.FromSeconds(60),
        });
        Assert.Equal([TriggerKind.ForcedShutdown], Feed(settings, OnBattery(0, forcedShutdown: true)).Assessment.Fired);
        Assert.Equal([TriggerKind.LowBattery], Feed(settings, OnBattery(0, lowBattery: true)).Assessment.Fired);
        Assert.Equal([TriggerKind.TimeOnBattery], Feed(settings, OnBattery(0), OnBattery(5)).Assessment.Fired);
    }

    [Fact]
    public void Charge_trigger_should_fire_at_once_when_the_delay_is_zero()
    {
        Assert.Equal(DeviceHealth.Critical, Feed(Settings(Delayed with { OnBatteryDelay = TimeSpan.Zero }), OnBattery(0, charge: 15)).Health);
    }

    [Property(MaxTest = 300)]
    public Property Charge_and_runtime_should_never_fire_inside_the_delay_whatever_the_readings() =>
        Prop.ForAll(
            Gen.ArrayOf(from gap in Gen.Choose(0, 8) from charge in Gen.Choose(0, 100) from runtime in Gen.Choose(0, 2_000) select (gap, charge, runtime)).ToArbitrary(),
            Gen.Choose(1, 120).ToArbitrary(),
            (readings, delaySeconds) =>
            {
                var settings = Settings(Delayed with { OnBatteryDelay = TimeSpan.FromSeconds(delaySeconds) }, staleAfterSeconds: 60);
                var state = DeviceHealthRules.Initial(T0);
                var t = 0.0;
                double? transfer = null; // the episode starts at the first on-battery reading
                foreach (var (gap, charge, runtime) in readings)
                {
                    t += gap;
                    transfer ??= t;
                    state = DeviceHealthRules.OnReading(state, OnBattery(t, charge: charge, runtime: runtime), settings);
                    var fired = state.Assessment.Fired;
                    var onBatteryFor = t - transfer.Value;
                    var firedEarly = onBatteryFor < delaySeconds && (fired.Contains(TriggerKind.Charge) || fired.Contains(TriggerKind.Runtime));
                    var missed = onBatteryFor >= delaySeconds && (charge <= 20 || runtime <= 600) && state.Health != DeviceHealth.Critical;
                    if (firedEarly || missed) return false.Label($"{state.Assessment} {onBatteryFor}s after the transfer (delay {delaySeconds}s)");
                }
                return true.Label("ok");
            });
}
