namespace Supervisor.Domain.Tests.Agents;

/// <summary>The agent records a typed action's per-target outcome with the step, so a re-sent request is answered with it too.</summary>
public class AgentTargetsTests
{
    private const string Step = "1.1-vms-hv-1-stop-vms";

    [Fact]
    public void The_record_of_a_finished_step_keeps_its_targets()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        TargetOutcome[] targets = [new("vm-1", true, "shut off after 3s")];
        var record = Assert.IsType<RecordOutcome>(agent.Send(new ActionEnded("rack-a-1", Step, true, null, "1 of 1 domains shut off", AgentDriver.T0, targets)));
        Assert.Equal(targets, record.Record.Targets);
    }

    [Fact]
    public void A_command_without_targets_records_none()
    {
        var agent = new AgentDriver();
        agent.Request(Step);
        var record = Assert.IsType<RecordOutcome>(agent.Send(new ActionEnded("rack-a-1", Step, true, 0, "", AgentDriver.T0, [])));
        Assert.Null(record.Record.Targets);
    }
}
