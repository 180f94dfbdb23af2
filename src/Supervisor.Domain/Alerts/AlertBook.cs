using System.Collections.Immutable;
using Supervisor.Domain.Events;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// A (rule, subject) machine's state changed in a way that matters after a fail-over (status, since, last notice, ack).
/// Journaled by the alerts actor; a new value alone is not (it is a cache the next reading refreshes).
/// </summary>
/// <param name="Notice">What this step published, if anything (a silenced one too, marked: it was stored, not sent).</param>
public sealed record AlertStateRecorded(SubjectKind Kind, AlertState State, AlertRaised? Notice) : IPersistedEvent;

/// <summary><c>supervisor alerts silence &lt;rule|subject&gt; --for 2h</c>: no alert notification for it until <paramref name="Until"/>.</summary>
/// <param name="Target">A rule id or a subject id (or glob of them).</param>
public sealed record AlertSilenceSet(string Target, DateTimeOffset Until, string By, DateTimeOffset At) : IPersistedEvent;

/// <summary><c>supervisor alerts unsilence &lt;rule|subject&gt;</c>.</summary>
public sealed record AlertSilenceLifted(string Target, string By, DateTimeOffset At) : IPersistedEvent;

/// <summary>One silence: who set it, and until when.</summary>
public sealed record AlertSilence(string Target, DateTimeOffset Until, string By);

/// <summary>One machine with the kind of its subject (device or group), and the last notice it gave.</summary>
public sealed record AlertEntry(SubjectKind Kind, AlertState State, AlertRaised? LastNotice);

/// <summary>
/// Everything the alerts actor journals, folded: every (rule, subject) machine by <see cref="Key"/>, and the silences.
/// Pure; <see cref="Apply"/> is the only way it changes.
/// </summary>
public sealed record AlertBook(ImmutableSortedDictionary<string, AlertEntry> Entries, ImmutableSortedDictionary<string, AlertSilence> Silences)
{
    public static AlertBook Empty { get; } = new(
        ImmutableSortedDictionary.Create<string, AlertEntry>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, AlertSilence>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The id the CLI uses for one machine: <c>rule/subject</c>.</summary>
    public static string Key(string ruleId, string subjectId) => $"{ruleId}/{subjectId}";

    public AlertBook Apply(IPersistedEvent e) => e switch
    {
        AlertStateRecorded r => Put(r.Kind, r.State, r.Notice ?? Find(r.State)?.LastNotice),
        AlertSilenceSet s => this with { Silences = Silences.SetItem(s.Target, new AlertSilence(s.Target, s.Until, s.By)) },
        AlertSilenceLifted l => this with { Silences = Silences.Remove(l.Target) },
        _ => this,
    };

    /// <summary>Sets a machine's state without a journal entry (a new value that changed nothing that matters).</summary>
    public AlertBook Put(SubjectKind kind, AlertState state, AlertRaised? lastNotice) =>
        this with { Entries = Entries.SetItem(Key(state.RuleId, state.SubjectId), new AlertEntry(kind, state, lastNotice)) };

    public AlertEntry? Find(AlertState s) => Entries.GetValueOrDefault(Key(s.RuleId, s.SubjectId));

    /// <summary>The silence covering a rule or subject at <paramref name="now"/>, if any (targets are globs, like subjects).</summary>
    public AlertSilence? SilenceFor(string ruleId, string subjectId, DateTimeOffset now) =>
        Silences.Values.FirstOrDefault(s => s.Until > now && (AlertText.GlobMatches(s.Target, ruleId) || AlertText.GlobMatches(s.Target, subjectId)));

    /// <summary>Silences still running at <paramref name="now"/>.</summary>
    public IEnumerable<AlertSilence> ActiveSilences(DateTimeOffset now) => Silences.Values.Where(s => s.Until > now);
}

/// <summary>What one input to one machine means for the journal and for people.</summary>
/// <param name="Record">The journal entry, or null when nothing that survives a fail-over changed.</param>
/// <param name="Notice">The fact to publish (for the notifier and the history), or null; a silenced one carries its silence.</param>
/// <param name="SilencedBy">The silence that kept the notice from the channels, if one did.</param>
public sealed record AlertOutcome(AlertState Next, AlertStateRecorded? Record, AlertRaised? Notice, AlertSilence? SilencedBy);

/// <summary>Runs one input through <see cref="AlertRuleMachine"/> and decides what to journal and publish. Pure.</summary>
public static class AlertEvaluation
{
    public static AlertOutcome Step(AlertBook book, AlertRule rule, SubjectKind kind, string subjectId, AlertInput input, DateTimeOffset now)
    {
        var before = book.Entries.TryGetValue(AlertBook.Key(rule.Id, subjectId), out var entry) ? entry.State : AlertState.Initial(rule.Id, subjectId, input.At);
        // Group samples come only when something changes, so silence says nothing about a group: no NO-DATA for one.
        var effective = kind == SubjectKind.Group ? rule with { NoDataAfter = TimeSpan.MaxValue } : rule;
        var step = AlertRuleMachine.Decide(before, input, effective);
        // A silence mutes the channels only: the notice is still published, so the event log shows what happened.
        var silence = step.Decision == AlertDecision.Nothing ? null : book.SilenceFor(rule.Id, subjectId, now);
        var notice = AlertRaised.From(rule, kind, before, step, input.At, silence);
        var record = Matters(before, step.Next) ? new AlertStateRecorded(kind, step.Next, notice) : null;
        return new(step.Next, record, notice, silence);
    }

    /// <summary>A change that must survive a fail-over: anything but the last value and when it came.</summary>
    public static bool Matters(AlertState before, AlertState after) =>
        before with { LastValueAt = after.LastValueAt, LastValue = after.LastValue } != after;

    /// <summary>
    /// What a recovered evaluator publishes again: each machine's last notice, when it is recent
    /// (<see cref="FactRepublishing"/>). The old owner may have died after journaling it and before it reached the
    /// notifier; the outbox and the history keep its id once, so a notice that did arrive is not told again.
    /// </summary>
    public static IReadOnlyList<AlertRaised> NoticesToRepublish(AlertBook book, DateTimeOffset now) =>
        FactRepublishing.Recent(book.Entries.Values.Select(e => e.LastNotice).OfType<AlertRaised>(), now);

    /// <summary>
    /// After recovery, NO-DATA counts from the takeover: values in the gap went to no one, and a device that is fine must
    /// not be reported silent because the old owner died.
    /// </summary>
    public static AlertBook AfterRecovery(AlertBook book, DateTimeOffset now) =>
        book with
        {
            Entries = book.Entries.ToImmutableSortedDictionary(kv => kv.Key,
                kv => kv.Value with { State = kv.Value.State.LastValueAt < now ? kv.Value.State with { LastValueAt = now } : kv.Value.State },
                StringComparer.Ordinal),
        };
}
