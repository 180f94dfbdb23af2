using System.Collections.Immutable;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Agents;

/// <summary>
/// The host agent, pure: <see cref="Decide"/> turns a request or an action's end into a decision and the events to
/// journal, <see cref="Apply"/> folds an event into state. Rules (property-tested): a (saga, step) runs at most once,
/// across restarts — a finished step is answered from its record, a running one is waited for, one started before a
/// restart is reported failed; only an allow-listed action addressed to this host is started.
/// </summary>
public static class AgentRules
{
    public const string InterruptedOutput = "the agent restarted while this step was running; it is not run a second time";

    /// <param name="dryRun">The agent's effective dry-run (its setting or the node's <c>--dry-run</c>): recorded with every outcome.</param>
    public static AgentDecision Decide(AgentState state, AgentCommand command, AgentSettings settings, bool dryRun) => command switch
    {
        StepRequested r => DecideRequest(state, r, settings, dryRun),
        ActionEnded e when state.Find(e.Key) is { Status: AgentStepStatus.Running } =>
            new RecordOutcome(new AgentStepFinished(settings.Host, e.SagaId, e.StepId, e.Succeeded, e.ExitCode, e.Output, dryRun, e.At, TargetOutcome.ForJournal(e.Targets))),
        _ => IgnoreOutcome.Instance,
    };

    public static AgentState Apply(AgentState s, IAgentStepEvent e) => e switch
    {
        AgentStepStarted x => With(s, x, new AgentStepRecord(AgentStepStatus.Running, null)),
        AgentStepFinished x => With(s, x, new AgentStepRecord(AgentStepStatus.Finished, x)),
        _ => s,
    };

    /// <summary>Recovery completed: no action survives its agent, so what was running before is now <see cref="AgentStepStatus.StartedBeforeRestart"/>.</summary>
    public static AgentState Recovered(AgentState s) => s with
    {
        Steps = s.Steps.ToImmutableDictionary(kv => kv.Key,
            kv => kv.Value.Status == AgentStepStatus.Running ? kv.Value with { Status = AgentStepStatus.StartedBeforeRestart } : kv.Value),
    };

    public static AgentState Replay(IEnumerable<IAgentStepEvent> events) => Recovered(events.Aggregate(AgentState.Empty, Apply));

    private static AgentDecision DecideRequest(AgentState state, StepRequested r, AgentSettings settings, bool dryRun)
    {
        // The record comes first: a step that ran is answered even if the allow-list changed since.
        switch (state.Find(r.Key))
        {
            case { Status: AgentStepStatus.Finished, Outcome: { } done }:
                return new AnswerFromRecord(done);
            case { Status: AgentStepStatus.Running }:
                return AwaitRunningStep.Instance;
            case { Status: AgentStepStatus.StartedBeforeRestart }:
                return new ReportInterrupted(new AgentStepFinished(settings.Host, r.SagaId, r.StepId, false, null, InterruptedOutput, dryRun, r.At));
        }
        if (r.Host != settings.Host)
            return new RefuseStep($"this agent is host \"{settings.Host}\", not \"{r.Host}\"");
        if (settings.FindAction(r.Action) is not { } action)
            return new RefuseStep($"action \"{r.Action}\" is not allow-listed in supervisor.agent.actions on host \"{settings.Host}\" " +
                                  $"(allowed: {string.Join(", ", settings.Actions.Select(a => a.Name))}); add it there to permit it");
        return new StartAction(new AgentStepStarted(settings.Host, r.SagaId, r.StepId, r.Action, r.At), action, dryRun);
    }

    private static AgentState With(AgentState s, IAgentStepEvent e, AgentStepRecord record) =>
        s with { Steps = s.Steps.SetItem(new AgentStepKey(e.SagaId, e.StepId), record) };
}
