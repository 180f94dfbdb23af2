using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;

namespace Supervisor.Domain.Alerts;

/// <summary>A notification waiting in the <see cref="BlipQueue"/>; <see cref="ReleaseAt"/> is set only on a held ONBATT.</summary>
public sealed record HeldNotification(Notification Notification, DateTimeOffset? ReleaseAt);

/// <summary>Notifications held back, in arrival order. A record of records, so the notifier can journal it.</summary>
public sealed record BlipQueue(IReadOnlyList<HeldNotification> Held)
{
    public static BlipQueue Empty { get; } = new([]);
}

/// <summary>What one offer or clock check released (in order, to send now) and what stays held.</summary>
public sealed record BlipStep(BlipQueue Next, IReadOnlyList<Notification> Released);

/// <summary>
/// Power-blip coalescing: ONBATT then ONLINE for the same device within <c>coalesce</c> (recommended 10 s) becomes one
/// "power blip" notification instead of two. ONBATT is safety-critical, so holding it may delay it by at most
/// <c>coalesce</c> and never drop it: the caller asks <see cref="Due"/> at its timer, and a held ONBATT whose window
/// passed is released as is. While an ONBATT is held, later non-critical notifications queue behind it (order is kept);
/// a critical one (LOWBATT, quorum lost, saga started, …) releases everything held at once, then itself. Pure.
/// </summary>
public static class BlipCoalescer
{
    public static BlipStep Offer(BlipQueue q, Notification n, TimeSpan coalesce)
    {
        var held = q.Held.ToList();
        if (n.Kind == NotificationKinds.Online)
        {
            var i = held.FindIndex(h => h.ReleaseAt is not null && h.Notification.Kind == NotificationKinds.OnBattery
                                        && h.Notification.Subject == n.Subject && n.At - h.Notification.At <= coalesce);
            if (i >= 0)
            {
                held[i] = new HeldNotification(Blip(held[i].Notification, n), null);
                return Drain(held, n.At, all: false);
            }
        }
        if (n.Kind == NotificationKinds.OnBattery)
        {
            held.Add(new HeldNotification(n, n.At + coalesce));
            return Drain(held, n.At, all: false);
        }
        if (held.Count == 0) return new(q, [n]);
        if (n.Severity == EventSeverity.Critical)
        {
            var flushed = Drain(held, n.At, all: true);
            return flushed with { Released = [.. flushed.Released, n] };
        }
        held.Add(new HeldNotification(n, null));
        return Drain(held, n.At, all: false);
    }

    /// <summary>The clock at <paramref name="now"/>: releases every held ONBATT whose window passed, and what queued behind it.</summary>
    public static BlipStep Due(BlipQueue q, DateTimeOffset now) => Drain(q.Held.ToList(), now, all: false);

    /// <summary>When <see cref="Due"/> next has something to release (the caller's timer), or null when nothing is held.</summary>
    public static DateTimeOffset? NextDue(BlipQueue q) => q.Held.Select(h => h.ReleaseAt).FirstOrDefault(t => t is not null);

    /// <summary>Releases from the head while the head is not an ONBATT still inside its window (or everything, with <paramref name="all"/>).</summary>
    private static BlipStep Drain(List<HeldNotification> held, DateTimeOffset now, bool all)
    {
        var released = new List<Notification>();
        while (held.Count > 0 && (all || held[0].ReleaseAt is not { } due || due <= now))
        {
            released.Add(held[0].Notification);
            held.RemoveAt(0);
        }
        return new(new BlipQueue(held), released);
    }

    /// <summary>"ups-a power blip: 4 s on battery, charge 98 %", with the ONBATT's id (stable) and the ONLINE's numbers.</summary>
    private static Notification Blip(Notification onBattery, Notification online)
    {
        var seconds = online.Fields.TryGetValue(NotificationFields.ForSeconds, out var text)
                      && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s)
            ? s
            : (online.At - onBattery.At).TotalSeconds;
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in onBattery.Fields.Concat(online.Fields)) fields[k] = v;
        fields["kind"] = NotificationKinds.PowerBlip;
        fields["severity"] = "warning";
        fields[NotificationFields.ForSeconds] = AlertText.Number(seconds);
        var device = onBattery.Subject.Id;
        var charge = online.Fields.TryGetValue(NotificationFields.Charge, out var c) ? $", charge {c} %" : "";
        var duration = AlertText.Duration(TimeSpan.FromSeconds(seconds));
        return new Notification(onBattery.Id + ":blip", NotificationKinds.PowerBlip, EventSeverity.Warning, onBattery.Subject,
            $"{device} power blip", $"{device} power blip: {duration} on battery{charge}", online.At, fields);
    }
}
