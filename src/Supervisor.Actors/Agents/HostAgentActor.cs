using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>
/// The agent of one host, a thin shell around <see cref="AgentRules"/>: receive → decide → journal → apply → run the
/// action or answer. Runs only actions named in its own local <c>supervisor.agent.actions</c> and refuses anything else
/// with a logged reason. Each (saga, step) runs at most once, across restarts: the start is journaled before the action
/// runs and the outcome after, and a re-sent request is answered from the journal. Dry-run (the default) logs the
/// command instead of running it.
/// </summary>
public sealed class HostAgentActor : ReceivePersistentActor
{
    private readonly AgentSettings _settings;
    private readonly bool _dryRun;
    private readonly ActionRunner _runner;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AgentState _state = AgentState.Empty;
    /// <summary>Who to answer when a running step ends: the latest asker (volatile, like the run itself).</summary>
    private readonly Dictionary<AgentStepKey, IActorRef> _askers = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly IActorRef _failsafe;

    public override string PersistenceId { get; }

    public HostAgentActor(AgentSettings settings, bool forceDryRun, string actionLogPath, TimeProvider clock)
    {
        _settings = settings;
        _dryRun = settings.DryRun || forceDryRun;
        _clock = clock;
        _runner = new ActionRunner(actionLogPath, clock);
        PersistenceId = $"agent-{settings.Host}";
        _failsafe = Context.ActorOf(FailsafeActor.Props(settings, clock), "failsafe");

        Recover<IAgentStepEvent>(e => _state = AgentRules.Apply(_state, e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<ExecuteStep>(OnRequested);
        Command<ActionCompleted>(OnCompleted);
        Command<GroupPowerState>(p => _failsafe.Forward(p));
    }

    public static Props Props(AgentSettings settings, bool forceDryRun, string actionLogPath, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new HostAgentActor(settings, forceDryRun, actionLogPath, clock ?? TimeProvider.System));

    protected override void PostStop()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        base.PostStop();
    }

    private void OnRecovered()
    {
        _state = AgentRules.Recovered(_state);
        _log.Info("Agent {0}: ready ({1}); allow-listed actions: {2}; {3} step(s) on record",
            _settings.Host, _dryRun ? "DRY-RUN, nothing will be executed" : "LIVE, actions will be executed",
            string.Join(", ", _settings.Actions.Select(a => a.Name)), _state.FinishedCount);
    }

    private void OnRequested(ExecuteStep step)
    {
        var key = new AgentStepKey(step.SagaId, step.StepId);
        var decision = AgentRules.Decide(_state, new StepRequested(step.SagaId, step.StepId, step.Host, step.Action, _clock.GetUtcNow()), _settings, _dryRun);
        switch (decision)
        {
            case AnswerFromRecord a:
                _log.Info("Agent {0}: step {1} of saga {2} already ran; answering from the record (attempt {3})", _settings.Host, step.StepId, step.SagaId, step.Attempt);
                Sender.Tell(ToResult(a.Record, duplicate: true));
                break;
            case AwaitRunningStep:
                _askers[key] = Sender; // still running; answer the latest asker when it ends
                break;
            case RefuseStep r:
                _log.Warning("Agent {0}: REFUSED step {1} of saga {2}: {3}", _settings.Host, step.StepId, step.SagaId, r.Reason);
                Sender.Tell(new StepResult(step.SagaId, step.StepId, _settings.Host, false, null, $"refused: {r.Reason}", _dryRun, false));
                break;
            case ReportInterrupted:
                _askers[key] = Sender;
                PersistAndApply(decision, e =>
                {
                    _log.Warning("Agent {0}: step {1} of saga {2} was interrupted by an agent restart; reporting it failed instead of running it twice", _settings.Host, e.StepId, e.SagaId);
                    Answer((AgentStepFinished)e);
                });
                break;
            case StartAction s:
                _askers[key] = Sender;
                PersistAndApply(decision, _ => Run(step, s));
                break;
        }
    }

    private void Run(ExecuteStep step, StartAction start)
    {
        _log.Info("Agent {0}: step {1} of saga {2}: {3} {4}", _settings.Host, step.StepId, step.SagaId,
            start.DryRun ? "dry-run, would run" : "running", start.Action.Spec.Describe());
        _runner.RunAsync(step, start.Action, start.DryRun, _stopping.Token).PipeTo(Self,
            success: o => new ActionCompleted(step, o),
            failure: ex => new ActionCompleted(step, new ActionOutcome(false, null, $"agent could not run the action: {ex.Message}")));
    }

    private void OnCompleted(ActionCompleted c)
    {
        var ended = new ActionEnded(c.Step.SagaId, c.Step.StepId, c.Outcome.Succeeded, c.Outcome.ExitCode, c.Outcome.Output, _clock.GetUtcNow(), c.Outcome.Targets);
        if (c.Outcome.ActionLogProblem is { } problem)
            _log.Error("Agent {0}: step {1} of saga {2} could not be added to the action log: {3}; the step's outcome stands", _settings.Host, c.Step.StepId, c.Step.SagaId, problem);
        PersistAndApply(AgentRules.Decide(_state, ended, _settings, _dryRun), e =>
        {
            var f = (AgentStepFinished)e;
            if (f.Succeeded)
                _log.Info("Agent {0}: step {1} done (exit {2}{3})", _settings.Host, f.StepId, f.ExitCode, f.DryRun ? ", dry-run" : "");
            else
                _log.Warning("Agent {0}: step {1} failed (exit {2}): {3}", _settings.Host, f.StepId, f.ExitCode?.ToString() ?? "none", f.Output);
            foreach (var t in f.Targets ?? []) _log.Info("Agent {0}: step {1}: {2}", _settings.Host, f.StepId, t);
            Answer(f);
        });
    }

    /// <summary>Journal the decision's events, apply each to the state once it is written, then do what follows.</summary>
    private void PersistAndApply(AgentDecision decision, Action<IAgentStepEvent> then)
    {
        if (decision.Events.Count == 0) return;
        PersistAll(decision.Events, e =>
        {
            _state = AgentRules.Apply(_state, e);
            then(e);
        });
    }

    /// <summary>A step's outcome is on record: answer whoever asked last.</summary>
    private void Answer(AgentStepFinished finished)
    {
        if (_askers.Remove(new AgentStepKey(finished.SagaId, finished.StepId), out var asker)) asker.Tell(ToResult(finished, duplicate: false));
    }

    private static StepResult ToResult(AgentStepFinished e, bool duplicate) =>
        new(e.SagaId, e.StepId, e.Host, e.Succeeded, e.ExitCode, e.Output, e.DryRun, duplicate, e.Targets);

    private sealed record ActionCompleted(ExecuteStep Step, ActionOutcome Outcome);
}
