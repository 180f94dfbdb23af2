using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class AlertRuleMachineTests
{
    /// <summary>load &gt; 80 for 30 s, clears at 75, cooldown 5 min, no data after 2 min, reminders every 10 min.</summary>
    internal static AlertRule LoadHigh(AlertSchedule? schedule = null) => new("load-high", "ups-*", "load", ComparisonOp.Greater, 80,
        For: TimeSpan.FromSeconds(30), ClearMargin: 5, Cooldown: TimeSpan.FromMinutes(5), NoDataAfter: TimeSpan.FromMinutes(2),
        RepeatEvery: TimeSpan.FromMinutes(10), schedule, EventSeverity.Warning, ["ops"]);

    private static (AlertState State, List<AlertDecision> Decisions) Run(AlertRule rule, params AlertInput[] inputs)
    {
        var s = AlertState.Initial(rule.Id, "ups-a", T0);
        var decisions = new List<AlertDecision>();
        foreach (var input in inputs)
        {
            var step = AlertRuleMachine.Decide(s, input, rule);
            decisions.Add(step.Decision);
            s = step.Next;
        }
        return (s, decisions);
    }

    private static AlertValueObserved V(double seconds, double value) => new(value, At(seconds));
    private static AlertClockTicked Tick(double seconds) => new(At(seconds));

    [Fact]
    public void Alert_should_stay_pending_when_the_breach_is_shorter_than_for()
    {
        var (s, d) = Run(LoadHigh(), V(0, 85), V(20, 90), V(29, 85));
        Assert.Equal(AlertStatus.Pending, s.Status);
        Assert.All(d, x => Assert.Equal(AlertDecision.Nothing, x));
    }

    [Fact]
    public void Alert_should_fire_once_when_the_breach_lasts_for()
    {
        var (s, d) = Run(LoadHigh(), V(0, 85), V(30, 85), V(40, 86));
        Assert.Equal(AlertStatus.Firing, s.Status);
        Assert.Equal([AlertDecision.Nothing, AlertDecision.NotifyFiring, AlertDecision.Nothing], d);
    }

    [Fact]
    public void Alert_should_fire_from_the_clock_when_for_elapses_between_values()
    {
        var (_, d) = Run(LoadHigh(), V(0, 85), Tick(31));
        Assert.Equal(AlertDecision.NotifyFiring, d[^1]);
    }

    [Fact]
    public void Alert_should_start_over_when_the_value_drops_back_while_pending()
    {
        var (s, d) = Run(LoadHigh(), V(0, 85), V(20, 79), V(30, 85), V(50, 85));
        Assert.Equal(AlertStatus.Pending, s.Status);
        Assert.DoesNotContain(AlertDecision.NotifyFiring, d);
    }

    [Fact]
    public void Alert_should_resolve_only_past_the_clear_margin_when_firing()
    {
        var (s, d) = Run(LoadHigh(), V(0, 85), V(30, 85), V(40, 78), V(50, 75));
        Assert.Equal([AlertDecision.Nothing, AlertDecision.NotifyFiring, AlertDecision.Nothing, AlertDecision.NotifyResolved], d);
        Assert.Equal(AlertStatus.Resolved, s.Status);
        Assert.Equal(AlertStatus.Normal, AlertRuleMachine.Decide(s, V(60, 70), LoadHigh()).Next.Status);
    }

    [Fact]
    public void Alert_should_hold_a_new_firing_until_the_cooldown_passed_when_it_flaps()
    {
        var (s, d) = Run(LoadHigh(), V(0, 90), V(30, 90), V(40, 70), V(50, 90), V(100, 90), V(329, 90), V(330, 90));
        Assert.Equal(2, d.Count(x => x == AlertDecision.NotifyFiring));
        Assert.Equal(AlertDecision.NotifyFiring, d[^1]); // 300 s after the first notice at 30 s
        Assert.Equal(AlertStatus.Firing, s.Status);
    }

    [Fact]
    public void Alert_should_remind_while_firing_and_stop_reminding_when_acknowledged()
    {
        var (_, unacked) = Run(LoadHigh(), V(0, 90), V(30, 90), V(100, 90), V(630, 90));
        Assert.Equal(AlertDecision.NotifyReminder, unacked[^1]);

        var (s, acked) = Run(LoadHigh(), V(0, 90), V(30, 90), new AlertAcknowledged("alice", At(60)), V(100, 90), V(630, 90), V(1300, 95));
        Assert.DoesNotContain(AlertDecision.NotifyReminder, acked);
        Assert.Equal("alice", s.AckedBy);
    }

    [Fact]
    public void Alert_should_end_the_ack_when_the_alert_resolves()
    {
        var (s, _) = Run(LoadHigh(), V(0, 90), V(30, 90), new AlertAcknowledged("alice", At(60)), V(70, 60));
        Assert.Null(s.AckedBy);
        var (_, again) = Run(LoadHigh(), V(0, 90), V(30, 90), new AlertAcknowledged("alice", At(60)), V(70, 60),
            V(400, 90), V(430, 90), V(1030, 90));
        Assert.Equal(AlertDecision.NotifyReminder, again[^1]);
    }

    [Fact]
    public void Alert_should_go_no_data_once_when_no_value_came_for_no_data_after()
    {
        var (s, d) = Run(LoadHigh(), V(0, 50), Tick(119), Tick(120), Tick(200));
        Assert.Equal([AlertDecision.Nothing, AlertDecision.Nothing, AlertDecision.NotifyNoData, AlertDecision.Nothing], d);
        Assert.Equal(AlertStatus.NoData, s.Status);
        Assert.Equal(AlertStatus.Normal, AlertRuleMachine.Decide(s, V(210, 50), LoadHigh()).Next.Status);
    }

    [Fact]
    public void Alert_should_neither_fire_nor_go_no_data_when_outside_its_schedule()
    {
        // 12:00 UTC on a Monday; the schedule is 08:00–09:59 only.
        var (schedule, error) = AlertSchedule.Parse("* 8-9 * * *", TimeZoneInfo.Utc);
        Assert.Null(error);
        var (s, d) = Run(LoadHigh(schedule), V(0, 90), V(60, 90), Tick(400));
        Assert.All(d, x => Assert.Equal(AlertDecision.Nothing, x));
        Assert.Equal(AlertStatus.Normal, s.Status);
    }

    [Fact]
    public void Alert_should_evaluate_when_inside_its_schedule_in_its_time_zone()
    {
        var (schedule, _) = AlertSchedule.Parse("* 13 * * MON", TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")); // 12:00 UTC = 13:00 CET
        var (_, d) = Run(LoadHigh(schedule), V(0, 90), V(30, 90));
        Assert.Equal(AlertDecision.NotifyFiring, d[^1]);
    }

    [Fact]
    public void Alert_schedule_should_name_the_problem_when_the_cron_is_malformed()
    {
        var (schedule, error) = AlertSchedule.Parse("every day", TimeZoneInfo.Utc);
        Assert.Null(schedule);
        Assert.Contains("\"every day\" is not a cron expression", error);
    }

    [Fact]
    public void Alert_rule_should_read_its_metric_for_subjects_its_glob_covers()
    {
        var rule = LoadHigh();
        var value = rule.ValueIn(Sample(Reading(0, load: 42)));
        Assert.Equal(new AlertValue(SubjectKind.Device, "ups-a", 42, At(0)), value);
        Assert.Null((rule with { Subject = "pdu-*" }).ValueIn(Sample(Reading(0, load: 42))));
        Assert.Null(rule.ValueIn(Failed(0)));
    }

    [Fact]
    public void Alert_fact_should_carry_the_numbers_and_a_stable_id_when_firing_and_resolving()
    {
        var rule = LoadHigh();
        var s = AlertState.Initial(rule.Id, "ups-a", T0);
        s = AlertRuleMachine.Decide(s, V(0, 85), rule).Next;
        var fire = AlertRuleMachine.Decide(s, V(30, 85.5), rule);
        var fact = AlertRaised.From(rule, SubjectKind.Device, s, fire, At(30))!;
        Assert.Equal("Alert load-high on ups-a FIRING: load 85.5 > 80", fact.Message);
        Assert.Equal($"alert-load-high:ups-a@{At(30).ToUnixTimeMilliseconds()}:firing", fact.Id);
        Assert.Equal(EventSeverity.Warning, fact.Severity);

        var resolve = AlertRuleMachine.Decide(fire.Next, V(330, 70), rule);
        var resolved = AlertRaised.From(rule, SubjectKind.Device, fire.Next, resolve, At(330))!;
        Assert.Equal("Alert load-high on ups-a resolved: load 70 after 5 min firing", resolved.Message);
        Assert.Equal(EventSeverity.Info, resolved.Severity);
        Assert.Null(AlertRaised.From(rule, SubjectKind.Device, resolve.Next, AlertRuleMachine.Decide(resolve.Next, V(340, 70), rule), At(340)));
    }
}
