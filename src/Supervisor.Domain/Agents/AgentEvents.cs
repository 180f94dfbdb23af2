using System.Text.Json.Serialization;

namespace Supervisor.Domain.Agents;

/// <summary>
/// A journaled event of the host agent about one (saga, step). An interface, not a base record: a base record's
/// properties would be written into the JSON (and reorder it), and the agents' journals on disk hold this format.
/// </summary>
public interface IAgentStepEvent : IPersistedEvent
{
    string SagaId { get; }
    string StepId { get; }
}

/// <summary>Journaled before an action runs: after a crash, a started-but-unfinished step is never run again.</summary>
public sealed record AgentStepStarted(string Host, string SagaId, string StepId, string Action, DateTimeOffset At) : IAgentStepEvent;

/// <summary>
/// Journaled after an action ran (or was dry-run); re-sent requests are answered from it. <paramref name="Targets"/>:
/// a typed action's line per VM / container / host (absent for a command, and in journals written before types).
/// </summary>
public sealed record AgentStepFinished(
    string Host, string SagaId, string StepId, bool Succeeded, int? ExitCode, string Output, bool DryRun, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TargetOutcome>? Targets = null) : IAgentStepEvent;
