using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Inspection;

/// <summary>Saga state (replayed from the journal) → the inspection views.</summary>
public static class SagaViews
{
    public static SagaView Summary(SagaState s)
    {
        var phases = s.Plan?.Phases.Count ?? 0;
        return new SagaView(s.SagaId, s.Plan?.GroupId ?? "?", s.Status.ToString().ToUpperInvariant(),
            phases > 0 ? s.Plan!.Phases[Math.Min(s.PhaseIndex, phases - 1)].Name : null, s.PhaseIndex + 1, phases,
            s.StartedAt, s.EndedAt, s.EndReason,
            s.Steps.Count,
            s.Steps.Count(x => x.Status == StepStatus.Succeeded),
            s.Steps.Count(x => x.Status == StepStatus.Failed),
            s.Steps.Count(x => x.Status == StepStatus.TimedOut),
            s.Steps.Count(x => !x.Ended));
    }

    public static SagaDetailView Detail(string sagaId, SagaState? s)
    {
        if (s is null) return new SagaDetailView(sagaId, null, []);
        var steps = s.Steps.Select(x => new SagaStepView(
            x.Step.StepId, s.Plan!.Phases[x.PhaseIndex].Name, x.Step.Host, x.Step.Action, x.Step.Irreversible,
            x.Status.ToString().ToUpperInvariant(), x.Attempts, x.FirstDispatchedAt, x.EndedAt,
            x.FirstDispatchedAt is { } from && x.EndedAt is { } to ? (to - from).TotalSeconds : null,
            x.ExitCode, x.Detail) { TimeoutSeconds = x.Step.Timeout.TotalSeconds, Targets = x.Targets }).ToList();
        return new SagaDetailView(sagaId, Summary(s), steps);
    }
}
