using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Supervisor.Actors.Inspection;
using Supervisor.Domain;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Alerts;

/// <summary>
/// Evaluates the alert rules (issue 12): feeds each (rule, subject) <see cref="AlertRuleMachine"/> with the values the
/// nodes' <see cref="AlertFeedActor"/>s send and with its own clock, journals every change that must survive a
/// fail-over (<see cref="AlertEvaluation.Matters"/>), and publishes each firing / reminder / resolved / NO-DATA as an
/// <see cref="AlertRaised"/> on the event stream once it is journaled, where the notifier (its planner applies mute,
/// quiet hours and channels), the history and the fact bridge take it. A silenced notice is published too, marked, so
/// the event log is complete; no channel tells it. Acks and silences are journaled too. Runs once per cluster (a
/// singleton on the supervisor role): the new owner replays the journal, so an alert that was firing stays firing and
/// does not fire again; and it publishes the recent notices again (<see cref="AlertEvaluation.NoticesToRepublish"/>),
/// since the old owner may have died between journaling one and publishing it. Their ids are stable, so the outbox and
/// the history keep each once: people are told exactly once. A notifier that starts after this recovery asks for the
/// same notices (<see cref="Notifications.FactReplayRequested"/>) and gets them directly.
/// </summary>
public sealed partial class AlertsActor : ReceivePersistentActor, IWithTimers
{
    public const string PersistenceIdValue = "alerts";

    private readonly IReadOnlyDictionary<string, AlertRule> _rules;
    private readonly TimeSpan _tick;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private AlertBook _book = AlertBook.Empty;

    public ITimerScheduler Timers { get; set; } = null!;
    public override string PersistenceId => PersistenceIdValue;

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    public AlertsActor(IReadOnlyList<AlertRule> rules, TimeSpan tick, TimeProvider clock)
    {
        _rules = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        _tick = tick;
        _clock = clock;
        Recover<IPersistedEvent>(e => _book = _book.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());
        Command<AlertObserved>(OnObserved);
        Command<Tick>(_ => OnTick());
        Command<AlertsListRequest>(_ => Sender.Tell(List()));
        Command<AlertAckRequest>(OnAck);
        Command<AlertSilenceRequest>(OnSilence);
        Command<AlertUnsilenceRequest>(OnUnsilence);
        Command<Notifications.FactReplayRequested>(_ => Replay(Sender));
    }

    public static Props Props(IReadOnlyList<AlertRule> rules, TimeSpan tick, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new AlertsActor(rules, tick, clock ?? TimeProvider.System));

    private void OnRecovered()
    {
        var now = _clock.GetUtcNow();
        _book = AlertEvaluation.AfterRecovery(_book, now);
        var firing = _book.Entries.Values.Count(e => e.State.Status == AlertStatus.Firing);
        _log.Info("Alerts: {0} rule(s) [{1}]; {2} alert(s) known from before, {3} firing", _rules.Count, string.Join(", ", _rules.Keys), _book.Entries.Count, firing);
        var again = AlertEvaluation.NoticesToRepublish(_book, now);
        if (again.Count > 0)
            _log.Info("Alerts: publishing {0} recent notice(s) again, in case the last owner died before they went out (each is told once): {1}",
                again.Count, string.Join(", ", again.Select(n => n.Id)));
        foreach (var notice in again) Context.System.EventStream.Publish(notice);
        Timers.StartPeriodicTimer("tick", Tick.Instance, _tick);
    }

    /// <summary>A notifier that subscribed after this evaluator recovered asks for the recent notices: they went to no one.</summary>
    private void Replay(IActorRef notifier)
    {
        var again = AlertEvaluation.NoticesToRepublish(_book, _clock.GetUtcNow());
        if (again.Count > 0) _log.Info("Alerts: a notifier started: telling it {0} recent notice(s) again (each is told once)", again.Count);
        foreach (var notice in again) notifier.Tell(notice);
    }

    private void OnObserved(AlertObserved o)
    {
        if (_rules.TryGetValue(o.RuleId, out var rule)) Step(rule, o.Kind, o.SubjectId, new AlertValueObserved(o.Value, o.At));
    }

    private void OnTick()
    {
        var now = _clock.GetUtcNow();
        foreach (var entry in _book.Entries.Values.ToList())
            if (_rules.TryGetValue(entry.State.RuleId, out var rule)) Step(rule, entry.Kind, entry.State.SubjectId, new AlertClockTicked(now));
    }

    /// <summary>Runs one input; journals what matters and publishes the notice only once it is journaled.</summary>
    private void Step(AlertRule rule, SubjectKind kind, string subject, AlertInput input)
    {
        var outcome = AlertEvaluation.Step(_book, rule, kind, subject, input, _clock.GetUtcNow());
        if (outcome.Record is not { } record)
        {
            _book = _book.Put(kind, outcome.Next, _book.Find(outcome.Next)?.LastNotice);
            return;
        }
        Persist(record, e =>
        {
            _book = _book.Apply(e);
            if (e.Notice is not { } notice) return;
            _log.Info("Alerts: {0}", notice.Message); // a silenced one says so, and who silenced it until when
            Context.System.EventStream.Publish(notice);
        });
    }

    private AlertsListView List()
    {
        var now = _clock.GetUtcNow();
        var rows = _book.Entries.Values.Where(e => _rules.ContainsKey(e.State.RuleId)).Select(e => new AlertRow(e.State.RuleId, e.State.SubjectId,
            e.State.Status, e.State.FiringSince ?? e.State.PendingSince, e.State.LastValue, e.State.AckedBy,
            _book.SilenceFor(e.State.RuleId, e.State.SubjectId, now)?.Until)).ToList();
        return new AlertsListView(rows, _book.ActiveSilences(now).ToList());
    }
}
