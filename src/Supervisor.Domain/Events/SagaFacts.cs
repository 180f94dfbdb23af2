using System.Globalization;
using Supervisor.Domain.Sagas;

namespace Supervisor.Domain.Events;

/// <summary>Turns one journaled saga event into the <see cref="SagaProgressed"/> fact consumers read. Pure.</summary>
public static class SagaFacts
{
    /// <param name="after">The saga's state with <paramref name="e"/> applied (it knows the plan: hosts, actions, phase names).</param>
    /// <param name="sequenceNr">The event's sequence number in the saga's journal: with the saga id, the fact's stable id.</param>
    public static SagaProgressed From(SagaState after, SagaEvent e, long sequenceNr)
    {
        var group = after.Plan?.GroupId ?? "";
        var id = e.SagaId;
        SagaProgressed Fact(string change, EventSeverity level, string text, string? stepId = null, int? attempt = null)
        {
            var step = stepId is null ? null : after.FindStep(stepId)?.Step;
            return new(id, group, sequenceNr, change, level, text, stepId, step?.Host, step?.Action, attempt, e.At);
        }

        return e switch
        {
            SagaStarted x => Fact("started", EventSeverity.Critical,
                $"Saga {id}: STARTED for group {x.Plan.GroupId}; plan: {DescribePlan(x.Plan)}"),
            DeadlinesShortened x => Fact("deadlines-shortened", EventSeverity.Warning, $"Saga {id}: deadlines shortened: {x.Reason}"),
            PhaseStarted x => Fact("phase-started", EventSeverity.Info,
                $"Saga {id}: phase {x.PhaseIndex + 1}/{after.Plan?.Phases.Count} \"{PhaseName(after, x.PhaseIndex)}\" started"),
            StepDispatched x => Fact("step-dispatched", x.Attempt == 1 ? EventSeverity.Info : EventSeverity.Warning,
                Dispatched(after, x), x.StepId, x.Attempt),
            StepSucceeded x => Fact("step-succeeded", EventSeverity.Info,
                $"Saga {id}: step {x.StepId} acked: succeeded (exit {Exit(x.ExitCode)}; {WithTargets(x.Detail, x.Targets)})", x.StepId),
            StepFailed x => Fact("step-failed", EventSeverity.Critical,
                $"Saga {id}: step {x.StepId} acked: FAILED (exit {Exit(x.ExitCode)}): {WithTargets(x.Detail, x.Targets)}", x.StepId),
            StepTimedOut x => Fact("step-timed-out", EventSeverity.Critical, $"Saga {id}: step {x.StepId} TIMED OUT: {x.Detail}", x.StepId),
            PhaseCompleted x => Fact("phase-completed", EventSeverity.Info,
                $"Saga {id}: phase {x.PhaseIndex + 1} \"{PhaseName(after, x.PhaseIndex)}\" complete"),
            PowerRestoredIgnored x => Fact("power-restored-ignored", EventSeverity.Warning, $"Saga {id}: power restored but continuing: {x.Reason}"),
            SagaAborted x => Fact("aborted", EventSeverity.Warning, $"Saga {id}: ABORTED: {x.Reason}"),
            SagaCompleted x => Fact("completed", EventSeverity.Critical, $"Saga {id}: COMPLETE: {x.Summary}"),
            _ => Fact("changed", EventSeverity.Info, $"Saga {id}: {e.GetType().Name}"),
        };
    }

    private static string Dispatched(SagaState after, StepDispatched x)
    {
        var step = after.FindStep(x.StepId)?.Step;
        var deadline = (x.Deadline - x.At).TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        return x.Attempt == 1
            ? $"Saga {x.SagaId}: step {x.StepId} dispatched to host {step?.Host} (action {step?.Action}, deadline in {deadline}s)"
            : $"Saga {x.SagaId}: step {x.StepId} re-sent to host {step?.Host} (attempt {x.Attempt})";
    }

    private static string PhaseName(SagaState s, int index) =>
        s.Plan is { } plan && index < plan.Phases.Count ? plan.Phases[index].Name : $"#{index + 1}";

    /// <summary>The step's detail with a typed action's line per target, so the event log and the log list each VM / container / host.</summary>
    /// A target whose line the detail already holds (a one-target action's summary is often its only line) is not said twice.
    public static string WithTargets(string detail, IReadOnlyList<Agents.TargetOutcome>? targets)
    {
        var lines = (targets ?? []).Where(t => !detail.Contains(t.ToString(), StringComparison.Ordinal)).ToList();
        return lines.Count == 0 ? detail : $"{detail} [{string.Join("; ", lines)}]";
    }

    private static string Exit(int? code) => code?.ToString(CultureInfo.InvariantCulture) ?? "none";

    public static string DescribePlan(SagaPlan plan) =>
        string.Join(" -> ", plan.Phases.Select(p => $"{p.Name}[{string.Join(", ", p.Steps.Select(s => $"{s.Host}:{s.Action}"))}]"));
}
