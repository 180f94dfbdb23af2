namespace Supervisor.Domain.Tests.Sagas;

public class SagaRulesTests
{
    [Fact]
    public void Plan_should_give_every_step_a_stable_unique_id()
    {
        var plan = SagaPlan.Build("rack-a-1", SagaDriver.Group());
        Assert.Equal(["1.1-vms-hv-1-stop-vms", "1.2-vms-hv-2-stop-vms", "2.1-containers-hv-1-stop-containers", "3.1-local-host-hv-1-poweroff"],
            plan.AllSteps.Select(s => s.StepId));
    }

    [Fact]
    public void Begin_should_dispatch_every_step_of_the_first_phase_only()
    {
        var s = new SagaDriver();
        var events = s.Begin();
        Assert.IsType<SagaStarted>(events[0]);
        Assert.Equal(["1.1-vms-hv-1-stop-vms", "1.2-vms-hv-2-stop-vms"], events.OfType<StepDispatched>().Select(e => e.StepId));
        Assert.Equal(SagaDriver.T0.AddSeconds(120), events.OfType<StepDispatched>().First().Deadline);
    }

    [Fact]
    public void Begin_should_do_nothing_when_saga_already_started()
    {
        var s = new SagaDriver();
        s.Begin();
        Assert.Empty(s.Begin());
    }

    [Fact]
    public void Phase_should_advance_only_when_every_step_has_an_outcome()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Ack(s.StepId(0, 0), 5);
        Assert.Equal(0, s.State.PhaseIndex);
        var events = s.Ack(s.StepId(0, 1), 6, ok: false);
        Assert.Contains(events, e => e is PhaseCompleted { PhaseIndex: 0 });
        Assert.Equal(1, s.State.PhaseIndex);
        Assert.Single(events.OfType<StepDispatched>(), d => d.StepId == s.StepId(1, 0));
    }

    [Fact]
    public void Next_phase_should_run_even_when_a_step_failed_or_timed_out()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Ack(s.StepId(0, 0), 5, ok: false);
        s.Tick(60); // hv-2 deadline 60 s
        Assert.Equal(StepStatus.TimedOut, s.State.FindStep(s.StepId(0, 1))!.Status);
        Assert.Equal(1, s.State.PhaseIndex);
    }

    [Fact]
    public void Saga_should_complete_after_the_last_phase_and_summarise_outcomes()
    {
        var s = new SagaDriver();
        s.Begin();
        s.AckPhase(1);
        s.AckPhase(2);
        var events = s.AckPhase(3);
        var done = Assert.IsType<SagaCompleted>(events.Last());
        Assert.Equal("4 step(s): 4 succeeded", done.Summary);
        Assert.Equal(SagaStatus.Completed, s.State.Status);
    }

    [Fact]
    public void Unacked_step_should_be_resent_every_retry_interval_until_its_deadline()
    {
        var s = new SagaDriver();
        s.Begin();
        Assert.Empty(s.Tick(4).OfType<StepDispatched>());
        var resent = s.Tick(5).OfType<StepDispatched>().ToList();
        Assert.Equal(2, resent.Count);
        Assert.All(resent, r => Assert.Equal(2, r.Attempt));
        Assert.Equal(SagaDriver.T0.AddSeconds(120), resent.First(r => r.StepId == s.StepId(0, 0)).Deadline);
    }

    [Fact]
    public void Step_should_time_out_at_its_deadline_without_an_ack()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Ack(s.StepId(0, 1), 1);
        var events = s.Tick(120);
        var timeout = Assert.Single(events.OfType<StepTimedOut>());
        Assert.Contains("no ack from agent on hv-1 within 120s", timeout.Detail);
    }

    [Fact]
    public void Late_or_duplicate_ack_should_change_nothing()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Ack(s.StepId(0, 0), 1);
        Assert.Empty(s.Ack(s.StepId(0, 0), 2, ok: false));
        Assert.Empty(s.Ack("no-such-step", 2));
        Assert.Equal(StepStatus.Succeeded, s.State.FindStep(s.StepId(0, 0))!.Status);
    }

    [Fact]
    public void Only_an_ack_should_make_a_step_succeed()
    {
        var s = new SagaDriver();
        s.Begin();
        for (var t = 1; t < 60; t++) s.Tick(t);
        Assert.All(s.State.CurrentPhaseSteps, x => Assert.NotEqual(StepStatus.Succeeded, x.Status));
    }

    [Fact]
    public void Power_restored_before_irreversible_step_should_abort_when_policy_is_abort()
    {
        var s = new SagaDriver();
        s.Begin();
        var aborted = Assert.IsType<SagaAborted>(Assert.Single(s.Send(new PowerRestored("quorum restored", SagaDriver.T0.AddSeconds(10)))));
        Assert.Contains("before any irreversible step", aborted.Reason);
        Assert.Empty(s.Tick(200));
        Assert.Empty(s.Ack(s.StepId(0, 0), 201));
    }

    [Fact]
    public void Power_restored_should_be_ignored_and_recorded_when_policy_is_continue()
    {
        var s = new SagaDriver();
        s.Begin(SagaDriver.Group(PowerRestoredPolicy.Continue));
        var ignored = Assert.IsType<PowerRestoredIgnored>(Assert.Single(s.Send(new PowerRestored("quorum restored", SagaDriver.T0.AddSeconds(10)))));
        Assert.Contains("on-power-restored = continue", ignored.Reason);
        Assert.True(s.State.IsRunning);
    }

    [Fact]
    public void Power_restored_after_an_irreversible_dispatch_should_not_abort()
    {
        var s = new SagaDriver();
        s.Begin();
        s.AckPhase(1);
        s.AckPhase(2);
        var ignored = Assert.IsType<PowerRestoredIgnored>(Assert.Single(s.Send(new PowerRestored("quorum restored", SagaDriver.T0.AddSeconds(10)))));
        Assert.Contains("irreversible step 3.1-local-host-hv-1-poweroff was already dispatched", ignored.Reason);
    }

    [Fact]
    public void Deadlines_should_shrink_so_the_last_phase_starts_within_runtime_minus_margin()
    {
        var s = new SagaDriver();
        // before last phase: 120 + 60 = 180 s of deadlines; budget = 150 − 60 = 90 s → factor 0.5
        var events = s.Begin(runtimeSeconds: 150);
        var shortened = Assert.Single(events.OfType<DeadlinesShortened>());
        Assert.Equal(0.5, shortened.Factor, 3);
        Assert.Contains("deadlines scaled to 50", shortened.Reason);
        Assert.Equal(SagaDriver.T0.AddSeconds(60), events.OfType<StepDispatched>().First().Deadline);
        s.Tick(60); s.Tick(60);
        Assert.Equal(1, s.State.PhaseIndex);
        s.Tick(90);
        Assert.Equal(2, s.State.PhaseIndex); // the last phase starts at 90 s = runtime − margin
        Assert.Equal(SagaDriver.T0.AddSeconds(120), s.State.CurrentPhaseSteps.Single().Deadline); // last phase keeps its full 30 s
    }

    [Fact]
    public void Deadlines_should_not_change_when_runtime_is_ample()
    {
        var s = new SagaDriver();
        Assert.Empty(s.Begin(runtimeSeconds: 3600).OfType<DeadlinesShortened>());
        Assert.Equal(1.0, s.State.DeadlineFactor);
    }

    [Fact]
    public void Deadlines_of_the_running_phase_should_shrink_when_runtime_drops_mid_phase()
    {
        var s = new SagaDriver();
        s.Begin(runtimeSeconds: 3600);
        // 30 s into phase 1: runtime now 100 s, margin 60 → 40 s budget; (40 + 30) / 180 ≈ 0.389
        var events = s.Send(new RuntimeEstimated(TimeSpan.FromSeconds(100), SagaDriver.T0.AddSeconds(30)));
        var shortened = Assert.Single(events.OfType<DeadlinesShortened>());
        Assert.Equal(70.0 / 180, shortened.Factor, 3);
        var deadline = s.State.FindStep(s.StepId(0, 0))!.Deadline!.Value;
        Assert.Equal(120 * 70.0 / 180, (deadline - SagaDriver.T0).TotalSeconds, 3);
    }

    [Fact]
    public void Exhausted_runtime_should_time_out_earlier_phases_at_once_and_go_to_the_last_phase()
    {
        var s = new SagaDriver();
        s.Begin(runtimeSeconds: 30); // below the margin
        Assert.Equal(0, s.State.DeadlineFactor);
        s.Tick(0.5);
        s.Tick(1);
        Assert.Equal(2, s.State.PhaseIndex);
        Assert.Equal(StepStatus.Dispatched, s.State.CurrentPhaseSteps.Single().Status);
    }

    [Fact]
    public void Replaying_the_journal_should_rebuild_the_state_exactly()
    {
        var s = new SagaDriver();
        s.Begin(runtimeSeconds: 1000);
        s.Tick(5);
        s.Ack(s.StepId(0, 0), 6);
        s.Tick(60);
        var replayed = SagaRules.Replay("rack-a-1", s.Journal);
        Assert.Equal(s.State.Status, replayed.Status);
        Assert.Equal(s.State.PhaseIndex, replayed.PhaseIndex);
        Assert.Equal(s.State.Steps, replayed.Steps);
    }

    /// <summary>A saga that began and had its first step acked, and its state replayed from the journal as after a restart.</summary>
    private static (SagaDriver Live, SagaState Recovered) RecoveredAfterFirstAck()
    {
        var s = new SagaDriver();
        s.Begin();
        s.Ack(s.StepId(0, 0), 1);
        return (s, SagaRules.Replay("rack-a-1", s.Journal));
    }

    [Fact]
    public void Recovered_saga_should_resend_unfinished_steps_on_the_first_tick()
    {
        var (s, recovered) = RecoveredAfterFirstAck();
        var events = SagaRules.Decide(recovered, new SagaTick(SagaDriver.T0.AddSeconds(30)));
        var resend = Assert.Single(events.OfType<StepDispatched>());
        Assert.Equal(s.StepId(0, 1), resend.StepId);
        Assert.Equal(2, resend.Attempt);
    }

    [Fact]
    public void Plan_should_carry_the_irreversible_flag_of_each_step()
    {
        var plan = SagaPlan.Build("x", SagaDriver.Group());
        Assert.True(plan.Phases[2].Steps[0].Irreversible);
        Assert.False(plan.Phases[0].Steps[0].Irreversible);
    }

    [Fact]
    public void Resume_should_resend_every_unacked_step_at_once_after_recovery()
    {
        var (s, recovered) = RecoveredAfterFirstAck();
        var events = SagaRules.Decide(recovered, new ResumeSaga(SagaDriver.T0.AddSeconds(2)));
        var resend = Assert.Single(events.OfType<StepDispatched>());
        Assert.Equal((s.StepId(0, 1), 2), (resend.StepId, resend.Attempt));
    }

    [Fact]
    public void Resume_should_time_out_steps_whose_deadline_passed_while_the_node_was_down()
    {
        var s = new SagaDriver();
        s.Begin();
        var recovered = SagaRules.Replay("rack-a-1", s.Journal);
        var events = SagaRules.Decide(recovered, new ResumeSaga(SagaDriver.T0.AddSeconds(90)));
        Assert.Equal(s.StepId(0, 1), Assert.Single(events.OfType<StepTimedOut>()).StepId);
        Assert.Equal(s.StepId(0, 0), Assert.Single(events.OfType<StepDispatched>()).StepId);
    }
}
