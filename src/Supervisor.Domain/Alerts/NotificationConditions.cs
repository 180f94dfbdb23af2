using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Domain.Alerts;

/// <summary>
/// The conditions a notification reports, so the outbox can tell news from a repeat. Power events carry a time-based id:
/// after a fail-over the new owner's first sample of a device still on battery raises ONBATT again with a new id, and
/// a restarted group re-announces QUORUMLOST. Both find their condition already reported and are not sent twice.
/// Only kinds with a clearing counterpart get one (ONBATT / ONLINE, COMMBAD / NOCOMM / COMMOK, OVERLOAD / NOTOVER, …);
/// a kind nothing clears (REPLBATT) would otherwise be muted for ever after its first time. A device's health is its own
/// counterpart: every health change reports <c>device:&lt;id&gt;:health</c>, told or not (only CRITICAL is told), so a device
/// actor restarted on the new owner that goes UNKNOWN -> CRITICAL again is a repeat, and CRITICAL after HEALTHY is news. Notifications
/// with stable ids (saga steps, fail-safe runs, blips) need none: the id alone keeps them once.
/// </summary>
public static class NotificationConditions
{
    /// <summary>The kind of <see cref="DeviceHealthChanged"/> (its notification keeps the fact's kind).</summary>
    private const string DeviceHealthKind = "device.health-changed";

    private const string FleetCondition = "fleet:fingerprints";

    public static IReadOnlyList<NotificationCondition> For(Notification n)
    {
        var id = n.Subject.Id;
        NotificationCondition Device(string what, string value) => new($"device:{id}:{what}", value);
        return n.Kind switch
        {
            "ONBATT" => [Device("power", "ONBATT")],
            "ONLINE" => [Device("power", "ONLINE"), Device("low-battery", "off"), Device("fsd", "off")],
            "LOWBATT" => [Device("low-battery", "on")],
            "FSD" => [Device("fsd", "on")],
            "COMMBAD" or "NOCOMM" => [Device("comm", n.Kind)],
            "COMMOK" => [Device("comm", "OK")],
            "OVERLOAD" => [Device("overload", "on")],
            "NOTOVER" => [Device("overload", "off")],
            "BOOST" => [Device("boost", "on")],
            "NOTBOOST" => [Device("boost", "off")],
            "TRIM" => [Device("trim", "on")],
            "NOTTRIM" => [Device("trim", "off")],
            "VOLTAGE-LOW" or "VOLTAGE-HIGH" or "VOLTAGE-NORMAL" => [Device("voltage", n.Kind)],
            DeviceHealthKind when n.Fields.TryGetValue("to", out var to) => [Device("health", to)],
            NotificationKinds.QuorumLost => [new($"group:{id}:quorum", "lost")],
            NotificationKinds.QuorumRestored => [new($"group:{id}:quorum", "held")],
            // A fleet mismatch told once per set of fingerprints, whichever node reports it (the reporter can change).
            FleetMismatchChanged.MismatchKind when n.Fields.TryGetValue("fingerprints", out var prints) => [new(FleetCondition, prints)],
            FleetMismatchChanged.ResolvedKind => [new(FleetCondition, "agrees")],
            _ => [],
        };
    }
}
