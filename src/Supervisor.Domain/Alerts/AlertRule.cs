using Cronos;
using Supervisor.Domain.Events;
using Supervisor.Domain.History;

namespace Supervisor.Domain.Alerts;

/// <summary>How a rule compares a metric with its threshold (<c>op</c>: <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>).</summary>
public enum ComparisonOp { Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// When a rule evaluates: the minutes a cron expression matches, in a time zone. <c>"* 8-17 * * MON-FRI"</c> is
/// office hours; outside them the rule neither fires nor reminds (a pending breach starts over).
/// </summary>
public sealed record AlertSchedule(CronExpression Cron, TimeZoneInfo Zone)
{
    /// <summary>Parses a 5-field cron; null and the reason when it is not one (the reader names the HOCON path).</summary>
    public static (AlertSchedule? Schedule, string? Error) Parse(string cron, TimeZoneInfo zone)
    {
        try { return (new AlertSchedule(CronExpression.Parse(cron), zone), null); }
        catch (CronFormatException e) { return (null, $"\"{cron}\" is not a cron expression ({e.Message}); write e.g. \"* 8-17 * * MON-FRI\""); }
    }

    /// <summary>True when the minute holding <paramref name="at"/> is one the expression matches.</summary>
    public bool Contains(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var minute = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
        return Cron.GetNextOccurrence(minute, Zone, inclusive: true) == minute;
    }
}

/// <summary>
/// One <c>supervisor.alerts.rules.&lt;id&gt;</c>: fire when <see cref="Metric"/> of <see cref="Subject"/> has been
/// past <see cref="Threshold"/> for <see cref="For"/>; resolve once it is back by <see cref="ClearMargin"/>.
/// </summary>
/// <param name="Subject">A device or group id, or a glob of them (<c>ups-*</c>).</param>
/// <param name="Metric">A stored metric name (<see cref="HistoryMetrics"/>): <c>charge</c>, <c>load</c>, <c>input-voltage</c>, …</param>
/// <param name="ClearMargin">Hysteresis, in the metric's unit: <c>load &gt; 80</c> with margin 5 resolves at 75 or less.</param>
/// <param name="Cooldown">No two FIRING notifications (first or reminder) for one subject within this.</param>
/// <param name="NoDataAfter">NO-DATA when no value came for this long.</param>
/// <param name="RepeatEvery">Remind while FIRING and not acknowledged, at most this often (and never inside the cooldown); null: no reminders.</param>
/// <param name="Channels">Channel ids to notify; empty means the default route.</param>
public sealed record AlertRule(
    string Id,
    string Subject,
    string Metric,
    ComparisonOp Op,
    double Threshold,
    TimeSpan For,
    double ClearMargin,
    TimeSpan Cooldown,
    TimeSpan NoDataAfter,
    TimeSpan? RepeatEvery,
    AlertSchedule? Schedule,
    EventSeverity Severity,
    IReadOnlyList<string> Channels)
{
    /// <summary>The value breaches the threshold.</summary>
    public bool Breaches(double value) => Op switch
    {
        ComparisonOp.Less => value < Threshold,
        ComparisonOp.LessOrEqual => value <= Threshold,
        ComparisonOp.Greater => value > Threshold,
        _ => value >= Threshold,
    };

    /// <summary>The value is back past the threshold by the clear margin (the breach test with the value pushed toward it).</summary>
    public bool Clears(double value) => !Breaches(Op is ComparisonOp.Greater or ComparisonOp.GreaterOrEqual ? value + ClearMargin : value - ClearMargin);

    /// <summary>The rule is about this device or group id.</summary>
    public bool Covers(string subjectId) => AlertText.GlobMatches(Subject, subjectId);

    /// <summary>The op as written in config.</summary>
    public string OpText => Op switch { ComparisonOp.Less => "<", ComparisonOp.LessOrEqual => "<=", ComparisonOp.Greater => ">", _ => ">=" };

    /// <summary>
    /// The rule's metric in a fact about a subject it covers: (subject, value), or null. Reads the same metrics the
    /// history stores (<see cref="SampleMetrics"/>), so a rule can name anything a chart can show.
    /// </summary>
    public AlertValue? ValueIn(IFleetFact fact)
    {
        foreach (var m in SampleMetrics.From(fact))
            if (m.Series.Metric == Metric && Covers(m.Series.SubjectId))
                return new(m.Series.Kind == SeriesSubjectKind.Group ? SubjectKind.Group : SubjectKind.Device, m.Series.SubjectId, m.Value,
                    DateTimeOffset.FromUnixTimeMilliseconds(m.TimeMs));
        return null;
    }
}

/// <summary>One value of a rule's metric for one subject, as <see cref="AlertRule.ValueIn"/> found it in a fact.</summary>
public sealed record AlertValue(SubjectKind Kind, string Subject, double Value, DateTimeOffset At);
