using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Domain.Tests.Notifications;

/// <summary>Drives <see cref="OutboxRules"/> as the notifier actor does: decide, journal (here: a list), apply; restart = replay.</summary>
internal sealed class OutboxDriver
{
    public static readonly OutboxRetryPolicy Policy = new(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(24));

    public DateTimeOffset Now { get; set; } = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    public List<OutboxEvent> Journal { get; } = [];
    public OutboxState State { get; private set; } = OutboxState.Empty;
    public HashSet<string> Sending { get; } = [];

    public static Notification Note(string id, string kind = "ONBATT") => new(
        id, kind, EventSeverity.Critical, new EventSubject(SubjectKind.Device, "ups-a"), $"title {id}", $"message {id}",
        new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero), new Dictionary<string, string> { ["device"] = "ups-a" });

    public EnqueueDecision Offer(Notification n, IReadOnlyList<NotificationCondition>? conditions = null, params string[] channels)
    {
        var decision = OutboxRules.DecideEnqueue(State, n, channels.Length == 0 ? ["hook"] : channels, conditions, Now);
        if (decision is EnqueueDecision.Queue q) Persist(q.Event);
        return decision;
    }

    /// <summary>Starts every due delivery (marks its channel as sending) and returns them.</summary>
    public IReadOnlyList<DueDelivery> StartDue()
    {
        var due = OutboxRules.Due(State, Now, Sending);
        foreach (var d in due) Sending.Add(d.Channel);
        return due;
    }

    public OutboxEvent? Finish(DueDelivery d, DeliveryOutcome outcome)
    {
        Sending.Remove(d.Channel);
        var e = OutboxRules.DecideOutcome(State, d.Channel, d.Notification.Id, outcome, Policy, Now);
        if (e is not null) Persist(e);
        return e;
    }

    /// <summary>The node dies and another replays the journal: nothing is in flight any more.</summary>
    public void Restart()
    {
        Sending.Clear();
        State = OutboxRules.Replay(Journal);
    }

    private void Persist(OutboxEvent e)
    {
        Journal.Add(e);
        State = OutboxRules.Apply(State, e);
    }
}
