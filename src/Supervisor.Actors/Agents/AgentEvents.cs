using Supervisor.Domain;

namespace Supervisor.Actors.Agents;

/// <summary>Journaled before an action runs: after a crash, a started-but-unfinished step is never run again.</summary>
public sealed record AgentStepStarted(string Host, string SagaId, string StepId, string Action, DateTimeOffset At) : IPersistedEvent;

/// <summary>Journaled after an action ran (or was dry-run); re-sent requests are answered from it.</summary>
public sealed record AgentStepFinished(
    string Host, string SagaId, string StepId, bool Succeeded, int? ExitCode, string Output, bool DryRun, DateTimeOffset At) : IPersistedEvent;
