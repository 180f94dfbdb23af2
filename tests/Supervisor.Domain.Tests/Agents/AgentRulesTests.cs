namespace Supervisor.Domain.Tests.Agents;

/// <summary>Each decision of the host agent, named.</summary>
public class AgentRulesTests
{
    private const string Step = "1.1-vms-hv-1-stop-vms";

    [Fact]
    public void Decide_should_start_an_allow_listed_action_addressed_to_this_host_and_journal_the_start_first()
    {
        var agent = new AgentDriver();
        var start = Assert.IsType<StartAction>(agent.Request(Step));
        Assert.Equal(new AgentStepStarted("hv-1", "rack-a-1", Step, "stop-vms", AgentDriver.T0), Assert.Single(start.Events));
        Assert.Equal(["systemctl", "stop", "libvirt-guests.service"], Assert.IsType<CommandSpec>(start.Action.Spec).Argv);
        Assert.False(start.DryRun);
        Assert.Equal(AgentStepStatus.Running, agent.State.Find(new("rack-a-1", Step))!.Status);
    }

    [Fact]
    public void Decide_should_start_in_dry_run_and_record_the_outcome_as_dry_run_when_the_agent_is_in_dry_run()
    {
        var agent = new AgentDriver(dryRun: true);
        Assert.True(Assert.IsType<StartAction>(agent.Request(Step)).DryRun);
        Assert.True(Assert.IsType<RecordOutcome>(agent.End(Step)).Record.DryRun);
    }

    [Fact]
    public void Decide_should_refuse_a_step_addressed_to_another_host_and_record_nothing()
    {
        var agent = new AgentDriver();
        var refused = Assert.IsType<RefuseStep>(agent.Request(Step, host: "hv-2"));
        Assert.Equal("this agent is host \"hv-1\", not \"hv-2\"", refused.Reason);
        Assert.Empty(refused.Events);
        Assert.Empty(agent.State.Steps);
    }

    [Fact]
    public void Decide_should_refuse_an_action_outside_the_allow_list_naming_what_is_allowed_and_the_fix()
    {
        var agent = new AgentDriver();
        var refused = Assert.IsType<RefuseStep>(agent.Request(Step, action: "rm-rf"));
        Assert.Equal("action \"rm-rf\" is not allow-listed in supervisor.agent.actions on host \"hv-1\" (allowed: stop-vms, poweroff); add it there to permit it",
            refused.Reason);
        Assert.Empty(agent.Journal);
    }

    [Fact]
    public void Decide_should_check_the_host_before_the_allow_list_when_both_are_wrong()
    {
        var refused = Assert.IsType<RefuseStep>(new AgentDriver().Request(Step, action: "rm-rf", host: "hv-2"));
        Assert.StartsWith("this agent is host", refused.Reason);
    }

    [Fact]
    public void Decide_should_wait_for_a_running_step_when_it_is_requested_again()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        Assert.Same(AwaitRunningStep.Instance, agent.Request(Step));
        Assert.Single(agent.Journal);
    }

    [Fact]
    public void Decide_should_record_the_outcome_of_a_running_step_when_its_action_ends()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        agent.Now = AgentDriver.T0.AddSeconds(7);
        var recorded = Assert.IsType<RecordOutcome>(agent.End(Step, succeeded: false, exit: 3, output: "boom"));
        Assert.Equal(new AgentStepFinished("hv-1", "rack-a-1", Step, false, 3, "boom", false, AgentDriver.T0.AddSeconds(7)), recorded.Record);
        Assert.Equal(recorded.Record, Assert.Single(recorded.Events));
        Assert.Equal(new AgentStepRecord(AgentStepStatus.Finished, recorded.Record), agent.State.Find(new("rack-a-1", Step)));
    }

    [Fact]
    public void Decide_should_answer_a_finished_step_from_its_record_and_run_nothing()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        var done = ((RecordOutcome)agent.End(Step)).Record;
        var again = Assert.IsType<AnswerFromRecord>(agent.Request(Step));
        Assert.Equal(done, again.Record);
        Assert.Empty(again.Events);
        Assert.Equal(1, agent.Runs[new("rack-a-1", Step)]);
    }

    [Fact]
    public void Decide_should_answer_from_the_record_even_when_the_action_is_no_longer_allow_listed()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        agent.End(Step);
        var narrowed = new AgentDriver(AgentDriver.Settings() with { Actions = [] });
        narrowed.Journal.AddRange(agent.Journal);
        narrowed.Restart();
        Assert.IsType<AnswerFromRecord>(narrowed.Request(Step));
    }

    [Fact]
    public void Decide_should_report_a_step_interrupted_by_a_restart_as_failed_and_not_start_it_again()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        agent.Restart();
        Assert.Equal(AgentStepStatus.StartedBeforeRestart, agent.State.Find(new("rack-a-1", Step))!.Status);

        var interrupted = Assert.IsType<ReportInterrupted>(agent.Request(Step));
        Assert.False(interrupted.Record.Succeeded);
        Assert.Null(interrupted.Record.ExitCode);
        Assert.Contains("not run a second time", interrupted.Record.Output);
        Assert.Equal(interrupted.Record, Assert.Single(interrupted.Events));
        Assert.IsType<AnswerFromRecord>(agent.Request(Step)); // from then on, like any finished step
        Assert.Equal(1, agent.Runs[new("rack-a-1", Step)]);
    }

    [Fact]
    public void Decide_should_ignore_an_outcome_for_a_step_that_is_not_running()
    {
        var agent = new AgentDriver();
        Assert.Same(IgnoreOutcome.Instance, agent.End(Step));
        agent.Request(Step);
        agent.Restart();
        Assert.Same(IgnoreOutcome.Instance, agent.End(Step)); // the run died with the old incarnation
        Assert.Single(agent.Journal);
    }

    [Fact]
    public void Decide_should_tell_steps_apart_by_saga_as_well_as_by_step_id()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        agent.End(Step);
        Assert.IsType<StartAction>(agent.Request(Step, sagaId: "rack-a-2"));
    }

    [Fact]
    public void Replay_should_rebuild_the_record_and_count_only_finished_steps()
    {
        var agent = new AgentDriver();
        agent.Request("a");
        agent.End("a");
        agent.Request("b");
        var before = agent.State;
        agent.Restart();
        Assert.Equal(1, agent.State.FinishedCount);
        Assert.Equal(before.Find(new("rack-a-1", "a")), agent.State.Find(new("rack-a-1", "a")));
        Assert.Equal(AgentStepStatus.StartedBeforeRestart, agent.State.Find(new("rack-a-1", "b"))!.Status);
    }
}
