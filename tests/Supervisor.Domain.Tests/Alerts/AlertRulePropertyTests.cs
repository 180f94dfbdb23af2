using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>
/// The rule machine's promises over random input sequences: values around the threshold, clock ticks, acks, with random
/// gaps (sometimes longer than <c>no-data-after</c>) and random for / margin / cooldown / reminders.
/// </summary>
public class AlertRulePropertyTests
{
    public sealed record Op(int Kind, double Value, int Delay);

    public sealed record Scenario(int ForSeconds, int Margin, int CooldownSeconds, int? RepeatSeconds, Op[] Ops)
    {
        public AlertRule Rule => new("r", "*", "load", ComparisonOp.Greater, 80, TimeSpan.FromSeconds(ForSeconds), Margin,
            TimeSpan.FromSeconds(CooldownSeconds), TimeSpan.FromSeconds(90), RepeatSeconds is { } r ? TimeSpan.FromSeconds(r) : null,
            null, EventSeverity.Warning, []);

        public override string ToString() =>
            $"for={ForSeconds} margin={Margin} cooldown={CooldownSeconds} repeat={RepeatSeconds} ops=[{string.Join("; ", Ops.Select(o => $"{o.Kind}:{o.Value}:+{o.Delay}"))}]";
    }

    public static class Arbs
    {
        public static Arbitrary<Scenario> Scenarios()
        {
            var op = from kind in Gen.Frequency((8, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
                     from value in Gen.Choose(60, 100)
                     from delay in Gen.Frequency((10, Gen.Choose(0, 30)), (1, Gen.Choose(60, 200)))
                     select new Op(kind, value, delay);
            var scenario = from forSeconds in Gen.Choose(0, 90)
                           from margin in Gen.Choose(0, 10)
                           from cooldown in Gen.Choose(0, 300)
                           from repeat in Gen.Elements<int?>(null, 30, 120, 600)
                           from ops in op.ArrayOf()
                           select new Scenario(forSeconds, margin, cooldown, repeat, ops);
            return scenario.ToArbitrary();
        }
    }

    /// <summary>Runs a scenario, calling <paramref name="check"/> after every step with (before, input, step, values so far).</summary>
    private static void Run(Scenario sc, Action<AlertState, AlertInput, AlertStep, List<AlertValueObserved>> check)
    {
        var rule = sc.Rule;
        var now = T0;
        var s = AlertState.Initial("r", "ups-a", now);
        var values = new List<AlertValueObserved>();
        foreach (var op in sc.Ops)
        {
            now = now.AddSeconds(op.Delay);
            AlertInput input = op.Kind switch
            {
                0 => new AlertValueObserved(op.Value, now),
                1 => new AlertClockTicked(now),
                _ => new AlertAcknowledged("someone", now),
            };
            if (input is AlertValueObserved v) values.Add(v);
            var step = AlertRuleMachine.Decide(s, input, rule);
            check(s, input, step, values);
            s = step.Next;
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Alert_should_never_fire_when_the_value_has_not_been_above_threshold_for_the_whole_for(Scenario sc) =>
        Run(sc, (_, input, step, values) =>
        {
            if (step.Decision != AlertDecision.NotifyFiring) return;
            // Every value from the start of the breach run until now was above the threshold, and the run is `for` long.
            var run = values.AsEnumerable().Reverse().TakeWhile(v => sc.Rule.Breaches(v.Value)).ToList();
            Assert.NotEmpty(run);
            Assert.True(input.At - run[^1].At >= sc.Rule.For, $"fired {(input.At - run[^1].At).TotalSeconds}s into the breach ({sc})");
        });

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Alert_should_never_send_two_firing_notifications_when_inside_the_cooldown(Scenario sc)
    {
        DateTimeOffset? last = null;
        Run(sc, (_, input, step, _) =>
        {
            if (step.Decision is not (AlertDecision.NotifyFiring or AlertDecision.NotifyReminder)) return;
            if (last is { } l) Assert.True(input.At - l >= sc.Rule.Cooldown, $"two firing notices {(input.At - l).TotalSeconds}s apart ({sc})");
            last = input.At;
        });
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Alert_should_resolve_only_when_the_value_is_past_the_threshold_by_the_clear_margin(Scenario sc) =>
        Run(sc, (before, input, step, _) =>
        {
            if (step.Decision != AlertDecision.NotifyResolved) return;
            Assert.Equal(AlertStatus.Firing, before.Status);
            var v = Assert.IsType<AlertValueObserved>(input);
            Assert.True(v.Value <= sc.Rule.Threshold - sc.Rule.ClearMargin, $"resolved at {v.Value} ({sc})");
        });

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Alert_should_go_no_data_exactly_when_a_tick_finds_no_value_for_no_data_after(Scenario sc) =>
        Run(sc, (before, input, step, _) =>
        {
            var silentTooLong = input is AlertClockTicked && before.Status != AlertStatus.NoData && input.At - before.LastValueAt >= sc.Rule.NoDataAfter;
            Assert.Equal(silentTooLong, step.Decision == AlertDecision.NotifyNoData);
        });

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Alert_should_send_no_reminder_when_acknowledged(Scenario sc) =>
        Run(sc, (before, _, step, _) =>
        {
            if (before.AckedBy is not null) Assert.NotEqual(AlertDecision.NotifyReminder, step.Decision);
        });
}
