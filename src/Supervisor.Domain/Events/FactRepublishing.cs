namespace Supervisor.Domain.Events;

/// <summary>
/// Which journaled facts a recovered actor publishes again. A node can die after an actor journaled a change and before
/// the fact reached the notifier's outbox and the history (the publish had not run, or the fact sat in a mailbox of the
/// dead node). The new owner cannot tell which, so it publishes the recent ones again under their stable ids: the outbox
/// queues an id once (it remembers <see cref="Notifications.Outbox.OutboxState.RememberedIds"/> of them, journaled, so also
/// across a fail-over) and the history keys its events on the id, so a fact that did arrive is not told or stored twice.
/// Pure.
/// </summary>
public static class FactRepublishing
{
    /// <summary>
    /// How old a fact may be and still be published again. A singleton or a group moves to a survivor within a minute;
    /// an hour covers that with room (a whole cluster that comes back after a longer outage does not re-tell older
    /// news), and an hour of notifications stays far below the outbox's remembered ids, so none is sent twice.
    /// </summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Whether <paramref name="fact"/> is recent enough at <paramref name="now"/> to be published again.</summary>
    public static bool IsRecent(FleetEvent fact, DateTimeOffset now) => now - fact.At <= Window;

    /// <summary>The facts to publish again at <paramref name="now"/>, oldest first (the order people would have read them).</summary>
    public static IReadOnlyList<T> Recent<T>(IEnumerable<T> facts, DateTimeOffset now) where T : FleetEvent =>
        facts.Where(f => IsRecent(f, now)).OrderBy(f => f.At).ToList();
}
