using Supervisor.Domain.Agents;

namespace Supervisor.Domain.Tests.Sagas;

/// <summary>A typed action's outcome per VM / container / host travels from the agent's report into the saga's journal,
/// its state (`sagas show`) and its facts (event log, log line); a command's step keeps the journal format it had.</summary>
public class StepTargetsTests
{
    private static readonly TargetOutcome[] Vms =
    [
        new("vm-1", true, "shut off after 4s"),
        new("vm-2", false, "still running at timeout 60s"),
    ];

    [Fact]
    public void A_reported_steps_targets_are_journaled_and_kept_in_its_state()
    {
        var s = new SagaDriver();
        s.Begin();
        var step = s.StepId(0, 0);
        var events = s.Send(new StepReported(step, false, null, "1 of 2 domains shut off", SagaDriver.T0.AddSeconds(5), Vms));

        var failed = Assert.Single(events.OfType<StepFailed>());
        Assert.Equal(Vms, failed.Targets);
        Assert.Equal(Vms, s.State.FindStep(step)!.Targets);
        Assert.Equal(Vms, SagaRules.Replay("rack-a-1", s.Journal).FindStep(step)!.Targets);
    }

    [Fact]
    public void A_step_without_targets_journals_none_so_its_event_keeps_the_older_format()
    {
        var s = new SagaDriver();
        s.Begin();
        var events = s.Send(new StepReported(s.StepId(0, 0), true, 0, "done", SagaDriver.T0.AddSeconds(5), []));
        Assert.Null(Assert.Single(events.OfType<StepSucceeded>()).Targets);
        Assert.Empty(s.State.FindStep(s.StepId(0, 0))!.Targets);
    }

    [Fact]
    public void The_fact_of_a_step_with_targets_lists_each_one_in_its_message()
    {
        var s = new SagaDriver();
        s.Begin();
        var e = s.Send(new StepReported(s.StepId(0, 0), false, null, "1 of 2 domains shut off", SagaDriver.T0.AddSeconds(5), Vms)).OfType<StepFailed>().Single();
        var fact = SagaFacts.From(s.State, e, 9);
        Assert.Equal("Saga rack-a-1: step 1.1-vms-hv-1-stop-vms acked: FAILED (exit none): 1 of 2 domains shut off " +
                     "[vm-1: shut off after 4s; vm-2: FAILED, still running at timeout 60s]", fact.Message);
    }
}

public class StepTargetsTextTests
{
    [Fact]
    public void A_target_line_the_detail_already_says_is_not_repeated_but_a_bare_detail_keeps_its_target_name()
    {
        Assert.Equal("ups1@nas:3493: FSD set; 1 of 1 secondaries logged out after 6s",
            SagaFacts.WithTargets("ups1@nas:3493: FSD set; 1 of 1 secondaries logged out after 6s",
                [new TargetOutcome("ups1@nas:3493", true, "FSD set; 1 of 1 secondaries logged out after 6s")]));
        Assert.Equal("FSD set [ups1@nas:3493: FSD set]", SagaFacts.WithTargets("FSD set", [new TargetOutcome("ups1@nas:3493", true, "FSD set")]));
    }

    [Fact]
    public void Target_lines_the_detail_does_not_hold_are_listed() =>
        Assert.Equal("going down [nas:22: exited 0]", SagaFacts.WithTargets("going down", [new TargetOutcome("nas:22", true, "exited 0")]));
}
