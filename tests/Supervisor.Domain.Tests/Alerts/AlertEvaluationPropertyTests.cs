using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertRulePropertyTests;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>
/// Promises of the journaled evaluation over the rule machine's random scenarios: an ack holds until the alert resolves,
/// a silence tells no channel yet publishes and journals every change, and replaying the journal gives back the state that mattered.
/// </summary>
public class AlertEvaluationPropertyTests
{
    private static IEnumerable<AlertInput> Inputs(Scenario sc)
    {
        var now = T0;
        foreach (var op in sc.Ops)
        {
            now = now.AddSeconds(op.Delay);
            yield return op.Kind switch
            {
                0 => new AlertValueObserved(op.Value, now),
                1 => new AlertClockTicked(now),
                _ => new AlertAcknowledged("someone", now),
            };
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Ack_should_suppress_reminders_until_the_alert_resolves_and_end_then(Scenario sc)
    {
        var s = AlertState.Initial("r", "ups-a", T0);
        var acked = false;
        foreach (var input in Inputs(sc))
        {
            var step = AlertRuleMachine.Decide(s, input, sc.Rule);
            if (acked) Assert.NotEqual(AlertDecision.NotifyReminder, step.Decision);
            if (step.Decision is AlertDecision.NotifyResolved or AlertDecision.NotifyNoData)
            {
                Assert.Null(step.Next.AckedBy);
                acked = false;
            }
            if (step.Next.AckedBy is not null) acked = true;
            s = step.Next;
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Silence_should_tell_no_channel_yet_publish_and_journal_every_decision(Scenario sc)
    {
        var silenced = AlertBook.Empty.Apply(new AlertSilenceSet("*", DateTimeOffset.MaxValue, "someone", T0));
        var book = silenced;
        foreach (var input in Inputs(sc))
        {
            var o = AlertEvaluation.Step(book, sc.Rule, SubjectKind.Device, "ups-a", input, input.At);
            var machine = AlertRuleMachine.Decide(book.Entries.TryGetValue("r/ups-a", out var e) ? e.State : AlertState.Initial("r", "ups-a", input.At), input, sc.Rule);
            // Muted, not hidden: every decision is published for the event log, marked with its silence, and notifies no one.
            Assert.Equal(machine.Decision != AlertDecision.Nothing, o.Notice is not null);
            if (o.Notice is { } n) Assert.False(NotificationFactory.NotifiesByDefault(n) || n.Silence?.By != "someone", $"{n.Kind} would be told");
            if (machine.Decision != AlertDecision.Nothing) Assert.Same(o.Notice, o.Record!.Notice);
            book = o.Record is { } r ? book.Apply(r) : book.Put(SubjectKind.Device, o.Next, null);
        }
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Replaying_the_journal_should_give_back_every_state_that_matters(Scenario sc)
    {
        var (live, replayed) = (AlertBook.Empty, AlertBook.Empty);
        foreach (var input in Inputs(sc))
        {
            var o = AlertEvaluation.Step(live, sc.Rule, SubjectKind.Device, "ups-a", input, input.At);
            if (o.Record is { } r) { live = live.Apply(r); replayed = replayed.Apply(r); }
            else live = live.Put(SubjectKind.Device, o.Next, live.Find(o.Next)?.LastNotice);
        }
        if (!live.Entries.TryGetValue("r/ups-a", out var l)) return;
        var back = replayed.Entries.TryGetValue("r/ups-a", out var x) ? x.State : AlertState.Initial("r", "ups-a", l.State.LastValueAt);
        Assert.False(AlertEvaluation.Matters(back, l.State), $"replayed {back} but live {l.State} ({sc})");
    }
}
