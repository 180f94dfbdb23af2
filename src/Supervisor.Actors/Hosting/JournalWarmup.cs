using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Domain;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Hosting;

/// <summary>Written once at start-up by <see cref="JournalWarmup"/> and deleted right away.</summary>
public sealed record JournalWarmedUp(string Node, DateTimeOffset At) : IPersistedEvent;

/// <summary>
/// Runs once when a supervisor node starts, so the first power event does not pay for cold paths: it writes and
/// deletes one event through the real journal (the first insert of a process costs ~250 ms: plugin start,
/// connection, SQL built and compiled) and runs a throw-away saga through the rules and the serializer (~240 ms of
/// first use). Measured in bench/ (`coldpath`). A journal that cannot be written is reported here, at start-up,
/// not in the middle of the first outage. Stops when done.
/// </summary>
public sealed class JournalWarmup : ReceivePersistentActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly DateTime _started = DateTime.UtcNow;

    public override string PersistenceId { get; } = $"warmup-{Guid.NewGuid():N}";

    public JournalWarmup()
    {
        Recover<RecoveryCompleted>(_ => Persist(new JournalWarmedUp(Context.System.Name, DateTimeOffset.UtcNow), _ => DeleteMessages(LastSequenceNr)));
        Command<DeleteMessagesSuccess>(_ => Done());
        Command<DeleteMessagesFailure>(f =>
        {
            _log.Warning("Journal warm-up: could not delete its event ({0}); harmless, it is one row", f.Cause.Message);
            Done();
        });
    }

    private void Done()
    {
        WarmSagaPath(Context.System);
        _log.Debug("Journal and saga path warmed up in {0:0} ms", (DateTime.UtcNow - _started).TotalMilliseconds);
        Context.Stop(Self);
    }

    /// <summary>A saga that never leaves this method: its events through the rules and the serializer, and back.</summary>
    private static void WarmSagaPath(ActorSystem system)
    {
        var group = new GroupSettings("warmup", ["d"], 1, CountsAs.Healthy, CountsAs.Healthy, null, TimeSpan.Zero,
            new ShutdownSettings(TimeSpan.Zero, PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(1),
                [new PhaseSettings("vms", [new StepSettings("h", "a", TimeSpan.FromSeconds(1), false)]),
                 new PhaseSettings("local-host", [new StepSettings("h", "b", TimeSpan.FromSeconds(1), true)])]));
        var now = DateTimeOffset.UtcNow;
        var state = SagaState.Empty("warmup");
        var commands = new SagaCommand[]
        {
            new BeginSaga(SagaPlan.Build("warmup", group), TimeSpan.FromSeconds(30), now),
            new StepReported("1.1-vms-h-a", true, 0, "ok", now), new SagaTick(now.AddSeconds(5)),
        };
        foreach (var command in commands)
            foreach (var e in SagaRules.Decide(state, command))
            {
                state = SagaRules.Apply(state, e);
                var serializer = system.Serialization.FindSerializerFor(e);
                _ = system.Serialization.Deserialize(serializer.ToBinary(e), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, e));
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
