using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Agents;

/// <summary>
/// The agent's last resort (child of <see cref="HostAgentActor"/>): remembers — across restarts — which of its
/// groups a supervisor last said were on battery, and if then no supervisor is heard for <c>failsafe.after</c>,
/// runs the local <c>failsafe.sequence</c> through its agent, one action after the other. The agent dedupes by
/// (run, step), so a fail-safe interrupted by a restart is resumed, never repeated.
/// </summary>
public sealed class FailsafeActor : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly AgentSettings _agent;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private FailsafeState _state;
    private int _next = -1; // index of the sequence step awaiting its result; -1 = not running

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    public FailsafeActor(AgentSettings agent, TimeProvider clock)
    {
        _agent = agent;
        _clock = clock;
        _state = FailsafeState.Initial(clock.GetUtcNow());
        PersistenceId = $"failsafe-{agent.Host}";

        Recover<FailsafeEvent>(e => _state = FailsafeRules.Apply(_state, e));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<GroupPowerState>(OnHeard);
        Command<CheckNow>(_ => Check());
        Command<StepResult>(OnStepResult);
    }

    public static Props Props(AgentSettings agent, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new FailsafeActor(agent, clock ?? TimeProvider.System));

    private void OnRecovered()
    {
        _state = _state with { LastHeard = _clock.GetUtcNow() }; // a restarted agent gives the supervisors a full `after`
        if (!_agent.Failsafe.Enabled)
        {
            _log.Info("Agent {0}: fail-safe off (no supervisor.agent.failsafe.sequence)", _agent.Host);
            return;
        }
        _log.Info("Agent {0}: fail-safe armed: runs [{1}] if a group is on battery and no supervisor is heard for {2}s{3}", _agent.Host,
            string.Join(", ", _agent.Failsafe.Sequence), _agent.Failsafe.After.TotalSeconds,
            _state.OnBattery.IsEmpty ? "" : $"; on battery at last word: {string.Join(", ", _state.OnBattery)}");
        if (_state.FiredRunId is not null) RunSequence(); // resumed: the agent answers finished steps from its record
        Timers.StartPeriodicTimer("check", CheckNow.Instance, CheckEvery);
    }

    private void OnHeard(GroupPowerState p)
    {
        var (next, events) = FailsafeRules.Heard(_state, p.GroupId, p.OnBattery, _clock.GetUtcNow());
        _state = next;
        if (events.Count == 0) return;
        PersistAll(events, e =>
        {
            if (e is GroupPowerNoted g)
                _log.Info("Agent {0}: supervisor says group {1} is {2} ({3})", _agent.Host, g.GroupId, g.OnBattery ? "ON BATTERY" : "on line", p.Reason);
            if (e is FailsafeRearmed) _log.Info("Agent {0}: fail-safe re-armed: every group is on line again", _agent.Host);
        });
    }

    private void Check()
    {
        if (!_agent.Failsafe.Enabled || FailsafeRules.Check(_state, _clock.GetUtcNow(), _agent.Failsafe.After, _agent.Host) is not { } fired) return;
        Persist(fired, e =>
        {
            _state = FailsafeRules.Apply(_state, e);
            _log.Warning("Agent {0}: FAIL-SAFE: {1}; running the local sequence [{2}] ({3})", _agent.Host, e.Reason,
                string.Join(", ", _agent.Failsafe.Sequence), e.RunId);
            // Published here, on the agent's node; the fact bridge carries it to the supervisors' history and alerts.
            Context.System.EventStream.Publish(new Domain.Events.AgentFailsafeFired(_agent.Host, e.RunId, e.Reason, e.At));
            RunSequence();
        });
    }

    private void RunSequence()
    {
        _next = 0;
        SendNext();
    }

    private void SendNext()
    {
        if (_next >= _agent.Failsafe.Sequence.Count)
        {
            _log.Warning("Agent {0}: fail-safe sequence {1} done", _agent.Host, _state.FiredRunId);
            _next = -1;
            return;
        }
        var action = _agent.Failsafe.Sequence[_next];
        Context.Parent.Tell(new ExecuteStep(_state.FiredRunId!, StepId(_next, action), _agent.Host, action, 1, _clock.GetUtcNow() + TimeSpan.FromHours(1)));
    }

    private void OnStepResult(StepResult r)
    {
        if (_next < 0 || r.SagaId != _state.FiredRunId || r.StepId != StepId(_next, _agent.Failsafe.Sequence[_next])) return;
        _log.Log(r.Succeeded ? LogLevel.InfoLevel : LogLevel.WarningLevel,
            $"Agent {_agent.Host}: fail-safe step {r.StepId} {(r.Succeeded ? "done" : "FAILED")}: {r.Output}");
        _next++; // like a saga phase: the sequence goes on even after a failed step
        SendNext();
    }

    private static string StepId(int index, string action) => $"f{index + 1}-{action}";

    private sealed record CheckNow
    {
        public static CheckNow Instance { get; } = new();
    }
}
