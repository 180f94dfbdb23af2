using System.Text.Json;

namespace Supervisor.Actors.Tests.Agents;

/// <summary>The agent fail-safe, through the real agent (journal, dedupe, action log).</summary>
public class FailsafeActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private string ActionLog => Path.Combine(DataDir, "agent-actions.jsonl");

    private static AgentSettings Settings(double afterSeconds = 1.5) => new AgentSettings("hv-1", true, "unused",
        [
            new AgentAction("stop-vms", ["systemctl", "stop", "libvirt-guests.service"], TimeSpan.FromSeconds(10)),
            new AgentAction("poweroff", ["systemctl", "poweroff"], TimeSpan.FromSeconds(10)),
        ]) { Failsafe = new FailsafeSettings(TimeSpan.FromSeconds(afterSeconds), ["stop-vms", "poweroff"]) };

    private IActorRef Agent(AgentSettings settings, string name = "agent") => Sys.ActorOf(HostAgentActor.Props(settings, false, ActionLog), name);

    private string[] Steps() => File.Exists(ActionLog)
        ? File.ReadAllLines(ActionLog).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("stepId").GetString()!).ToArray()
        : [];

    private static GroupPowerState Power(bool onBattery) => new("rack-a", onBattery, "test", DateTimeOffset.UtcNow);

    [Fact]
    public void Agent_should_run_its_failsafe_sequence_in_order_when_on_battery_and_no_supervisor_speaks()
    {
        var agent = Agent(Settings());
        agent.Tell(Power(onBattery: true));
        AwaitCondition(() => Steps().Length == 2, TimeSpan.FromSeconds(15));
        Assert.Equal(["f1-stop-vms", "f2-poweroff"], Steps());
        Assert.StartsWith("failsafe-hv-1-", JsonDocument.Parse(File.ReadAllLines(ActionLog)[0]).RootElement.GetProperty("sagaId").GetString());
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        Assert.Equal(2, Steps().Length); // once per outage
    }

    [Fact]
    public void Agent_should_not_run_its_failsafe_while_a_supervisor_keeps_speaking()
    {
        var agent = Agent(Settings());
        for (var i = 0; i < 8; i++)
        {
            agent.Tell(Power(onBattery: true));
            Thread.Sleep(500);
        }
        Assert.Empty(Steps());
    }

    [Fact]
    public void Agent_should_not_run_its_failsafe_when_the_group_is_on_line()
    {
        var agent = Agent(Settings());
        agent.Tell(Power(onBattery: false));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        Assert.Empty(Steps());
    }

    [Fact]
    public void Agent_should_remember_an_outage_across_its_own_restart_and_still_run_the_failsafe()
    {
        var agent = Agent(Settings(afterSeconds: 4));
        agent.Tell(Power(onBattery: true));
        ExpectNoMsg(TimeSpan.FromSeconds(1));
        Watch(agent);
        Sys.Stop(agent);
        ExpectTerminated(agent);
        Assert.Empty(Steps());

        Agent(Settings(afterSeconds: 4), "agent-restarted"); // heard nothing since its restart
        AwaitCondition(() => Steps().Length == 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["f1-stop-vms", "f2-poweroff"], Steps());
    }

    [Fact]
    public void Agent_without_a_failsafe_sequence_should_never_run_one()
    {
        var agent = Agent(Settings() with { Failsafe = FailsafeSettings.Off with { After = TimeSpan.FromSeconds(1) } });
        agent.Tell(Power(onBattery: true));
        ExpectNoMsg(TimeSpan.FromSeconds(3));
        Assert.Empty(Steps());
    }
}
