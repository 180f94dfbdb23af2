namespace Supervisor.Domain.Tests.Agents;

/// <summary>
/// Drives <see cref="AgentRules"/> as the host agent actor does: decide, "journal" the events, apply them; a restart
/// rebuilds the state from that journal alone. Counts every action started, per step, over the agent's whole life.
/// </summary>
internal sealed class AgentDriver(AgentSettings? settings = null, bool dryRun = false)
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    public static AgentSettings Settings(string host = "hv-1") => new(host, false, "unused",
    [
        new AgentAction("stop-vms", ["systemctl", "stop", "libvirt-guests.service"], TimeSpan.FromSeconds(10)),
        new AgentAction("poweroff", ["systemctl", "poweroff"], TimeSpan.FromSeconds(30)),
    ]);

    public AgentSettings Agent { get; } = settings ?? Settings();
    public AgentState State { get; private set; } = AgentRules.Recovered(AgentState.Empty);
    public List<IAgentStepEvent> Journal { get; } = [];
    public Dictionary<AgentStepKey, int> Runs { get; } = [];
    public DateTimeOffset Now { get; set; } = T0;

    public AgentDecision Request(string stepId, string action = "stop-vms", string host = "hv-1", string sagaId = "rack-a-1") =>
        Send(new StepRequested(sagaId, stepId, host, action, Now));

    public AgentDecision End(string stepId, bool succeeded = true, int? exit = 0, string output = "ok", string sagaId = "rack-a-1") =>
        Send(new ActionEnded(sagaId, stepId, succeeded, exit, output, Now));

    public AgentDecision Send(AgentCommand command)
    {
        var decision = AgentRules.Decide(State, command, Agent, dryRun);
        foreach (var e in decision.Events)
        {
            Journal.Add(e);
            State = AgentRules.Apply(State, e);
        }
        if (decision is StartAction s) Runs[new AgentStepKey(s.Started.SagaId, s.Started.StepId)] = Runs.GetValueOrDefault(new AgentStepKey(s.Started.SagaId, s.Started.StepId)) + 1;
        return decision;
    }

    /// <summary>The agent (or its node) restarts: whatever ran is gone, only the journal is left.</summary>
    public void Restart() => State = AgentRules.Replay(Journal);
}
