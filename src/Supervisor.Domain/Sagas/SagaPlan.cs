using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Sagas;

/// <summary>
/// The frozen plan of one saga, built from the group's config when the episode starts and persisted in
/// <see cref="SagaStarted"/>: editing the config later never changes a saga that is already running.
/// </summary>
public sealed record SagaPlan(
    string SagaId,
    string GroupId,
    IReadOnlyList<PlannedPhase> Phases,
    TimeSpan SafetyMargin,
    PowerRestoredPolicy OnPowerRestored,
    TimeSpan RetryInterval)
{
    public IEnumerable<PlannedStep> AllSteps => Phases.SelectMany(p => p.Steps);

    public static SagaPlan Build(string sagaId, GroupSettings group)
    {
        var phases = group.Shutdown.Phases.Select((phase, pi) => new PlannedPhase(phase.Name,
            phase.Steps.Select((s, si) => new PlannedStep(StepIdFor(pi, si, phase.Name, s), s.Host, s.Action, s.Timeout, s.Irreversible)).ToList()))
            .ToList();
        return new SagaPlan(sagaId, group.Id, phases, group.Shutdown.SafetyMargin, group.Shutdown.OnPowerRestored, group.Shutdown.RetryInterval);
    }

    /// <summary>Stable, readable step id: "2.1-containers-hv-1-stop-containers". Unique within a plan because of the indexes.</summary>
    public static string StepIdFor(int phaseIndex, int stepIndex, string phase, StepSettings s) =>
        $"{phaseIndex + 1}.{stepIndex + 1}-{phase}-{s.Host}-{s.Action}";
}

/// <summary>One phase: its steps are dispatched together; the phase ends when each has an outcome.</summary>
public sealed record PlannedPhase(string Name, IReadOnlyList<PlannedStep> Steps)
{
    public TimeSpan LongestTimeout => Steps.Count == 0 ? TimeSpan.Zero : Steps.Max(s => s.Timeout);
}

/// <summary>One step of a plan.</summary>
public sealed record PlannedStep(string StepId, string Host, string Action, TimeSpan Timeout, bool Irreversible);
