using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>
/// The agent of one host. Runs only actions named in its own local <c>supervisor.agent.actions</c> and
/// refuses anything else with a logged reason. Each (saga, step) runs at most once, across restarts:
/// the start is journaled before the action runs and the outcome after, and a re-sent request is answered
/// from the journal. Dry-run (the default) logs the command instead of running it.
/// </summary>
public sealed class HostAgentActor : ReceivePersistentActor
{
    private readonly AgentSettings _settings;
    private readonly bool _dryRun;
    private readonly ActionRunner _runner;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<(string Saga, string Step)> _started = [];
    private readonly Dictionary<(string Saga, string Step), AgentStepFinished> _finished = [];
    private readonly Dictionary<(string Saga, string Step), IActorRef> _inFlight = [];
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

        Recover<AgentStepStarted>(e => _started.Add((e.SagaId, e.StepId)));
        Recover<AgentStepFinished>(e => _finished[(e.SagaId, e.StepId)] = e);
        Recover<RecoveryCompleted>(_ => _log.Info("Agent {0}: ready ({1}); allow-listed actions: {2}; {3} step(s) on record",
            _settings.Host, _dryRun ? "DRY-RUN, nothing will be executed" : "LIVE, actions will be executed",
            string.Join(", ", _settings.Actions.Select(a => a.Name)), _finished.Count));

        Command<ExecuteStep>(Handle);
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

    private void Handle(ExecuteStep step)
    {
        var key = (step.SagaId, step.StepId);
        if (_finished.TryGetValue(key, out var done))
        {
            _log.Info("Agent {0}: step {1} of saga {2} already ran; answering from the record (attempt {3})", _settings.Host, step.StepId, step.SagaId, step.Attempt);
            Sender.Tell(ToResult(done, duplicate: true));
        }
        else if (_inFlight.ContainsKey(key))
        {
            _inFlight[key] = Sender; // still running; answer the latest asker when it ends
        }
        else if (_started.Contains(key))
        {
            Interrupted(step);
        }
        else if (step.Host != _settings.Host)
        {
            Refuse(step, $"this agent is host \"{_settings.Host}\", not \"{step.Host}\"");
        }
        else if (_settings.FindAction(step.Action) is not { } action)
        {
            Refuse(step, $"action \"{step.Action}\" is not allow-listed in supervisor.agent.actions on host \"{_settings.Host}\" (allowed: {string.Join(", ", _settings.Actions.Select(a => a.Name))}); add it there to permit it");
        }
        else
        {
            Start(step, action);
        }
    }

    private void Start(ExecuteStep step, AgentAction action)
    {
        var key = (step.SagaId, step.StepId);
        _inFlight[key] = Sender;
        Persist(new AgentStepStarted(_settings.Host, step.SagaId, step.StepId, step.Action, _clock.GetUtcNow()), e =>
        {
            _started.Add(key);
            _log.Info("Agent {0}: step {1} of saga {2}: {3} {4}", _settings.Host, step.StepId, step.SagaId,
                _dryRun ? "dry-run, would run" : "running", ActionRunner.Describe(action.Command));
            _runner.RunAsync(step, action, _dryRun, _stopping.Token).PipeTo(Self,
                success: o => new ActionCompleted(step, o),
                failure: ex => new ActionCompleted(step, new ActionOutcome(false, null, $"agent could not run the action: {ex.Message}")));
        });
    }

    private void OnCompleted(ActionCompleted c)
    {
        var key = (c.Step.SagaId, c.Step.StepId);
        var finished = new AgentStepFinished(_settings.Host, c.Step.SagaId, c.Step.StepId, c.Outcome.Succeeded, c.Outcome.ExitCode,
            c.Outcome.Output, _dryRun, _clock.GetUtcNow());
        if (c.Outcome.ActionLogProblem is { } problem)
            _log.Error("Agent {0}: step {1} of saga {2} could not be added to the action log: {3}; the step's outcome stands", _settings.Host, c.Step.StepId, c.Step.SagaId, problem);
        Persist(finished, e =>
        {
            _finished[key] = e;
            if (e.Succeeded)
                _log.Info("Agent {0}: step {1} done (exit {2}{3})", _settings.Host, e.StepId, e.ExitCode, e.DryRun ? ", dry-run" : "");
            else
                _log.Warning("Agent {0}: step {1} failed (exit {2}): {3}", _settings.Host, e.StepId, e.ExitCode?.ToString() ?? "none", e.Output);
            if (_inFlight.Remove(key, out var asker)) asker.Tell(ToResult(e, duplicate: false));
        });
    }

    /// <summary>Started before a crash, never finished: do not run it again (at most once); record and report it.</summary>
    private void Interrupted(ExecuteStep step)
    {
        var asker = Sender;
        var e = new AgentStepFinished(_settings.Host, step.SagaId, step.StepId, false, null,
            "the agent restarted while this step was running; it is not run a second time", _dryRun, _clock.GetUtcNow());
        Persist(e, x =>
        {
            _finished[(x.SagaId, x.StepId)] = x;
            _log.Warning("Agent {0}: step {1} of saga {2} was interrupted by an agent restart; reporting it failed instead of running it twice", _settings.Host, x.StepId, x.SagaId);
            asker.Tell(ToResult(x, duplicate: false));
        });
    }

    private void Refuse(ExecuteStep step, string reason)
    {
        _log.Warning("Agent {0}: REFUSED step {1} of saga {2}: {3}", _settings.Host, step.StepId, step.SagaId, reason);
        Sender.Tell(new StepResult(step.SagaId, step.StepId, _settings.Host, false, null, $"refused: {reason}", _dryRun, false));
    }

    private static StepResult ToResult(AgentStepFinished e, bool duplicate) =>
        new(e.SagaId, e.StepId, e.Host, e.Succeeded, e.ExitCode, e.Output, e.DryRun, duplicate);

    private sealed record ActionCompleted(ExecuteStep Step, ActionOutcome Outcome);
}
