using System.Text.Json;

namespace Supervisor.Actors.Tests.Agents;

public class HostAgentActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static readonly DateTimeOffset Deadline = DateTimeOffset.UtcNow.AddMinutes(5);

    private string ActionLog => Path.Combine(DataDir, "agent-actions.jsonl");

    private static AgentSettings Settings(bool dryRun = true, params AgentAction[] extra) => new("hv-1", dryRun, "unused",
        [new AgentAction("stop-vms", ["systemctl", "stop", "libvirt-guests.service"], TimeSpan.FromSeconds(10)), .. extra]);

    private IActorRef Agent(AgentSettings settings, bool forceDryRun = false, string name = "agent") =>
        Sys.ActorOf(HostAgentActor.Props(settings, forceDryRun, ActionLog), name);

    /// <summary>A live agent with <paramref name="action"/> runs it once as step 1.1-x; its result (the command ends within 10 s).</summary>
    private StepResult RunLive(AgentAction action)
    {
        var agent = Agent(Settings(dryRun: false, action));
        agent.Tell(Step(action: action.Name, stepId: "1.1-x"));
        return ExpectMsg<StepResult>(TimeSpan.FromSeconds(10));
    }

    private static ExecuteStep Step(string action = "stop-vms", string stepId = "1.1-vms-hv-1-stop-vms", int attempt = 1) =>
        new("rack-a-1", stepId, "hv-1", action, attempt, Deadline);

    private string[] LogLines() => File.Exists(ActionLog) ? File.ReadAllLines(ActionLog) : [];

    [Fact]
    public void Agent_should_ack_and_log_one_json_line_when_step_runs_in_dry_run()
    {
        var agent = Agent(Settings());
        agent.Tell(Step());
        var result = ExpectMsg<StepResult>();
        Assert.True(result.Succeeded);
        Assert.True(result.DryRun);
        Assert.Equal(0, result.ExitCode);
        var line = JsonDocument.Parse(Assert.Single(LogLines())).RootElement;
        Assert.Equal("rack-a-1", line.GetProperty("sagaId").GetString());
        Assert.Equal("1.1-vms-hv-1-stop-vms", line.GetProperty("stepId").GetString());
        Assert.Equal("hv-1", line.GetProperty("host").GetString());
        Assert.Equal("stop-vms", line.GetProperty("action").GetString());
        Assert.Equal(["systemctl", "stop", "libvirt-guests.service"], line.GetProperty("command").EnumerateArray().Select(e => e.GetString()));
        Assert.True(line.GetProperty("dryRun").GetBoolean());
        Assert.True(line.TryGetProperty("time", out _));
    }

    [Fact]
    public void Agent_should_answer_a_resent_step_from_its_record_without_running_it_again()
    {
        var agent = Agent(Settings());
        agent.Tell(Step());
        ExpectMsg<StepResult>();
        agent.Tell(Step(attempt: 2));
        var again = ExpectMsg<StepResult>();
        Assert.True(again.Duplicate);
        Assert.True(again.Succeeded);
        Assert.Single(LogLines());
    }

    [Fact]
    public void Agent_should_remember_executed_steps_across_a_restart()
    {
        var agent = Agent(Settings());
        agent.Tell(Step());
        ExpectMsg<StepResult>();
        Watch(agent);
        Sys.Stop(agent);
        ExpectTerminated(agent);

        var restarted = Agent(Settings(), name: "agent-restarted");
        restarted.Tell(Step(attempt: 3));
        Assert.True(ExpectMsg<StepResult>().Duplicate);
        Assert.Single(LogLines());
    }

    [Fact]
    public void Agent_should_refuse_an_action_that_is_not_allow_listed_and_run_nothing()
    {
        var agent = Agent(Settings());
        agent.Tell(Step(action: "rm-rf"));
        var result = ExpectMsg<StepResult>();
        Assert.False(result.Succeeded);
        Assert.Contains("action \"rm-rf\" is not allow-listed in supervisor.agent.actions on host \"hv-1\" (allowed: stop-vms)", result.Output);
        Assert.Empty(LogLines());
    }

    [Fact]
    public void Agent_should_refuse_a_step_addressed_to_another_host()
    {
        var agent = Agent(Settings());
        agent.Tell(Step() with { Host = "hv-2" });
        Assert.Contains("not \"hv-2\"", ExpectMsg<StepResult>().Output);
        Assert.Empty(LogLines());
    }

    [Fact]
    public void Agent_should_run_the_command_and_return_exit_code_and_output_when_live()
    {
        var result = RunLive(new AgentAction("say-hi", ["/bin/echo", "hello from agent"], TimeSpan.FromSeconds(10)));
        Assert.True(result.Succeeded);
        Assert.False(result.DryRun);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello from agent", result.Output);
        Assert.False(JsonDocument.Parse(Assert.Single(LogLines())).RootElement.GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public void Agent_should_report_failure_with_exit_code_when_command_fails()
    {
        var result = RunLive(new AgentAction("fail", ["/bin/sh", "-c", "echo nope >&2; exit 3"], TimeSpan.FromSeconds(10)));
        Assert.False(result.Succeeded);
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("nope", result.Output);
    }

    [Fact]
    public void Agent_should_kill_and_fail_a_command_that_exceeds_its_timeout()
    {
        var result = RunLive(new AgentAction("hang", ["/bin/sleep", "30"], TimeSpan.FromMilliseconds(300)));
        Assert.False(result.Succeeded);
        Assert.Contains("timed out after 0.3s and was killed", result.Output);
    }

    [Fact]
    public void Agent_should_never_run_the_command_when_dry_run_is_forced()
    {
        var marker = Path.Combine(DataDir, "touched");
        var agent = Agent(Settings(dryRun: false, new AgentAction("touch", ["/usr/bin/touch", marker], TimeSpan.FromSeconds(5))), forceDryRun: true);
        agent.Tell(Step(action: "touch", stepId: "1.1-x"));
        Assert.True(ExpectMsg<StepResult>().DryRun);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public void Agent_should_report_a_step_interrupted_by_a_restart_as_failed_and_not_run_it_twice()
    {
        var agent = Agent(Settings(dryRun: false, new AgentAction("slow", ["/bin/sleep", "20"], TimeSpan.FromSeconds(30))));
        agent.Tell(Step(action: "slow", stepId: "1.1-x"));
        ExpectNoMsg(TimeSpan.FromMilliseconds(500)); // started and journaled, still running
        Watch(agent);
        Sys.Stop(agent);
        ExpectTerminated(agent);
        AwaitCondition(() => LogLines().Length == 1, TimeSpan.FromSeconds(15)); // the first run is killed with the agent and logs its end
        Assert.Contains("\"succeeded\":false", LogLines()[0]);
        var linesBefore = LogLines().Length;

        var restarted = Agent(Settings(dryRun: false, new AgentAction("slow", ["/bin/sleep", "20"], TimeSpan.FromSeconds(30))), name: "agent-2");
        restarted.Tell(Step(action: "slow", stepId: "1.1-x", attempt: 2));
        var result = ExpectMsg<StepResult>();
        Assert.False(result.Succeeded);
        Assert.Contains("not run a second time", result.Output);
        Assert.Equal(linesBefore, LogLines().Length);
    }
}
