using System.Collections.Immutable;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Sagas;

/// <summary>
/// The shutdown saga, pure: <see cref="Decide"/> turns a command into events, <see cref="Apply"/> folds an
/// event into state. Rules: persist a dispatch before sending; only an agent's ack ends a step as
/// succeeded/failed, its deadline as timed out; a phase ends when all its steps end and the next phase
/// always runs; deadlines of non-final phases shrink to fit runtime − safety margin; power returning before
/// an irreversible step aborts (policy abort).
/// </summary>
public static class SagaRules
{
    public static IReadOnlyList<SagaEvent> Decide(SagaState state, SagaCommand command)
    {
        var emitter = new Emitter(state);
        switch (command)
        {
            case BeginSaga b when state.Status == SagaStatus.NotStarted:
                emitter.Emit(new SagaStarted(state.SagaId, b.Plan, b.At));
                if (b.RuntimeLeft is { } runtime) ShortenIfNeeded(emitter, runtime, b.At);
                StartPhase(emitter, 0, b.At);
                break;
            case SagaTick t when state.IsRunning:
                SweepCurrentPhase(emitter, t.At, resendAll: false);
                break;
            case ResumeSaga r when state.IsRunning:
                SweepCurrentPhase(emitter, r.At, resendAll: true);
                break;
            case StepReported r when state.IsRunning && state.FindStep(r.StepId) is { Status: StepStatus.Dispatched }:
                emitter.Emit(r.Succeeded
                    ? new StepSucceeded(state.SagaId, r.StepId, r.ExitCode, r.Detail, r.At, TargetOutcome.ForJournal(r.Targets))
                    : new StepFailed(state.SagaId, r.StepId, r.ExitCode, r.Detail, r.At, TargetOutcome.ForJournal(r.Targets)));
                AdvanceIfPhaseDone(emitter, r.At);
                break;
            case PowerRestored p when state.IsRunning:
                emitter.Emit(PowerRestoredDecision(state, p));
                break;
            case AbortRequested a when state.IsRunning:
                emitter.Emit(new SagaAborted(state.SagaId, AbortReason(state, a), a.At));
                break;
            case RuntimeEstimated e when state.IsRunning:
                ShortenIfNeeded(emitter, e.RuntimeLeft, e.At);
                break;
        }
        return emitter.Events;
    }

    public static SagaState Apply(SagaState s, SagaEvent e) => e switch
    {
        SagaStarted x => s with
        {
            Plan = x.Plan, Status = SagaStatus.Running, StartedAt = x.At,
            Steps = [.. x.Plan.Phases.SelectMany((p, i) => p.Steps.Select(step =>
                new StepState(step, i, StepStatus.Pending, 0, null, null, null, null, null, null)))],
        },
        DeadlinesShortened x => ApplyShortening(s, x),
        PhaseStarted x => s with { PhaseIndex = x.PhaseIndex, PhaseStartedAt = x.At },
        StepDispatched x => UpdateStep(s, x.StepId, st => st with
        {
            Status = StepStatus.Dispatched, Attempts = x.Attempt, FirstDispatchedAt = st.FirstDispatchedAt ?? x.At,
            LastSentAt = x.At, Deadline = x.Deadline,
        }) with { IrreversibleStepDispatched = s.IrreversibleStepDispatched ?? IrreversibleId(s, x.StepId) },
        StepSucceeded x => EndStep(s, x.StepId, StepStatus.Succeeded, x.ExitCode, x.Detail, x.At, x.Targets),
        StepFailed x => EndStep(s, x.StepId, StepStatus.Failed, x.ExitCode, x.Detail, x.At, x.Targets),
        StepTimedOut x => EndStep(s, x.StepId, StepStatus.TimedOut, null, x.Detail, x.At, null),
        SagaAborted x => s with { Status = SagaStatus.Aborted, EndReason = x.Reason, EndedAt = x.At },
        SagaCompleted x => s with { Status = SagaStatus.Completed, EndReason = x.Summary, EndedAt = x.At },
        _ => s, // PhaseCompleted, PowerRestoredIgnored: recorded for the log and `sagas show`
    };

    public static SagaState Replay(string sagaId, IEnumerable<SagaEvent> events) => events.Aggregate(SagaState.Empty(sagaId), Apply);

    private static void StartPhase(Emitter em, int index, DateTimeOffset at)
    {
        var plan = em.State.Plan!;
        if (index >= plan.Phases.Count)
        {
            em.Emit(new SagaCompleted(em.State.SagaId, Summarize(em.State), at));
            return;
        }
        em.Emit(new PhaseStarted(em.State.SagaId, index, at));
        var factor = index == plan.Phases.Count - 1 ? 1.0 : em.State.DeadlineFactor;
        foreach (var step in plan.Phases[index].Steps)
            em.Emit(new StepDispatched(em.State.SagaId, step.StepId, 1, at + step.Timeout * factor, at));
        AdvanceIfPhaseDone(em, at); // a phase without steps ends at once
    }

    private static void SweepCurrentPhase(Emitter em, DateTimeOffset now, bool resendAll)
    {
        var retry = em.State.Plan!.RetryInterval;
        foreach (var st in em.State.CurrentPhaseSteps.Where(s => s.Status == StepStatus.Dispatched).ToList())
        {
            if (now >= st.Deadline)
                em.Emit(new StepTimedOut(em.State.SagaId, st.Step.StepId,
                    $"no ack from agent on {st.Step.Host} within {(st.Deadline!.Value - st.FirstDispatchedAt!.Value).TotalSeconds:0.#}s after {st.Attempts} attempt(s)", now));
            else if (resendAll || now >= st.LastSentAt + retry)
                em.Emit(new StepDispatched(em.State.SagaId, st.Step.StepId, st.Attempts + 1, st.Deadline!.Value, now));
        }
        AdvanceIfPhaseDone(em, now);
    }

    private static void AdvanceIfPhaseDone(Emitter em, DateTimeOffset at)
    {
        if (!em.State.IsRunning || !em.State.CurrentPhaseSteps.All(s => s.Ended)) return;
        var index = em.State.PhaseIndex;
        em.Emit(new PhaseCompleted(em.State.SagaId, index, at));
        StartPhase(em, index + 1, at);
    }

    private static string AbortReason(SagaState s, AbortRequested a) => s.IrreversibleStepDispatched is { } step
        ? $"aborted by {a.By}; irreversible step {step} was already dispatched and may still run"
        : $"aborted by {a.By}";

    private static SagaEvent PowerRestoredDecision(SagaState s, PowerRestored p)
    {
        if (s.Plan!.OnPowerRestored == PowerRestoredPolicy.Continue)
            return new PowerRestoredIgnored(s.SagaId, $"{p.Reason}; on-power-restored = continue", p.At);
        if (s.IrreversibleStepDispatched is { } step)
            return new PowerRestoredIgnored(s.SagaId, $"{p.Reason}; irreversible step {step} was already dispatched, so the shutdown continues", p.At);
        return new SagaAborted(s.SagaId, $"{p.Reason} before any irreversible step; on-power-restored = abort", p.At);
    }

    /// <summary>
    /// The last phase must start while runtime − safety-margin remains. With factor f, the time until it
    /// starts is (phaseStart − now) + f·(longest step of this phase + longest steps of the phases between),
    /// so the largest safe f is (budget + elapsed in phase) / (those timeouts).
    /// </summary>
    private static void ShortenIfNeeded(Emitter em, TimeSpan runtimeLeft, DateTimeOffset now)
    {
        var s = em.State;
        var plan = s.Plan!;
        if (s.InLastPhase && s.PhaseStartedAt is not null) return;
        var current = s.PhaseStartedAt is null ? 0 : s.PhaseIndex;
        var before = plan.Phases.Skip(current).Take(plan.Phases.Count - 1 - current).Sum(p => p.LongestTimeout.TotalSeconds);
        if (before <= 0) return;
        var budget = (runtimeLeft - plan.SafetyMargin).TotalSeconds;
        var elapsed = s.PhaseStartedAt is { } started ? (now - started).TotalSeconds : 0;
        var factor = Math.Clamp((budget + elapsed) / before, 0, 1);
        if (factor >= s.DeadlineFactor - 0.01) return;
        em.Emit(new DeadlinesShortened(s.SagaId, factor,
            $"runtime left {runtimeLeft.TotalSeconds:0}s − safety margin {plan.SafetyMargin.TotalSeconds:0}s = {budget:0}s is less than the {before - elapsed:0}s of deadlines before the last phase; deadlines scaled to {(factor * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}%", now));
    }

    private static SagaState ApplyShortening(SagaState s, DeadlinesShortened x)
    {
        var shortened = s with { DeadlineFactor = x.Factor };
        if (s.PhaseStartedAt is not { } started || s.InLastPhase) return shortened;
        return shortened with
        {
            Steps = s.Steps.Select(st => st.PhaseIndex == s.PhaseIndex && st.Status == StepStatus.Dispatched
                ? st with { Deadline = Min(st.Deadline!.Value, started + st.Step.Timeout * x.Factor) }
                : st).ToImmutableList(),
        };
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string? IrreversibleId(SagaState s, string stepId) =>
        s.FindStep(stepId) is { Step.Irreversible: true } st ? st.Step.StepId : null;

    private static SagaState EndStep(SagaState s, string stepId, StepStatus status, int? exit, string detail, DateTimeOffset at,
        IReadOnlyList<TargetOutcome>? targets) =>
        UpdateStep(s, stepId, st => st with { Status = status, ExitCode = exit, Detail = detail, EndedAt = at, Targets = targets ?? [] });

    private static SagaState UpdateStep(SagaState s, string stepId, Func<StepState, StepState> change) =>
        s with { Steps = s.Steps.Select(st => st.Step.StepId == stepId ? change(st) : st).ToImmutableList() };

    private static string Summarize(SagaState s)
    {
        var byStatus = s.Steps.GroupBy(x => x.Status).Select(g => $"{g.Count()} {Word(g.Key)}");
        return $"{s.Steps.Count} step(s): {string.Join(", ", byStatus)}";
    }

    private static string Word(StepStatus status) => status switch
    {
        StepStatus.TimedOut => "timed out",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>Collects events while keeping the state they produce, so later decisions see earlier ones.</summary>
    private sealed class Emitter(SagaState state)
    {
        public SagaState State { get; private set; } = state;
        public List<SagaEvent> Events { get; } = [];

        public void Emit(SagaEvent e)
        {
            Events.Add(e);
            State = Apply(State, e);
        }
    }
}
