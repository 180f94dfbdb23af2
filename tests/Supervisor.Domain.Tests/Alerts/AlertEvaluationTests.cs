using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>What the alerts actor journals and publishes per input, silences, and recovery.</summary>
public class AlertEvaluationTests
{
    private static readonly AlertRule Rule = AlertRuleMachineTests.LoadHigh();

    /// <summary>Runs values at (seconds, value) through one machine; returns the book (records applied) and every outcome.</summary>
    private static (AlertBook Book, List<AlertOutcome> Outcomes) Run(AlertBook book, SubjectKind kind, params AlertInput[] inputs)
    {
        var outcomes = new List<AlertOutcome>();
        foreach (var input in inputs)
        {
            var o = AlertEvaluation.Step(book, Rule, kind, "ups-a", input, input.At);
            outcomes.Add(o);
            book = o.Record is { } r ? book.Apply(r) : book.Put(kind, o.Next, book.Find(o.Next)?.LastNotice);
        }
        return (book, outcomes);
    }

    private static AlertValueObserved V(double seconds, double value) => new(value, At(seconds));

    [Fact]
    public void Evaluation_should_journal_status_changes_and_not_plain_new_values()
    {
        var (book, o) = Run(AlertBook.Empty, SubjectKind.Device, V(0, 50), V(5, 60), V(10, 85), V(20, 86), V(40, 87));
        Assert.Equal([false, false, true, false, true], o.Select(x => x.Record is not null));
        Assert.Equal(AlertDecision.NotifyFiring, o[^1].Notice!.Decision);
        Assert.Same(o[^1].Notice, o[^1].Record!.Notice);
        Assert.Equal(AlertStatus.Firing, book.Entries["load-high/ups-a"].State.Status);
        Assert.Equal(87, book.Entries["load-high/ups-a"].State.LastValue);
    }

    [Fact]
    public void Silence_should_journal_and_publish_the_notice_marked_silenced_so_it_reaches_the_log_but_no_channel()
    {
        var silenced = AlertBook.Empty.Apply(new AlertSilenceSet("ups-*", At(100), "alice", At(0)));
        var (book, o) = Run(silenced, SubjectKind.Device, V(0, 85), V(30, 85));
        Assert.Equal(AlertStatus.Firing, o[^1].Next.Status);
        var fired = o[^1].Notice!;
        Assert.Same(fired, o[^1].Record!.Notice);
        Assert.Equal((AlertDecision.NotifyFiring, "alice", At(100)), (fired.Decision, fired.Silence!.By, fired.Silence.Until));
        Assert.EndsWith("(silenced until 2026-03-02 12:01 UTC by alice: not sent)", fired.Message);
        Assert.Equal("alice", o[^1].SilencedBy!.By);
        Assert.False(NotificationFactory.NotifiesByDefault(fired));
        Assert.Same(fired, book.Entries["load-high/ups-a"].LastNotice);

        var (_, after) = Run(book, SubjectKind.Device, V(200, 60));
        Assert.Equal(AlertDecision.NotifyResolved, after[0].Notice!.Decision); // the silence ran out at 100 s
        Assert.Null(after[0].Notice!.Silence);
        Assert.True(NotificationFactory.NotifiesByDefault(after[0].Notice!));
        Assert.Null(book.Apply(new AlertSilenceLifted("ups-*", "bob", At(50))).SilenceFor("load-high", "ups-a", At(60)));
    }

    [Fact]
    public void Silence_should_cover_a_rule_by_id_and_a_subject_by_glob()
    {
        var book = AlertBook.Empty.Apply(new AlertSilenceSet("load-high", At(100), "a", At(0)));
        Assert.NotNull(book.SilenceFor("load-high", "ups-b", At(10)));
        Assert.Null(book.SilenceFor("charge-low", "ups-b", At(10)));
        Assert.Null(book.SilenceFor("load-high", "ups-b", At(100)));
        Assert.Empty(book.ActiveSilences(At(100)));
    }

    [Fact]
    public void Group_subject_should_never_go_no_data_because_groups_report_only_on_change()
    {
        var (_, device) = Run(AlertBook.Empty, SubjectKind.Device, V(0, 50), new AlertClockTicked(At(600)));
        Assert.Equal(AlertDecision.NotifyNoData, device[^1].Notice!.Decision);
        var (_, group) = Run(AlertBook.Empty, SubjectKind.Group, V(0, 50), new AlertClockTicked(At(600)));
        Assert.Null(group[^1].Notice);
    }

    [Fact]
    public void Recovery_should_count_no_data_from_the_takeover_and_keep_everything_else()
    {
        var (book, _) = Run(AlertBook.Empty, SubjectKind.Device, V(0, 85), V(30, 85));
        var recovered = AlertEvaluation.AfterRecovery(book, At(3600));
        var state = recovered.Entries["load-high/ups-a"].State;
        Assert.Equal(At(3600), state.LastValueAt);
        Assert.Equal(book.Entries["load-high/ups-a"].State with { LastValueAt = At(3600) }, state);
        var (_, o) = Run(recovered, SubjectKind.Device, new AlertClockTicked(At(3601)));
        Assert.Equal(AlertDecision.NotifyReminder, o[0].Notice!.Decision); // still firing: a reminder, neither NO-DATA nor a new firing
    }

    [Fact]
    public void Recovery_should_publish_again_each_machines_last_notice_of_the_last_hour_oldest_first()
    {
        var rule2 = Rule with { Id = "load-very-high", Threshold = 90 };
        var book = AlertBook.Empty;
        foreach (var (rule, at, value) in new[] { (Rule, 0.0, 85.0), (Rule, 30, 85), (rule2, 40, 95), (rule2, 70, 95), (Rule, 100, 60) })
        {
            var o = AlertEvaluation.Step(book, rule, SubjectKind.Device, "ups-a", new AlertValueObserved(value, At(at)), At(at));
            book = o.Record is { } r ? book.Apply(r) : book.Put(SubjectKind.Device, o.Next, book.Find(o.Next)?.LastNotice);
        }
        // Each machine's last notice only: load-high's resolution (its firing was told before it), load-very-high's firing.
        var again = AlertEvaluation.NoticesToRepublish(book, At(100) + FactRepublishing.Window - TimeSpan.FromSeconds(30));
        Assert.Equal([("load-very-high", AlertDecision.NotifyFiring), ("load-high", AlertDecision.NotifyResolved)],
            again.Select(n => (n.RuleId, n.Decision)));
        Assert.Equal([book.Entries["load-very-high/ups-a"].LastNotice!.Id, book.Entries["load-high/ups-a"].LastNotice!.Id], again.Select(n => n.Id));
        // Older than the window: a cluster back after a long outage does not re-tell old news.
        Assert.Equal(["load-high"], AlertEvaluation.NoticesToRepublish(book, At(100) + FactRepublishing.Window).Select(n => n.RuleId));
        Assert.Empty(AlertEvaluation.NoticesToRepublish(book, At(101) + FactRepublishing.Window));
        Assert.Empty(AlertEvaluation.NoticesToRepublish(AlertBook.Empty, At(0)));
    }

    [Fact]
    public void Planner_should_offer_a_silenced_alert_to_no_channel_and_a_power_event_of_the_same_subject_to_all()
    {
        var planner = new NotificationPlanner(new NotificationPlan(["hook", "phone"],
            new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), TimeSpan.Zero));
        var silenced = AlertBook.Empty.Apply(new AlertSilenceSet("ups-a", At(3600), "alice", At(0)));
        var (_, o) = Run(silenced, SubjectKind.Device, V(0, 85), V(30, 85));
        Assert.Empty(planner.Offer(o[^1].Notice!, At(30)));
        Assert.Equal(["hook", "phone"], Assert.Single(planner.Offer(o[^1].Notice! with { Silence = null, Channels = [] }, At(30))).Channels);
        // A silence covers alert rules only; ONBATT of the silenced device is safety-critical and goes out.
        var onBattery = new PowerEventRaised("ups-a", PowerEventKind.OnBattery, true, 97, 2460, 23, 0, null, null, At(31));
        Assert.True(NotificationPolicy.IsSafetyCritical(NotificationFactory.Build(onBattery)));
        var planned = planner.Offer(onBattery, At(31));
        Assert.Equal(["hook", "phone"], Assert.Single(planned).Channels);
    }

    [Fact]
    public void Planner_should_offer_an_alert_only_on_the_channels_its_rule_names()
    {
        var planner = new NotificationPlanner(new NotificationPlan(["hook", "phone", "mail"],
            new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression> { ["mail"] = new(["alert.*"], null) }), TimeSpan.Zero));
        var (_, o) = Run(AlertBook.Empty, SubjectKind.Device, V(0, 85), V(30, 85));
        var fired = o[^1].Notice!;
        Assert.Equal(["phone"], Assert.Single(planner.Offer(fired with { Channels = ["phone"] }, At(30))).Channels);
        Assert.Equal(["phone"], Assert.Single(planner.Offer(fired with { Channels = ["phone", "mail"] }, At(30))).Channels); // mail mutes alerts
        Assert.Equal(["hook", "phone"], Assert.Single(planner.Offer(fired with { Channels = [] }, At(30))).Channels);
    }
}
