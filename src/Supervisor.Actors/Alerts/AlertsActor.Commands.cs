using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Alerts;

namespace Supervisor.Actors.Alerts;

/// <summary>The CLI's verbs: ack, silence, unsilence. Each is journaled before it is answered.</summary>
public sealed partial class AlertsActor
{
    private void OnAck(AlertAckRequest r)
    {
        if (!_book.Entries.TryGetValue(r.Alert, out var entry) || !_rules.TryGetValue(entry.State.RuleId, out var rule))
        {
            Sender.Tell(new CommandResult(false, $"no alert \"{r.Alert}\"; write <rule>/<subject> as `supervisor alerts list` shows it" +
                                                 (_book.Entries.Count == 0 ? "" : $" ({string.Join(", ", _book.Entries.Keys.Take(10))})")));
            return;
        }
        if (entry.State.Status != AlertStatus.Firing)
        {
            Sender.Tell(new CommandResult(false, $"{r.Alert} is {entry.State.Status.ToString().ToUpperInvariant()}; only a firing alert can be acknowledged"));
            return;
        }
        if (entry.State.AckedBy is { } by)
        {
            Sender.Tell(new CommandResult(true, $"{r.Alert} was acknowledged already by {by}"));
            return;
        }
        var now = _clock.GetUtcNow();
        // The machine ignores inputs older than its last value; a device clock a little ahead must not lose the ack.
        var at = now < entry.State.LastValueAt ? entry.State.LastValueAt : now;
        var outcome = AlertEvaluation.Step(_book, rule, entry.Kind, entry.State.SubjectId, new AlertAcknowledged(r.By, at), now);
        var replyTo = Sender;
        Persist(outcome.Record!, e =>
        {
            _book = _book.Apply(e);
            _log.Info("Alerts: {0} acknowledged by {1}: no reminders until it resolves", r.Alert, r.By);
            replyTo.Tell(new CommandResult(true, $"{r.Alert} acknowledged by {r.By}: no reminders until it resolves"));
        });
    }

    private void OnSilence(AlertSilenceRequest r)
    {
        if (r.For <= TimeSpan.Zero)
        {
            Sender.Tell(new CommandResult(false, "a silence needs a positive duration; write e.g. --for 2h"));
            return;
        }
        if (!Targets(r.Target))
        {
            Sender.Tell(new CommandResult(false, $"\"{r.Target}\" is neither a rule nor a subject of one; rules: {string.Join(", ", _rules.Keys)}; " +
                                                 $"subjects: {string.Join(", ", _rules.Values.Select(x => x.Subject).Distinct())}"));
            return;
        }
        var until = _clock.GetUtcNow() + r.For;
        var replyTo = Sender;
        Persist(new AlertSilenceSet(r.Target, until, r.By, _clock.GetUtcNow()), e =>
        {
            _book = _book.Apply(e);
            _log.Info("Alerts: {0} silenced until {1:yyyy-MM-dd HH:mm} UTC by {2}", r.Target, until, r.By);
            replyTo.Tell(new CommandResult(true, $"{r.Target} silenced until {until:yyyy-MM-dd HH:mm} UTC: no channel tells its alerts, `supervisor events` still lists them (alert rules only: power events are never silenced)"));
        });
    }

    private void OnUnsilence(AlertUnsilenceRequest r)
    {
        if (!_book.Silences.ContainsKey(r.Target))
        {
            var active = _book.ActiveSilences(_clock.GetUtcNow()).Select(s => s.Target).ToList();
            Sender.Tell(new CommandResult(false, $"\"{r.Target}\" is not silenced; silenced: {(active.Count == 0 ? "(nothing)" : string.Join(", ", active))}"));
            return;
        }
        var replyTo = Sender;
        Persist(new AlertSilenceLifted(r.Target, r.By, _clock.GetUtcNow()), e =>
        {
            _book = _book.Apply(e);
            _log.Info("Alerts: silence of {0} lifted by {1}", r.Target, r.By);
            replyTo.Tell(new CommandResult(true, $"{r.Target} is no longer silenced"));
        });
    }

    /// <summary>A rule id, a subject some rule's glob covers, or a glob over known subjects.</summary>
    private bool Targets(string target) =>
        _rules.ContainsKey(target) || _rules.Values.Any(rule => rule.Covers(target) || string.Equals(rule.Subject, target, StringComparison.OrdinalIgnoreCase))
        || _book.Entries.Values.Any(e => AlertText.GlobMatches(target, e.State.SubjectId));
}
