using Supervisor.Domain.Health.Triggers;
using static Supervisor.Domain.Tests.Health.HealthTestData;

namespace Supervisor.Domain.Tests.Health;

/// <summary>
/// Issue 10: the health rules evaluate whatever <see cref="TriggerDefinitions.All"/> holds, in each definition's phase and
/// order, so a new trigger needs no line in <c>HealthTriggers</c>; these pin that every trigger is evaluated and that the
/// reasons keep their order (FSD, LB, then charge, runtime, then time on battery, depletion).
/// </summary>
public class TriggerRegistryTests
{
    [Fact]
    public void Every_trigger_of_the_registry_should_say_when_it_is_evaluated_and_a_plain_setting_should_not()
    {
        Assert.All(TriggerDefinitions.All.Where(d => d.Kind is not null), d => Assert.NotNull(d.Evaluation));
        Assert.Null(OnBatteryDelaySetting.Definition.Evaluation);
    }

    [Fact]
    public void No_two_triggers_of_one_phase_should_share_a_place_so_the_reason_order_never_depends_on_the_list()
    {
        var places = TriggerDefinitions.All.Select(d => d.Evaluation).OfType<TriggerEvaluation>()
            .GroupBy(e => (e.Phase, e.Order)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(places);
    }

    [Fact]
    public void Phases_should_hold_the_triggers_the_docs_describe()
    {
        TriggerKind?[] Kinds(TriggerPhase phase) => [.. TriggerDefinitions.All
            .Where(d => d.Evaluation?.Phase == phase).OrderBy(d => d.Evaluation!.Order).Select(d => d.Kind)];

        Assert.Equal([TriggerKind.ForcedShutdown, TriggerKind.LowBattery], Kinds(TriggerPhase.Anytime));
        Assert.Equal([TriggerKind.Charge, TriggerKind.Runtime], Kinds(TriggerPhase.OnBatteryAfterDelay));
        Assert.Equal([TriggerKind.TimeOnBattery, TriggerKind.DepletionRate], Kinds(TriggerPhase.OnBattery));
    }

    [Fact]
    public void Time_on_battery_should_come_before_depletion_when_both_first_fire_on_one_reading()
    {
        // Both first hold at 120 s: on battery for 120 s ≥ 120 s, and 16.2 %/min over 90..120 s (after a 90 s grace).
        var triggers = NoTriggers with
        {
            OnBattery = TimeSpan.FromSeconds(120),
            Depletion = new(PercentPerMinute: 15, Window: TimeSpan.FromSeconds(300), Grace: TimeSpan.FromSeconds(90)),
        };
        var state = Feed(Settings(triggers), Draining(0, 120, 10, 100, 16.2));

        Assert.Equal([TriggerKind.TimeOnBattery, TriggerKind.DepletionRate], state.Assessment.Fired);
        Assert.Equal("on battery for 120s ≥ 120s; depletion 16.2%/min ≥ 15%/min over 30s", state.Assessment.Reason);
    }

    [Fact]
    public void A_condition_held_back_by_on_battery_delay_should_be_named_and_fire_once_the_delay_passed()
    {
        var triggers = NoTriggers with { ChargePercent = 20, OnBatteryDelay = TimeSpan.FromSeconds(30) };
        var held = Feed(Settings(triggers), OnBattery(0, charge: 10));
        var fired = Feed(held, Settings(triggers), OnBattery(30, charge: 10));

        Assert.Equal(DeviceHealth.Degraded, held.Health);
        Assert.EndsWith("charge 10% ≤ 20% on battery, held back during the first 30s on battery (on-battery-delay)", held.Assessment.Reason);
        Assert.Equal([TriggerKind.Charge], fired.Assessment.Fired);
    }
}
