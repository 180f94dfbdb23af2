using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Domain.Tests.Configuration;

/// <summary>Issue 9, rule 4: a group's <c>triggers { … }</c> replace the keys it sets, for that group only.</summary>
public class TriggerOverridesTests
{
    private static readonly TriggerSettings Device = TriggerSettings.Defaults;

    [Fact]
    public void ApplyTo_should_replace_only_the_keys_the_group_sets()
    {
        var group = TriggerOverrides.Of(ChargeTrigger.LimitPercent.Override(40), OnBatteryDelaySetting.Delay.Override(TimeSpan.Zero));
        Assert.Equal(Device with { ChargePercent = 40, OnBatteryDelay = TimeSpan.Zero }, group.ApplyTo(Device));
    }

    [Fact]
    public void ApplyTo_should_turn_a_trigger_off_when_the_group_sets_it_off()
    {
        var group = TriggerOverrides.Of(RuntimeTrigger.Limit.Override(null), DepletionTrigger.Block.Off());
        var t = group.ApplyTo(Device);
        Assert.Equal((null, null), (t.Runtime, t.Depletion));
    }

    [Fact]
    public void ApplyTo_should_merge_depletion_keys_over_the_device_or_the_defaults_when_the_device_has_it_off()
    {
        var group = TriggerOverrides.Of(DepletionTrigger.Block.Override(DepletionTrigger.RatePercentPerMinute.Override(10), DepletionTrigger.Grace.Override(TimeSpan.FromSeconds(30))));
        var device = Device with { Depletion = new DepletionSettings(20, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(60)) };
        Assert.Equal(new DepletionSettings(10, TimeSpan.FromSeconds(120), TimeSpan.FromSeconds(30)), group.ApplyTo(device).Depletion);
        Assert.Equal(DepletionSettings.Defaults with { PercentPerMinute = 10, Grace = TimeSpan.FromSeconds(30) },
            group.ApplyTo(device with { Depletion = null }).Depletion);
    }

    [Fact]
    public void TriggersFor_should_be_the_devices_own_when_the_group_sets_none()
    {
        var member = SampleSettings.Device("ups-a");
        Assert.Same(member.Triggers, SampleSettings.Valid().Groups[0].TriggersFor(member));
    }

    /// <summary>The keys a generated group writes (null: it leaves the key out), and the overrides it reads as.</summary>
    private sealed record GroupKeys(Overridden<double?>? ChargePercent, Overridden<TimeSpan?>? Runtime, double? LowBatteryGuardPercent,
        TimeSpan? OnBatteryDelay, bool? LowBattery, bool? ForcedShutdown)
    {
        public TriggerOverrides Overrides => new([
            .. LowBattery is { } lb ? [LowBatteryTrigger.Enabled.Override(lb)] : Array.Empty<KeyOverride<TriggerSettings>>(),
            .. LowBatteryGuardPercent is { } guard ? [LowBatteryTrigger.GuardPercent.Override(guard)] : Array.Empty<KeyOverride<TriggerSettings>>(),
            .. ChargePercent is { } charge ? [ChargeTrigger.LimitPercent.Override(charge.Value)] : Array.Empty<KeyOverride<TriggerSettings>>(),
            .. Runtime is { } runtime ? [RuntimeTrigger.Limit.Override(runtime.Value)] : Array.Empty<KeyOverride<TriggerSettings>>(),
            .. ForcedShutdown is { } fsd ? [ForcedShutdownTrigger.Enabled.Override(fsd)] : Array.Empty<KeyOverride<TriggerSettings>>(),
            .. OnBatteryDelay is { } delay ? [OnBatteryDelaySetting.Delay.Override(delay)] : Array.Empty<KeyOverride<TriggerSettings>>(),
        ]);
    }

    /// <summary>A value a group sets explicitly; the value itself may be null (the trigger turned <c>off</c>).</summary>
    private readonly record struct Overridden<T>(T Value);

    private static Arbitrary<(TriggerSettings, GroupKeys)> Pairs =>
        (from charge in Gen.Choose(-1, 100)
         from runtime in Gen.Choose(-1, 1200)
         from guard in Gen.Choose(-1, 100)
         from delay in Gen.Choose(-1, 60)
         from lb in Gen.Elements<bool?>(null, true, false)
         from fsd in Gen.Elements<bool?>(null, true, false)
         from deviceCharge in Gen.Choose(0, 100)
         select (TriggerSettings.Defaults with { ChargePercent = deviceCharge },
             new GroupKeys(
                 // -1: the group does not set the key.
                 ChargePercent: charge < 0 ? null : new Overridden<double?>(charge == 0 ? null : charge),
                 Runtime: runtime < 0 ? null : new Overridden<TimeSpan?>(TimeSpan.FromSeconds(runtime)),
                 LowBatteryGuardPercent: guard < 0 ? null : guard,
                 OnBatteryDelay: delay < 0 ? null : TimeSpan.FromSeconds(delay),
                 LowBattery: lb,
                 ForcedShutdown: fsd))).ToArbitrary();

    [Property]
    public Property ApplyTo_should_take_every_key_the_group_sets_and_keep_every_other_from_the_device() =>
        Prop.ForAll(Pairs, pair =>
        {
            var (device, group) = pair;
            var t = group.Overrides.ApplyTo(device);
            return (t.ChargePercent == (group.ChargePercent is { } c ? c.Value : device.ChargePercent))
                .And(t.Runtime == (group.Runtime is { } r ? r.Value : device.Runtime))
                .And(t.LowBatteryGuardPercent == (group.LowBatteryGuardPercent ?? device.LowBatteryGuardPercent))
                .And(t.OnBatteryDelay == (group.OnBatteryDelay ?? device.OnBatteryDelay))
                .And(t.LowBattery == (group.LowBattery ?? device.LowBattery))
                .And(t.ForcedShutdown == (group.ForcedShutdown ?? device.ForcedShutdown))
                .And((t with { ChargePercent = device.ChargePercent, Runtime = device.Runtime, LowBatteryGuardPercent = device.LowBatteryGuardPercent,
                    OnBatteryDelay = device.OnBatteryDelay, LowBattery = device.LowBattery, ForcedShutdown = device.ForcedShutdown }) == device)
                .And(TriggerOverrides.Of().ApplyTo(device) == device);
        });
}
