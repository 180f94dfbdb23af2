using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Alerts;

/// <summary>A value of a rule's metric, found by a node's <see cref="AlertFeedActor"/> in a local sample, for the alerts singleton.</summary>
public sealed record AlertObserved(string RuleId, SubjectKind Kind, string SubjectId, double Value, DateTimeOffset At) : IWireMessage;

/// <summary><c>supervisor alerts list</c>.</summary>
public sealed record AlertsListRequest : IWireMessage
{
    public static AlertsListRequest Instance { get; } = new();
}

/// <summary>Every (rule, subject) the evaluator knows, and the silences that run.</summary>
public sealed record AlertsListView(IReadOnlyList<AlertRow> Alerts, IReadOnlyList<AlertSilence> Silences) : IWireMessage;

/// <summary>One (rule, subject): where it stands, since when, its last value, who acknowledged it, until when it is silenced.</summary>
public sealed record AlertRow(string Rule, string Subject, AlertStatus Status, DateTimeOffset? Since, double? Value, string? AckedBy, DateTimeOffset? SilencedUntil);

/// <summary><c>supervisor alerts ack &lt;rule&gt;/&lt;subject&gt;</c>: no reminders until it resolves. Answered with a <c>CommandResult</c>.</summary>
public sealed record AlertAckRequest(string Alert, string By) : IWireMessage;

/// <summary><c>supervisor alerts silence &lt;rule|subject&gt; --for 2h</c>. Answered with a <c>CommandResult</c>.</summary>
public sealed record AlertSilenceRequest(string Target, TimeSpan For, string By) : IWireMessage;

/// <summary><c>supervisor alerts unsilence &lt;rule|subject&gt;</c>. Answered with a <c>CommandResult</c>.</summary>
public sealed record AlertUnsilenceRequest(string Target, string By) : IWireMessage;

/// <summary>ActorRegistry key of the alerts singleton's proxy (the inspector passes <c>alerts</c> questions to it).</summary>
public sealed class AlertsFront;
