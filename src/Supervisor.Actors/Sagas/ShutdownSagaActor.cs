using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Actors.Agents;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Sagas;
using Supervisor.Domain;

namespace Supervisor.Actors.Sagas;

/// <summary>
/// One shutdown saga (one power event). A thin shell around the pure <see cref="SagaRules"/>: it persists
/// each decision's events before acting on them (a dispatch is journaled before the step is sent), sends
/// steps to agents by host over pub-sub, and resumes from its journal after a crash.
/// </summary>
public sealed class ShutdownSagaActor : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromMilliseconds(500);
    private const int WarnEveryAttempts = 3;

    private readonly SagaPlan _plan;
    private readonly TimeSpan? _runtimeAtStart;
    private readonly string _startReason;
    private readonly IActorRef _agents;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SagaState _state;
    private readonly List<SagaProgressed> _recoveredFacts = [];

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <param name="plan">Used only if the journal holds no plan yet (a fresh saga).</param>
    /// <param name="agents">Where <see cref="Publish"/> envelopes for agent topics go: the DistributedPubSub mediator.</param>
    public ShutdownSagaActor(SagaPlan plan, TimeSpan? runtimeAtStart, string startReason, IActorRef agents, TimeProvider clock)
    {
        _plan = plan;
        _runtimeAtStart = runtimeAtStart;
        _startReason = startReason;
        _agents = agents;
        _clock = clock;
        _state = SagaState.Empty(plan.SagaId);
        PersistenceId = PersistenceIdFor(plan.SagaId);

        Recover<SagaEvent>(e =>
        {
            _state = SagaRules.Apply(_state, e);
            // Re-published once recovered: what a dead node journaled but never got into the history is stored after all
            // (the id is saga id + sequence number, so a store keeps each step once).
            _recoveredFacts.Add(SagaFacts.From(_state, e, LastSequenceNr));
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<SagaTimerTick>(_ => Execute(new SagaTick(_clock.GetUtcNow())));
        Command<StepResult>(OnStepResult);
        Command<PowerRestored>(c => Execute(c));
        Command<RuntimeEstimated>(c => Execute(c));
        Command<AbortSaga>(OnAbort);
    }

    public static string PersistenceIdFor(string sagaId) => $"saga-{sagaId}";

    public static Props Props(SagaPlan plan, TimeSpan? runtimeAtStart, string startReason, IActorRef agents, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new ShutdownSagaActor(plan, runtimeAtStart, startReason, agents, clock ?? TimeProvider.System));

    private void OnRecovered()
    {
        foreach (var fact in _recoveredFacts) Context.System.EventStream.Publish(fact);
        _recoveredFacts.Clear();
        var now = _clock.GetUtcNow();
        switch (_state.Status)
        {
            case SagaStatus.NotStarted:
                _log.Warning("Saga {0}: STARTED for group {1}: {2}; plan: {3}", _plan.SagaId, _plan.GroupId, _startReason, Describe(_plan));
                Execute(new BeginSaga(_plan, _runtimeAtStart, now));
                break;
            case SagaStatus.Running:
                _log.Warning("Saga {0}: RESUMED from journal in phase {1} ({2}); re-sending unacked steps", _state.SagaId,
                    _state.PhaseIndex + 1, _state.Plan!.Phases[_state.PhaseIndex].Name);
                Execute(new ResumeSaga(now));
                break;
            default:
                Finish();
                return;
        }
        Timers.StartPeriodicTimer("tick", SagaTimerTick.Instance, TickEvery);
    }

    private void OnStepResult(StepResult r)
    {
        var step = _state.FindStep(r.StepId);
        if (step is null || r.SagaId != _state.SagaId)
        {
            _log.Warning("Saga {0}: ignoring a result for unknown step {1} of saga {2}", _state.SagaId, r.StepId, r.SagaId);
            return;
        }
        if (step.Status != StepStatus.Dispatched)
        {
            _log.Info("Saga {0}: late result for step {1} ({2} already): succeeded={3}", _state.SagaId, r.StepId, step.Status, r.Succeeded);
            return;
        }
        Execute(new StepReported(r.StepId, r.Succeeded, r.ExitCode, DescribeResult(r), _clock.GetUtcNow(), r.Targets));
    }

    private static string DescribeResult(StepResult r) =>
        (r.Duplicate ? "answered from the agent's record; " : "") + r.Output;

    /// <summary>A person's abort: journaled like power returning, answered once journaled (before the actor stops).</summary>
    private void OnAbort(AbortSaga a)
    {
        if (!_state.IsRunning)
        {
            Sender.Tell(SagaAbortCheck.Ended(_state.SagaId, _state.Status.ToString().ToUpperInvariant(), _state.EndReason));
            return;
        }
        var sender = Sender;
        _log.Warning("Saga {0}: abort requested by {1}", _state.SagaId, a.By);
        Execute(new AbortRequested(a.By, _clock.GetUtcNow()),
            () => sender.Tell(new SagaAbortResult(SagaAbortOutcome.Aborted, $"saga {_state.SagaId} ABORTED: {_state.EndReason}", "ABORTED")));
    }

    /// <param name="persisted">Runs once the last event is journaled, before a finished saga stops.</param>
    private void Execute(SagaCommand command, Action? persisted = null)
    {
        var events = SagaRules.Decide(_state, command);
        if (events.Count == 0) return;
        PersistAll(events, e =>
        {
            _state = SagaRules.Apply(_state, e);
            Context.System.EventStream.Publish(SagaFacts.From(_state, e, LastSequenceNr));
            Report(e, resumed: command is ResumeSaga);
            if (e is StepDispatched d) Send(d);
            if (!ReferenceEquals(e, events[^1])) return;
            persisted?.Invoke();
            if (_state.IsFinished) Finish();
        });
    }

    private void Send(StepDispatched d)
    {
        var step = _state.FindStep(d.StepId)!.Step;
        _agents.Tell(new Publish(ClusterNames.Topics.Agent(step.Host), new ExecuteStep(_state.SagaId, step.StepId, step.Host, step.Action, d.Attempt, d.Deadline)));
    }

    private void Finish()
    {
        Timers.CancelAll();
        var outcome = _state.Status == SagaStatus.Completed ? SagaOutcome.Completed : SagaOutcome.Aborted;
        Context.Parent.Tell(new SagaEnded(_state.SagaId, outcome, _state.EndReason ?? ""));
        Context.Stop(Self);
    }

    private void Report(SagaEvent e, bool resumed)
    {
        var id = _state.SagaId;
        switch (e)
        {
            case DeadlinesShortened x: _log.Warning("Saga {0}: deadlines shortened: {1}", id, x.Reason); break;
            case PhaseStarted x: _log.Info("Saga {0}: phase {1}/{2} \"{3}\" started", id, x.PhaseIndex + 1, _state.Plan!.Phases.Count, _state.Plan.Phases[x.PhaseIndex].Name); break;
            case StepDispatched x when resumed:
                _log.Warning("Saga {0}: step {1} re-sent to host {2} after resume (attempt {3}); the agent answers a step it already ran from its record",
                    id, x.StepId, _state.FindStep(x.StepId)!.Step.Host, x.Attempt);
                break;
            case StepDispatched { Attempt: 1 } x:
                var s = _state.FindStep(x.StepId)!.Step;
                _log.Info("Saga {0}: step {1} dispatched to host {2} (action {3}, deadline in {4:0.#}s)", id, x.StepId, s.Host, s.Action, (x.Deadline - x.At).TotalSeconds);
                break;
            case StepDispatched x when x.Attempt % WarnEveryAttempts == 0:
                _log.Warning("Saga {0}: no ack yet for step {1} from host {2} (attempt {3}); is that host's agent node up with supervisor.agent.host = {2}?",
                    id, x.StepId, _state.FindStep(x.StepId)!.Step.Host, x.Attempt);
                break;
            case StepSucceeded x: _log.Info("Saga {0}: step {1} acked: succeeded (exit {2}; {3})", id, x.StepId, x.ExitCode, SagaFacts.WithTargets(x.Detail, x.Targets)); break;
            case StepFailed x: _log.Warning("Saga {0}: step {1} acked: FAILED (exit {2}): {3}", id, x.StepId, x.ExitCode?.ToString() ?? "none", SagaFacts.WithTargets(x.Detail, x.Targets)); break;
            case StepTimedOut x: _log.Warning("Saga {0}: step {1} TIMED OUT: {2}", id, x.StepId, x.Detail); break;
            case PhaseCompleted x: _log.Info("Saga {0}: phase {1} \"{2}\" complete", id, x.PhaseIndex + 1, _state.Plan!.Phases[x.PhaseIndex].Name); break;
            case PowerRestoredIgnored x: _log.Warning("Saga {0}: power restored but continuing: {1}", id, x.Reason); break;
            case SagaAborted x: _log.Warning("Saga {0}: ABORTED: {1}", id, x.Reason); break;
            case SagaCompleted x: _log.Warning("Saga {0}: COMPLETE: {1}", id, x.Summary); break;
        }
    }

    private static string Describe(SagaPlan plan) =>
        string.Join(" -> ", plan.Phases.Select(p => $"{p.Name}[{string.Join(", ", p.Steps.Select(s => $"{s.Host}:{s.Action}"))}]"));
}
