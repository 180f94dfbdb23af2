using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Sagas;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Sagas;
using Supervisor.Domain;

namespace Supervisor.Actors.Groups;

/// <summary>
/// One redundancy group: folds member <see cref="DeviceReport"/>s into the pure quorum machine
/// (<see cref="GroupRules"/>), journals episode changes, and owns the saga of the running episode as a
/// child. After a restart it recovers its episode and re-creates a running saga, which resumes from its
/// own journal.
/// </summary>
public sealed class GroupActor : ReceivePersistentActor, IWithTimers
{
    private static readonly TimeSpan TickEvery = TimeSpan.FromSeconds(1);
    /// <summary>How often agents hear the group's power state; it is also their heartbeat for the fail-safe.</summary>
    public static readonly TimeSpan PowerStateEvery = TimeSpan.FromSeconds(2);

    private readonly GroupSettings _settings;
    private readonly GroupPolicy _policy;
    private readonly IActorRef _agents;
    private readonly TimeProvider _clock;
    private readonly IActorRef _reportSource;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, double?> _runtimes = [];
    private readonly Dictionary<string, bool> _memberOnBattery = [];
    private readonly IReadOnlyList<string> _hosts;
    private bool? _lastOnBattery;
    private GroupMachine _machine;
    private TimeSpan? _lastRuntimeSent;
    private readonly List<GroupEpisodeChanged> _episodeFacts = [];
    private readonly List<DeviceMaintenanceChanged> _maintenanceFacts = [];
    private GroupSampled? _lastSample;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId { get; }

    /// <param name="reportSource">Who owns the member devices and answers <see cref="RequestDeviceReports"/> (the supervisor root).</param>
    public GroupActor(GroupSettings settings, GroupPolicy policy, IActorRef agents, IActorRef reportSource, TimeProvider clock)
    {
        _reportSource = reportSource;
        _settings = settings;
        _policy = policy;
        _agents = agents;
        _clock = clock;
        _machine = GroupMachine.Initial(clock.GetUtcNow());
        PersistenceId = $"group-{settings.Id}";
        _hosts = settings.Shutdown.Phases.SelectMany(p => p.Steps).Select(s => s.Host).Distinct().ToList();

        Recover<GroupEvent>(e =>
        {
            _machine = GroupRules.Apply(_machine, e);
            // Keep the current episode's events to re-publish once recovered: a fact a dead node journaled but never got
            // into the history is then stored after all (its id is its sequence number, so a store keeps it once).
            if (e is EpisodeStarted) _episodeFacts.Clear();
            if (e is not (MaintenanceStarted or MaintenanceEnded)) _episodeFacts.Add(GroupEpisodeChanged.From(e, LastSequenceNr));
            // Maintenance starts and ends are told too (they lower the redundancy): the recent ones go out again, as alerts do.
            else if (DeviceMaintenanceChanged.From(e, LastSequenceNr) is var m && FactRepublishing.IsRecent(m, _clock.GetUtcNow())) _maintenanceFacts.Add(m);
        });
        Recover<RecoveryCompleted>(_ => OnRecovered());

        Command<DeviceReport>(OnDeviceReport);
        Command<GroupTimerTick>(_ => Handle(new GroupTick(_clock.GetUtcNow())));
        Command<PowerStateTick>(_ => TellAgentsPowerState(force: true));
        Command<SagaEnded>(e => Handle(new SagaFinished(e.SagaId, e.Outcome, e.Reason, _clock.GetUtcNow())));
        Command<GetGroupStatus>(_ => Sender.Tell(Status()));
        Command<GroupMaintenance>(OnMaintenance);
        Command<Terminated>(OnSagaStopped);
        Command<AbortSaga>(OnAbort);
        Command<RestartSaga>(r =>
        {
            if (r.SagaId == _machine.ActiveSagaId) StartSagaChild(r.SagaId, "restarted after it stopped unexpectedly");
        });
    }

    public static Props Props(GroupSettings settings, GroupPolicy policy, IActorRef agents, IActorRef reportSource, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new GroupActor(settings, policy, agents, reportSource, clock ?? TimeProvider.System));

    private void OnRecovered()
    {
        foreach (var fact in _episodeFacts) Context.System.EventStream.Publish(fact);
        foreach (var fact in _maintenanceFacts) Context.System.EventStream.Publish(fact);
        _episodeFacts.Clear();
        _maintenanceFacts.Clear();
        // Volatile state restarts: a fresh start-up grace, members unknown until they report.
        _machine = _machine with { StartedAt = _clock.GetUtcNow() };
        var how = _machine.Episode == 0 ? "starting" : $"recovered at episode {_machine.Episode}, {_machine.Phase}";
        _log.Info($"Group {_settings.Id}: {how} (members {string.Join(", ", _policy.Members)}, min-healthy {_policy.MinHealthy}, " +
                  $"degraded-counts-as {Lower(_policy.DegradedCountsAs)}, unknown-counts-as {Lower(_policy.UnknownCountsAs)}, start-up grace {_policy.StartupGrace.TotalSeconds}s)");
        if (_machine.ActiveSagaId is { } sagaId)
            StartSagaChild(sagaId, $"resuming after restart (episode {_machine.Episode})");
        _reportSource.Tell(new RequestDeviceReports(_policy.Members, _settings.Id));
        Timers.StartPeriodicTimer("tick", GroupTimerTick.Instance, TickEvery);
        Timers.StartPeriodicTimer("power", PowerStateTick.Instance, PowerStateEvery);
    }

    /// <summary>A member in maintenance may well be on battery (or off): that tells nothing about the group's power.</summary>
    private IEnumerable<string> MembersOnBattery => _memberOnBattery.Where(kv => kv.Value && !_machine.Maintenance.ContainsKey(kv.Key)).Select(kv => kv.Key);

    private bool OnBattery => MembersOnBattery.Any() || _machine.State is GroupState.QuorumLost or GroupState.ShutdownComplete;

    /// <summary>Tells the agents of every host in the plan whether this group is on battery (on change, and as a heartbeat).</summary>
    private void TellAgentsPowerState(bool force)
    {
        var onBattery = OnBattery;
        if (!force && onBattery == _lastOnBattery) return;
        _lastOnBattery = onBattery;
        var reason = onBattery
            ? $"{_machine.State.ToString().ToUpperInvariant()}; on battery: {string.Join(", ", MembersOnBattery.DefaultIfEmpty("-"))}"
            : $"{_machine.State.ToString().ToUpperInvariant()}; every member on line";
        var message = new Agents.GroupPowerState(_settings.Id, onBattery, reason, _clock.GetUtcNow());
        foreach (var host in _hosts)
            _agents.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(ClusterNames.Topics.Agent(host), message));
    }

    private void OnDeviceReport(DeviceReport report)
    {
        Diagnostics.SupervisorMeters.ReportLatency.Record((_clock.GetUtcNow() - report.At).TotalMilliseconds);
        if (!_policy.Members.Contains(report.DeviceId)) return;
        _runtimes[report.DeviceId] = report.LastReading?.RuntimeSeconds;
        _memberOnBattery[report.DeviceId] = report.LastReading?.OnBattery == true;
        if (_machine.Members.GetValueOrDefault(report.DeviceId) != report.Assessment.Health || !_machine.Members.ContainsKey(report.DeviceId))
            Handle(new MemberHealthChanged(report.DeviceId, report.Assessment.Health, report.At));
        SendRuntimeIfChanged();
        PublishSampleIfChanged(_machine);
        TellAgentsPowerState(force: false);
    }

    /// <param name="persisted">Runs once the step's events are journaled (at once when there are none).</param>
    private GroupStep Handle(GroupInput input, Action? persisted = null)
    {
        var before = _machine;
        var step = GroupRules.Handle(_machine, input, _policy);
        _machine = step.Next;
        LogTransition(before, _machine);
        if (step.Events.Count == 0)
        {
            RunEffects(step.Effects);
            persisted?.Invoke();
            return step;
        }
        var last = step.Events[^1];
        PersistAll(step.Events, e =>
        {
            Context.System.EventStream.Publish(GroupFacts.From(e, LastSequenceNr));
            _log.Log(e is MaintenanceStarted ? Akka.Event.LogLevel.WarningLevel : Akka.Event.LogLevel.InfoLevel,
                $"Group {_settings.Id}: journaled {Describe(e)}");
            if (!ReferenceEquals(e, last)) return;
            RunEffects(step.Effects);
            persisted?.Invoke();
        });
        return step;
    }

    /// <summary>A maintenance start or end from the fleet root: decided by the pure rules, journaled, answered once journaled.</summary>
    private void OnMaintenance(GroupMaintenance c)
    {
        var now = _clock.GetUtcNow();
        GroupInput input = c.Command switch
        {
            MaintenanceStart s => new MaintenanceRequested(s.Device, s.Duration, s.Reason, s.By, now),
            MaintenanceEnd e => new MaintenanceEndRequested(e.Device, e.By, now),
            _ => throw new ArgumentException($"not a maintenance command: {c.Command.GetType().Name}"),
        };
        var sender = Sender;
        // The rules are pure: asking them first costs nothing and keeps a refusal from touching the state.
        var refusal = GroupRules.Handle(_machine, input, _policy).Refusal;
        if (refusal is not null && !c.DryRun) _log.Info("Group {0}: maintenance request refused: {1}", _settings.Id, refusal);
        if (refusal is not null || c.DryRun)
        {
            sender.Tell(new GroupMaintenanceReply(_settings.Id, refusal));
            return;
        }
        Handle(input, () => sender.Tell(new GroupMaintenanceReply(_settings.Id, null)));
    }

    /// <summary>An abort for this group's running saga goes to it; one that is no longer running here has ended meanwhile.</summary>
    private void OnAbort(AbortSaga a)
    {
        if (_machine.ActiveSagaId == a.SagaId && Context.Child(SagaChildName(a.SagaId)) is var saga && !saga.IsNobody())
        {
            saga.Forward(a);
            return;
        }
        Sender.Tell(SagaAbortCheck.Ended(a.SagaId, "ENDED", $"group {_settings.Id} runs no saga {a.SagaId} now"));
    }

    private void RunEffects(IReadOnlyList<GroupEffect> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case StartSaga s:
                    StartSagaChild(s.SagaId, s.Reason);
                    break;
                case NotifyPowerRestored n when Context.Child(SagaChildName(n.SagaId)) is var saga && !saga.IsNobody():
                    _log.Warning("Group {0}: {1}; telling saga {2}", _settings.Id, n.Reason, n.SagaId);
                    saga.Tell(new PowerRestored(n.Reason, _clock.GetUtcNow()));
                    break;
            }
        }
    }

    private void StartSagaChild(string sagaId, string reason)
    {
        var name = SagaChildName(sagaId);
        if (!Context.Child(name).IsNobody()) return;
        var plan = SagaPlan.Build(sagaId, _settings);
        Context.Watch(Context.ActorOf(ShutdownSagaActor.Props(plan, CurrentRuntime(), reason, _agents, _clock), name));
        _lastRuntimeSent = CurrentRuntime();
    }

    /// <summary>
    /// A saga that stops without having reported its end (a journal write failed, so Akka.Persistence stopped it)
    /// is re-created after a pause; it recovers from its journal and carries on. A finished saga reports
    /// <see cref="SagaEnded"/> first, so by the time it terminates it is no longer the active one.
    /// </summary>
    private void OnSagaStopped(Terminated t)
    {
        if (_machine.ActiveSagaId is not { } sagaId || t.ActorRef.Path.Name != SagaChildName(sagaId)) return;
        _log.Error("Group {0}: saga {1} stopped before finishing (journal failure?); restarting it in {2}s", _settings.Id, sagaId, SagaRestartDelay.TotalSeconds);
        Timers.StartSingleTimer("restart-saga", new RestartSaga(sagaId), SagaRestartDelay);
    }

    private static readonly TimeSpan SagaRestartDelay = TimeSpan.FromSeconds(3);

    private sealed record RestartSaga(string SagaId);

    private void SendRuntimeIfChanged()
    {
        if (_machine.ActiveSagaId is not { } sagaId) return;
        var runtime = CurrentRuntime();
        if (runtime is null || runtime == _lastRuntimeSent) return;
        _lastRuntimeSent = runtime;
        var saga = Context.Child(SagaChildName(sagaId));
        if (!saga.IsNobody()) saga.Tell(new RuntimeEstimated(runtime.Value, _clock.GetUtcNow()));
    }

    private TimeSpan? CurrentRuntime() => GroupRuntime.Estimate(_policy.Members.Select(m => _runtimes.GetValueOrDefault(m)), _policy.MinHealthy);

    private static string SagaChildName(string sagaId) => $"saga-{Uri.EscapeDataString(sagaId)}";

    private void LogTransition(GroupMachine before, GroupMachine after)
    {
        PublishSampleIfChanged(after);
        if (before.State == after.State) return;
        Context.System.EventStream.Publish(new GroupStateChanged(_settings.Id, before.State, after.State, after.LastCount?.ToString() ?? "n/a", _clock.GetUtcNow()));
        var level = after.State is GroupState.Healthy or GroupState.Starting ? Akka.Event.LogLevel.InfoLevel : Akka.Event.LogLevel.WarningLevel;
        _log.Log(level, $"Group {_settings.Id}: {Upper(before.State)} -> {Upper(after.State)} (quorum: {after.LastCount?.ToString() ?? "n/a"})");
    }

    /// <summary>The group's series for the history and live views: published when state, count or runtime changes.</summary>
    private void PublishSampleIfChanged(GroupMachine m)
    {
        var count = m.LastCount;
        var runtime = CurrentRuntime()?.TotalSeconds;
        var sample = new GroupSampled(_settings.Id, m.State, count?.Healthy ?? 0, _policy.MinHealthy, _policy.Members.Count, runtime, _clock.GetUtcNow());
        if (_lastSample is { } last && last with { At = sample.At } == sample) return;
        _lastSample = sample;
        Context.System.EventStream.Publish(sample);
    }

    private static string Upper(GroupState s) => s.ToString().ToUpperInvariant();
    private static string Lower(CountsAs c) => c.ToString().ToLowerInvariant();

    private string Describe(GroupEvent e) => e switch
    {
        EpisodeStarted x => $"episode {x.Episode} started, saga {x.SagaId}: {x.Reason}",
        EpisodeSagaEnded x => $"saga {x.SagaId} ended {x.Outcome}: {x.Reason}",
        GroupRearmed x => $"re-armed: {x.Reason}",
        MaintenanceStarted x => $"device {x.DeviceId} in MAINTENANCE until {MaintenanceRules.Stamp(x.Until)} (by {x.By}: {x.Reason}); " +
                                $"left out of the quorum: {_machine.LastCount?.ToString() ?? "n/a"}",
        MaintenanceEnded x => $"device {x.DeviceId} maintenance {(x.Cause == MaintenanceEndCause.Expired ? "expired" : $"ended by {x.By}")} ({x.Reason}); " +
                              "it counts in the quorum again",
        _ => e.ToString(),
    };

    private GroupStatus Status() => new(_settings.Id, _machine.State, _machine.Episode, _machine.ActiveSagaId, _machine.LastCount, CurrentRuntime())
    {
        Maintenance = _machine.Maintenance.Values.OrderBy(w => w.DeviceId, StringComparer.Ordinal).ToList(),
    };
}
