using System.Collections.Immutable;

namespace Supervisor.Domain.Agents;

/// <summary>Where one (saga, step) stands on its agent.</summary>
public enum AgentStepStatus
{
    /// <summary>Started in this incarnation of the agent: its action is running now.</summary>
    Running,
    /// <summary>Started before the agent restarted and never finished: the action died with the agent and is never run again.</summary>
    StartedBeforeRestart,
    /// <summary>Ran (or was dry-run, or was interrupted): every later request is answered from <see cref="AgentStepRecord.Outcome"/>.</summary>
    Finished,
}

/// <summary>A step is known by its saga and its id within that saga (a fail-safe run counts as a saga).</summary>
public readonly record struct AgentStepKey(string SagaId, string StepId);

/// <summary>What the agent knows of one step; <see cref="Outcome"/> is set once it is <see cref="AgentStepStatus.Finished"/>.</summary>
public sealed record AgentStepRecord(AgentStepStatus Status, AgentStepFinished? Outcome);

/// <summary>
/// The state of one host agent, rebuilt by replaying its <see cref="IAgentStepEvent"/>s and then
/// <see cref="AgentRules.Recovered"/>. Steps never asked for are simply absent.
/// </summary>
public sealed record AgentState(ImmutableDictionary<AgentStepKey, AgentStepRecord> Steps)
{
    public static AgentState Empty { get; } = new(ImmutableDictionary<AgentStepKey, AgentStepRecord>.Empty);

    public AgentStepRecord? Find(AgentStepKey key) => Steps.GetValueOrDefault(key);

    /// <summary>Steps with an outcome on record (what the agent reports when it is ready).</summary>
    public int FinishedCount => Steps.Values.Count(s => s.Status == AgentStepStatus.Finished);
}
