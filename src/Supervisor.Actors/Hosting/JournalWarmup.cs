using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Actors.Agents;
using Supervisor.Domain;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Readings;
using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Hosting;

/// <summary>Written once at start-up by <see cref="JournalWarmup"/> and deleted right away.</summary>
public sealed record JournalWarmedUp(string Node, DateTimeOffset At) : IPersistedEvent;

/// <summary>
/// Runs once when a supervisor node starts, so the first power event does not pay for cold paths. It makes the
/// journal writes of a power event, in their order and shapes, under its own persistence id, then deletes them: one
/// event (the group's <c>EpisodeStarted</c>), a batch of three in one write (the saga's <c>SagaStarted</c>,
/// <c>PhaseStarted</c>, <c>StepDispatched</c>: a batch takes another insert path than one event) and one more (the
/// agent's <c>AgentStepStarted</c>). The first insert of a process costs ~250 ms (plugin start, connection, SQL built
/// and compiled); each new event type and the batch path cost tens of ms more (measured with <c>bench coldpath</c>:
/// the saga's first dispatch 67 ms after the CRITICAL report with only one warm-up event, see bench/README.md). It
/// also runs the pure rules of the path (device health on OB LB, the group losing quorum, a saga) and every message of
/// it through the serializer. A journal that cannot be written is reported here, at start-up, not in the middle of
/// the first outage. Stops when done.
/// </summary>
public sealed class JournalWarmup : ReceivePersistentActor
{
    private const string Warmup = "warmup";
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DateTime _started = DateTime.UtcNow;

    public override string PersistenceId { get; } = $"warmup-{Guid.NewGuid():N}";

    public JournalWarmup()
    {
        Recover<RecoveryCompleted>(_ => WriteLikeAPowerEvent());
        Command<DeleteMessagesSuccess>(_ => Done());
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning("Journal warm-up: could not delete its events ({0}); harmless, they are a few rows", f.Cause.Message);
            Done();
        });
    }

    /// <summary>Each write waits for the one before, as on the real path (group, then saga, then agent).</summary>
    private void WriteLikeAPowerEvent()
    {
        var now = DateTimeOffset.UtcNow;
        var sagaEvents = SagaRules.Decide(SagaState.Empty(Warmup), new BeginSaga(SagaPlan.Build(Warmup, WarmupGroup), null, now));
        Persist(new JournalWarmedUp(Context.System.Name, now), _ =>
            Persist(new EpisodeStarted(Warmup, 1, Warmup, "journal warm-up", now), _ =>
                PersistAll(sagaEvents, e =>
                {
                    if (!ReferenceEquals(e, sagaEvents[^1])) return;
                    Persist(new AgentStepStarted(Warmup, Warmup, "1.1-vms-h-a", "a", now), _ => DeleteMessages(LastSequenceNr));
                })));
    }

    private void Done()
    {
        WarmRules();
        WarmSerializer(Context.System);
        _log.Debug("Journal and shutdown path warmed up in {0:0} ms", (DateTime.UtcNow - _started).TotalMilliseconds);
        Context.Stop(Self);
    }

    private static readonly GroupSettings WarmupGroup = new(Warmup, ["d"], 1, CountsAs.Healthy, CountsAs.Healthy, null, TimeSpan.Zero,
        new ShutdownSettings(TimeSpan.Zero, PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(1),
            [new PhaseSettings("vms", [new StepSettings("h", "a", TimeSpan.FromSeconds(1), false)]),
             new PhaseSettings("local-host", [new StepSettings("h", "b", TimeSpan.FromSeconds(1), true)])]));

    /// <summary>The decisions of a power event, on throw-away state: a UPS seen OB LB by the status watch, its group losing quorum, a saga.</summary>
    private static void WarmRules()
    {
        var now = DateTimeOffset.UtcNow;
        var device = new DeviceSettings("d", "nut", TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30),
            TriggerSettings.Defaults, new NutOptions("localhost", 3493, "ups", null, null)) { StatusInterval = TimeSpan.FromMilliseconds(100) };
        var online = new Reading("d", now, true, false, false, false, 100, 1800, 20, 230, 100, "OL");
        var probe = new StatusProbe(now, "OB LB", false, true, true, false);
        var health = DeviceHealthRules.OnReading(DeviceHealthRules.Initial(now), online, device);
        if (StatusWatch.Judge("OL", probe) == StatusChange.Act)
            health = DeviceHealthRules.OnReading(health, StatusWatch.ToReading(online, probe), device);

        var policy = new GroupPolicy(Warmup, ["d"], 1, CountsAs.Healthy, CountsAs.Healthy, TimeSpan.Zero, TimeSpan.Zero);
        var machine = GroupRules.Handle(GroupMachine.Initial(now), new MemberHealthChanged("d", DeviceHealth.Healthy, now), policy).Next;
        machine = GroupRules.Handle(machine, new GroupTick(now), policy).Next;
        _ = GroupRules.Handle(machine, new MemberHealthChanged("d", health.Health, now), policy);

        var state = SagaState.Empty(Warmup);
        var commands = new SagaCommand[]
        {
            new BeginSaga(SagaPlan.Build(Warmup, WarmupGroup), TimeSpan.FromSeconds(30), now),
            new StepReported("1.1-vms-h-a", true, 0, "ok", now), new SagaTick(now.AddSeconds(5)),
        };
        foreach (var command in commands)
            foreach (var e in SagaRules.Decide(state, command))
                state = SagaRules.Apply(state, e);
    }

    /// <summary>Every journaled event and cross-node message of a power event, to bytes and back.</summary>
    private static void WarmSerializer(ActorSystem system)
    {
        var now = DateTimeOffset.UtcNow;
        var state = SagaState.Empty(Warmup);
        var messages = new List<object>
        {
            new EpisodeStarted(Warmup, 1, Warmup, "r", now), new EpisodeSagaEnded(Warmup, Warmup, SagaOutcome.Completed, "r", now),
            new GroupRearmed(Warmup, "r", now), new AgentStepStarted(Warmup, Warmup, "s", "a", now),
            new AgentStepFinished(Warmup, Warmup, "s", true, 0, "", true, now), new ExecuteStep(Warmup, "s", "h", "a", 1, now),
            new StepResult(Warmup, "s", "h", true, 0, "", true, false), new GroupPowerState(Warmup, true, "r", now),
        };
        foreach (var command in new SagaCommand[] { new BeginSaga(SagaPlan.Build(Warmup, WarmupGroup), TimeSpan.FromSeconds(30), now), new StepReported("1.1-vms-h-a", true, 0, "ok", now) })
            foreach (var e in SagaRules.Decide(state, command))
            {
                state = SagaRules.Apply(state, e);
                messages.Add(e);
            }
        foreach (var message in messages)
        {
            var serializer = system.Serialization.FindSerializerFor(message);
            _ = system.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, message));
        }
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Journal not writable at start-up: {0}. Groups and sagas cannot record anything until it is; check supervisor.journal", cause.Message);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _log.Error(reason, "Journal unreachable at start-up: {0}. Groups and sagas cannot recover until it is; check supervisor.journal", reason.Message);
        base.OnRecoveryFailure(reason, message);
    }
}
