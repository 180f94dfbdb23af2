using System.Collections.Immutable;

namespace Supervisor.Domain.Sagas;

/// <summary>Progress of one planned step.</summary>
public sealed record StepState(
    PlannedStep Step,
    int PhaseIndex,
    StepStatus Status,
    int Attempts,
    DateTimeOffset? FirstDispatchedAt,
    DateTimeOffset? LastSentAt,
    DateTimeOffset? Deadline,
    DateTimeOffset? EndedAt,
    int? ExitCode,
    string? Detail)
{
    public bool Ended => Status is StepStatus.Succeeded or StepStatus.Failed or StepStatus.TimedOut;

    /// <summary>A typed action's outcome per VM / container / host, once the step ended; empty for a command.</summary>
    public IReadOnlyList<Agents.TargetOutcome> Targets { get; init; } = [];
}

/// <summary>The state of one saga, rebuilt exactly by replaying its <see cref="SagaEvent"/>s.</summary>
public sealed record SagaState(
    string SagaId,
    SagaPlan? Plan,
    SagaStatus Status,
    int PhaseIndex,
    ImmutableList<StepState> Steps,
    DateTimeOffset? StartedAt,
    DateTimeOffset? PhaseStartedAt,
    double DeadlineFactor,
    string? IrreversibleStepDispatched,
    string? EndReason,
    DateTimeOffset? EndedAt)
{
    public static SagaState Empty(string sagaId) =>
        new(sagaId, null, SagaStatus.NotStarted, 0, ImmutableList<StepState>.Empty, null, null, 1.0, null, null, null);

    public bool IsRunning => Status == SagaStatus.Running;
    public bool IsFinished => Status is SagaStatus.Completed or SagaStatus.Aborted;
    public bool InLastPhase => Plan is not null && PhaseIndex >= Plan.Phases.Count - 1;

    public StepState? FindStep(string stepId) => Steps.FirstOrDefault(s => s.Step.StepId == stepId);
    public IEnumerable<StepState> CurrentPhaseSteps => Steps.Where(s => s.PhaseIndex == PhaseIndex);
}
