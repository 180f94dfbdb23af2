using System.Globalization;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Alerts;

/// <summary>Turns a <see cref="FleetEvent"/> into the <see cref="Notification"/> people get, and says which events notify. Pure.</summary>
public static class NotificationFactory
{
    /// <summary>The notification for an event; its id is the event's id, so a replayed event gives the same notification.</summary>
    public static Notification Build(FleetEvent e) =>
        new(e.Id, KindOf(e), e.Severity, e.Subject, TitleOf(e), e.Message, e.At, FieldsOf(e));

    /// <summary>
    /// Whether an event notifies when no rule says otherwise: every warning and critical event, and the info events that
    /// close a story people were told (ONLINE, COMMOK, NOTOVER / NOTBOOST / NOTTRIM, VOLTAGE-NORMAL, quorum restored,
    /// alert resolved, a saga step succeeded, a device's maintenance ended or expired). Left out because another event already tells the same story: a device's health change other than
    /// to CRITICAL (ONBATT / NOCOMM tell it), a group's change other than quorum lost / restored (its members' power events
    /// and the saga's tell it), and a group's episode changes (the saga's started / completed / aborted tell them).
    /// </summary>
    public static bool NotifiesByDefault(FleetEvent e) => e switch
    {
        PowerEventRaised p => p.Severity >= EventSeverity.Warning || p.Type is PowerEventKind.Online or PowerEventKind.CommOk
            or PowerEventKind.OverloadCleared or PowerEventKind.BoostEnded or PowerEventKind.TrimEnded or PowerEventKind.VoltageNormal,
        DeviceHealthChanged d => d.To == DeviceHealth.Critical,
        GroupStateChanged g => KindOf(g) is NotificationKinds.QuorumLost or NotificationKinds.QuorumRestored,
        GroupEpisodeChanged => false,
        // Each step done, so whoever follows a shutdown sees it progress (a failed or timed-out step is critical anyway).
        SagaProgressed { Change: "step-succeeded" } => true,
        // A silence (`supervisor alerts silence`) mutes the channels only; the silenced notice is still published and stored.
        AlertRaised a => a.Silence is null,
        // Someone took a device out of the quorum, and it came back (or its time ran out): both matter to whoever is on call.
        DeviceMaintenanceChanged => true,
        // The nodes agree on the fleet again: closes the story of the mismatch people were told.
        FleetMismatchChanged => true,
        _ => e.Severity >= EventSeverity.Warning,
    };

    /// <summary>NUT names for power events, quorum lost / restored for groups, the event's own kind otherwise.</summary>
    public static string KindOf(FleetEvent e) => e switch
    {
        PowerEventRaised p => p.Name,
        GroupStateChanged { To: GroupState.QuorumLost } => NotificationKinds.QuorumLost,
        GroupStateChanged { From: GroupState.QuorumLost or GroupState.ShutdownComplete or GroupState.Aborted, To: GroupState.Healthy or GroupState.Degraded }
            => NotificationKinds.QuorumRestored,
        GroupStateChanged => NotificationKinds.GroupStateChanged,
        _ => e.Kind,
    };

    /// <summary>A short headline: "ups-a on battery", "rack-a quorum lost", "saga rack-a-1 started".</summary>
    public static string TitleOf(FleetEvent e) => e switch
    {
        PowerEventRaised p => $"{p.DeviceId} {PowerHeadline(p.Type)}",
        DeviceHealthChanged d => $"{d.DeviceId} {d.To.ToString().ToUpperInvariant()}",
        GroupStateChanged g => KindOf(g) switch
        {
            NotificationKinds.QuorumLost => $"{g.Group} quorum lost",
            NotificationKinds.QuorumRestored => $"{g.Group} quorum restored",
            _ => $"{g.Group} {g.To.ToString().ToUpperInvariant()}",
        },
        GroupEpisodeChanged g => $"{g.Group} {g.Change.Replace('-', ' ')}",
        SagaProgressed s => $"saga {s.SagaId} {s.Change.Replace('-', ' ')}" + (s.StepId is null ? "" : $": {s.StepId}"),
        AgentFailsafeFired a => $"{a.Host} fail-safe fired",
        NodeMembershipChanged n => $"node {n.Address} {n.Change}",
        ConfigWarningRaised c => $"config warning: {c.Path}",
        AlertRaised a => $"{a.RuleId} on {a.SubjectId} {a.Change}",
        DeviceMaintenanceChanged m => $"{m.Device} maintenance {m.Change}",
        FleetMismatchChanged f => f.Agrees ? "supervisor nodes run the same fleet again" : $"supervisor nodes run {f.Variants.Count} different fleets",
        _ => $"{e.Subject}: {e.Kind}",
    };

    private static string PowerHeadline(PowerEventKind kind) => kind switch
    {
        PowerEventKind.OnBattery => "on battery",
        PowerEventKind.Online => "back on line",
        PowerEventKind.LowBattery => "battery low",
        PowerEventKind.ForcedShutdown => "forced shutdown",
        PowerEventKind.CommOk => "answering again",
        PowerEventKind.CommBad => "poll failed",
        PowerEventKind.NoComm => "not answering",
        PowerEventKind.ReplaceBattery => "battery needs replacing",
        PowerEventKind.Overload => "overloaded",
        PowerEventKind.OverloadCleared => "no longer overloaded",
        PowerEventKind.Boost => "boosting input voltage",
        PowerEventKind.BoostEnded => "stopped boosting",
        PowerEventKind.Trim => "trimming input voltage",
        PowerEventKind.TrimEnded => "stopped trimming",
        PowerEventKind.VoltageLow => "input voltage low",
        PowerEventKind.VoltageHigh => "input voltage high",
        _ => "input voltage normal",
    };

    /// <summary>Flat fields for templates, webhook bodies and a command's environment; absent values are left out.</summary>
    public static IReadOnlyDictionary<string, string> FieldsOf(FleetEvent e)
    {
        var f = new SortedDictionary<string, string>(StringComparer.Ordinal);
        void Put(string name, object? value)
        {
            var text = value switch
            {
                null => null,
                double d => AlertText.Number(d),
                bool b => b ? "true" : "false",
                IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            if (!string.IsNullOrEmpty(text)) f[name] = text;
        }
        void Battery(double? charge, double? runtime, double? load)
        {
            Put(NotificationFields.Charge, charge);
            Put(NotificationFields.Runtime, runtime);
            Put(NotificationFields.Load, load);
        }

        Put("kind", KindOf(e));
        Put("severity", e.Severity.ToString().ToLowerInvariant());
        Put("subject", e.Subject.Id);
        Put(NotificationFields.Group, e.GroupId);
        switch (e)
        {
            case PowerEventRaised p:
                Put(NotificationFields.Device, p.DeviceId);
                Put(NotificationFields.OnBattery, p.OnBattery);
                Battery(p.ChargePercent, p.RuntimeSeconds, p.LoadPercent);
                Put(NotificationFields.InputVoltage, p.InputVoltage);
                Put(NotificationFields.ForSeconds, p.ForSeconds);
                Put("detail", p.Detail);
                break;
            case DeviceHealthChanged d:
                Put(NotificationFields.Device, d.DeviceId);
                Put("from", d.From.ToString().ToUpperInvariant());
                Put("to", d.To.ToString().ToUpperInvariant());
                Put("reason", d.Reason);
                Battery(d.Reading?.ChargePercent, d.Reading?.RuntimeSeconds, d.Reading?.LoadPercent);
                break;
            case GroupStateChanged g:
                Put("from", g.From.ToString().ToUpperInvariant());
                Put("to", g.To.ToString().ToUpperInvariant());
                Put("quorum", g.Quorum);
                break;
            case GroupEpisodeChanged g:
                Put("change", g.Change);
                Put("episode", g.Episode);
                Put(NotificationFields.Saga, g.SagaId);
                Put("outcome", g.Outcome);
                Put("reason", g.Reason);
                break;
            case SagaProgressed s:
                Put(NotificationFields.Saga, s.SagaId);
                Put("change", s.Change);
                Put(NotificationFields.Step, s.StepId);
                Put(NotificationFields.Host, s.Host);
                Put("action", s.Action);
                Put("attempt", s.Attempt);
                break;
            case AgentFailsafeFired a:
                Put(NotificationFields.Host, a.Host);
                Put("run", a.RunId);
                Put("reason", a.Reason);
                break;
            case NodeMembershipChanged n:
                Put("node", n.Address);
                Put("roles", string.Join(",", n.Roles));
                Put("change", n.Change);
                break;
            case ConfigWarningRaised c:
                Put("node", c.Node);
                Put("path", c.Path);
                break;
            case AlertRaised a:
                Put("rule", a.RuleId);
                Put(a.SubjectKind == SubjectKind.Group ? NotificationFields.Group : NotificationFields.Device, a.SubjectId);
                Put("metric", a.Metric);
                Put("op", a.Op);
                Put("threshold", a.Threshold);
                Put("value", a.Value);
                Put("channels", string.Join(",", a.Channels));
                break;
            case DeviceMaintenanceChanged m:
                Put(NotificationFields.Device, m.Device);
                Put("change", m.Change);
                Put("until", m.Until.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                Put("by", m.By);
                Put("reason", m.Reason);
                break;
            case FleetMismatchChanged fm:
                Put("fingerprints", fm.Fingerprints);
                Put("nodes", string.Join(",", fm.Variants.SelectMany(v => v.Nodes).Order(StringComparer.Ordinal)));
                Put("reported-by", fm.ReportedBy);
                break;
        }
        return f;
    }
}
