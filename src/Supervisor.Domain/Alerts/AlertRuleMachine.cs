namespace Supervisor.Domain.Alerts;

/// <summary>
/// Where one (rule, subject) stands. <c>Normal</c>: inside the threshold. <c>Pending</c>: past it, waiting for <c>for</c>
/// (and the cooldown). <c>Firing</c>: told. <c>Resolved</c>: told it cleared (back to <c>Normal</c> on the next good value).
/// <c>NoData</c>: no value for <c>no-data-after</c>.
/// </summary>
public enum AlertStatus { Normal, Pending, Firing, Resolved, NoData }

/// <summary>What the notifier should do after one input.</summary>
public enum AlertDecision { Nothing, NotifyFiring, NotifyReminder, NotifyResolved, NotifyNoData }

/// <summary>One input to a (rule, subject) machine.</summary>
public abstract record AlertInput(DateTimeOffset At);

/// <summary>A value of the rule's metric for the subject (see <see cref="AlertRule.ValueIn"/>).</summary>
public sealed record AlertValueObserved(double Value, DateTimeOffset At) : AlertInput(At);

/// <summary>The clock moved (a timer): promotes a pending breach whose <c>for</c> elapsed, reminds, detects NO-DATA.</summary>
public sealed record AlertClockTicked(DateTimeOffset At) : AlertInput(At);

/// <summary>Someone acknowledged the alert (<c>supervisor alerts ack</c>): no reminders until it resolves.</summary>
public sealed record AlertAcknowledged(string By, DateTimeOffset At) : AlertInput(At);

/// <summary>
/// A (rule, subject)'s lifecycle, journaled as is (records and primitives only) so a fail-over neither re-fires nor
/// forgets an alert.
/// </summary>
/// <param name="LastValueAt">When the last value came (or when the machine was made): NO-DATA counts from here.</param>
/// <param name="LastFiringNotice">When the last FIRING notification (first or reminder) went out: the cooldown counts from here.</param>
/// <param name="AckedBy">Who acknowledged the current firing; cleared when it resolves.</param>
public sealed record AlertState(
    string RuleId,
    string SubjectId,
    AlertStatus Status,
    DateTimeOffset LastValueAt,
    double? LastValue,
    DateTimeOffset? PendingSince,
    DateTimeOffset? FiringSince,
    DateTimeOffset? LastFiringNotice,
    string? AckedBy)
{
    public static AlertState Initial(string ruleId, string subjectId, DateTimeOffset now) =>
        new(ruleId, subjectId, AlertStatus.Normal, now, null, null, null, null, null);
}

/// <summary>The next state after one input, and what to tell people.</summary>
public sealed record AlertStep(AlertState Next, AlertDecision Decision);

/// <summary>The alert rule lifecycle per (rule, subject), with <c>for</c>, hysteresis, cooldown, schedule, ack and NO-DATA. Pure.</summary>
public static class AlertRuleMachine
{
    /// <summary>Inputs must come in time order (the evaluator's clock); an input older than the last value is ignored.</summary>
    public static AlertStep Decide(AlertState s, AlertInput input, AlertRule rule) => input switch
    {
        _ when input.At < s.LastValueAt => new(s, AlertDecision.Nothing),
        AlertAcknowledged a when s.Status == AlertStatus.Firing && s.AckedBy is null => new(s with { AckedBy = a.By }, AlertDecision.Nothing),
        AlertValueObserved v => Observed(s with { LastValueAt = v.At, LastValue = v.Value }, v.Value, v.At, rule),
        AlertClockTicked t => Ticked(s, t.At, rule),
        _ => new(s, AlertDecision.Nothing),
    };

    private static AlertStep Observed(AlertState s, double value, DateTimeOffset at, AlertRule rule)
    {
        if (!InSchedule(rule, at))
            return new(s.Status is AlertStatus.Pending or AlertStatus.NoData ? Calm(s) : s, AlertDecision.Nothing);
        var breach = rule.Breaches(value);
        return s.Status switch
        {
            AlertStatus.Firing when rule.Clears(value) =>
                new(s with { Status = AlertStatus.Resolved, FiringSince = null, AckedBy = null }, AlertDecision.NotifyResolved),
            AlertStatus.Firing => Remind(s, at, rule),
            AlertStatus.Pending when breach => Promote(s, at, rule),
            _ when breach => Promote(s with { Status = AlertStatus.Pending, PendingSince = at }, at, rule),
            _ => new(Calm(s), AlertDecision.Nothing),
        };
    }

    private static AlertStep Ticked(AlertState s, DateTimeOffset at, AlertRule rule)
    {
        if (!InSchedule(rule, at)) return new(s, AlertDecision.Nothing);
        if (s.Status != AlertStatus.NoData && at - s.LastValueAt >= rule.NoDataAfter)
            return new(s with { Status = AlertStatus.NoData, PendingSince = null, FiringSince = null, AckedBy = null }, AlertDecision.NotifyNoData);
        return s.Status switch
        {
            AlertStatus.Pending => Promote(s, at, rule),
            AlertStatus.Firing => Remind(s, at, rule),
            _ => new(s, AlertDecision.Nothing),
        };
    }

    /// <summary>Pending → Firing once the breach has lasted <c>for</c> and the cooldown since the last FIRING notice passed.</summary>
    private static AlertStep Promote(AlertState s, DateTimeOffset at, AlertRule rule) =>
        s.PendingSince is { } since && at - since >= rule.For && CooledDown(s, at, rule)
            ? new(s with { Status = AlertStatus.Firing, PendingSince = null, FiringSince = at, LastFiringNotice = at, AckedBy = null },
                AlertDecision.NotifyFiring)
            : new(s, AlertDecision.Nothing);

    private static AlertStep Remind(AlertState s, DateTimeOffset at, AlertRule rule) =>
        rule.RepeatEvery is { } every && s.AckedBy is null && s.LastFiringNotice is { } last && at - last >= every && CooledDown(s, at, rule)
            ? new(s with { LastFiringNotice = at }, AlertDecision.NotifyReminder)
            : new(s, AlertDecision.Nothing);

    private static bool CooledDown(AlertState s, DateTimeOffset at, AlertRule rule) =>
        s.LastFiringNotice is not { } last || at - last >= rule.Cooldown;

    private static bool InSchedule(AlertRule rule, DateTimeOffset at) => rule.Schedule?.Contains(at) ?? true;

    private static AlertState Calm(AlertState s) => s with { Status = AlertStatus.Normal, PendingSince = null };
}
