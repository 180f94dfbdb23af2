using System.Globalization;
using Supervisor.Domain.Events;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// An alert rule decided to tell people something (firing, reminder, resolved, no data). Built by <see cref="From"/>;
/// its id is rule + subject + time + decision, so the journaled machine replaying the same step gives the same id.
/// </summary>
/// <param name="FiringForSeconds">How long it had been firing, for a resolution.</param>
/// <param name="Channels">The rule's channels (empty: the default route).</param>
/// <param name="Silence">The silence covering it when it happened: it is published and stored all the same (the event log
/// is complete), but no channel tells it (<see cref="NotificationFactory.NotifiesByDefault"/>).</param>
public sealed record AlertRaised(
    string RuleId,
    SubjectKind SubjectKind,
    string SubjectId,
    AlertDecision Decision,
    string Metric,
    string Op,
    double Threshold,
    double? Value,
    double? FiringForSeconds,
    EventSeverity RuleSeverity,
    IReadOnlyList<string> Channels,
    DateTimeOffset At,
    AlertSilence? Silence = null) : FleetEvent(At)
{
    public override string Id =>
        $"alert-{RuleId}:{SubjectId}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{Change}";

    public override string Kind => "alert." + Change;

    /// <summary>Firing and reminders carry the rule's severity; no data is a warning; a resolution is info.</summary>
    public override EventSeverity Severity => Decision switch
    {
        AlertDecision.NotifyFiring or AlertDecision.NotifyReminder => RuleSeverity,
        AlertDecision.NotifyNoData => EventSeverity.Warning,
        _ => EventSeverity.Info,
    };

    public override EventSubject Subject => new(SubjectKind, SubjectId);
    public override string? GroupId => SubjectKind == SubjectKind.Group ? SubjectId : null;

    public override string Message => Told + (Silence is { } s ? $" (silenced until {s.Until:yyyy-MM-dd HH:mm} UTC by {s.By}: not sent)" : "");

    private string Told => Decision switch
    {
        AlertDecision.NotifyFiring => $"Alert {RuleId} on {SubjectId} FIRING: {Metric} {ValueText} {Op} {AlertText.Number(Threshold)}",
        AlertDecision.NotifyReminder => $"Alert {RuleId} on {SubjectId} still firing: {Metric} {ValueText} {Op} {AlertText.Number(Threshold)}",
        AlertDecision.NotifyResolved => $"Alert {RuleId} on {SubjectId} resolved: {Metric} {ValueText}" +
                                        (FiringForSeconds is { } f ? $" after {AlertText.Duration(TimeSpan.FromSeconds(f))} firing" : ""),
        _ => $"Alert {RuleId} on {SubjectId}: no {Metric} data",
    };

    /// <summary><c>firing</c>, <c>reminder</c>, <c>resolved</c>, <c>no-data</c>.</summary>
    public string Change => Decision switch
    {
        AlertDecision.NotifyFiring => "firing",
        AlertDecision.NotifyReminder => "reminder",
        AlertDecision.NotifyResolved => "resolved",
        _ => "no-data",
    };

    private string ValueText => Value is { } v ? AlertText.Number(v) : "?";

    /// <summary>The fact for one machine step, or null when the step decided nothing.</summary>
    /// <param name="before">The state before the step (it knows since when the alert was firing).</param>
    /// <param name="silence">The silence covering the rule or subject now, if any.</param>
    public static AlertRaised? From(AlertRule rule, SubjectKind kind, AlertState before, AlertStep step, DateTimeOffset at, AlertSilence? silence = null) =>
        step.Decision == AlertDecision.Nothing
            ? null
            : new(rule.Id, kind, before.SubjectId, step.Decision, rule.Metric, rule.OpText, rule.Threshold, step.Next.LastValue,
                step.Decision == AlertDecision.NotifyResolved && before.FiringSince is { } since ? (at - since).TotalSeconds : null,
                rule.Severity, rule.Channels, at, silence);
}
