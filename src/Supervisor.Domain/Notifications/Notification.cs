using Supervisor.Domain.Events;

namespace Supervisor.Domain.Notifications;

/// <summary>
/// One message to people, as the outbox journals it and every channel sends it. Built from a <see cref="FleetEvent"/>
/// (or a coalesced pair of them, or a test request) by the notifier; a channel only formats and delivers it.
/// </summary>
/// <param name="Id">Idempotency key: the same notification after a restart or a fail-over has the same id, so it is sent
/// once per channel (webhook's <c>webhook-id</c>, e-mail's Message-Id, …).</param>
/// <param name="Kind">The event's kind, NUT vocabulary for power events (<c>ONBATT</c>, <c>LOWBATT</c>, …) and dotted kinds
/// for ours (<c>group.state-changed</c>, <c>saga.completed</c>, <c>notify.test</c>).</param>
/// <param name="Title">A short headline ("ups-a on battery").</param>
/// <param name="Message">The readable body, with the numbers a person wants.</param>
/// <param name="Fields">Flat name/value pairs for templates, webhook bodies and a command's environment
/// (e.g. <c>device</c>, <c>charge</c>, <c>runtime</c>, <c>group</c>, <c>saga</c>, <c>step</c>).</param>
public sealed record Notification(
    string Id,
    string Kind,
    EventSeverity Severity,
    EventSubject Subject,
    string Title,
    string Message,
    DateTimeOffset At,
    IReadOnlyDictionary<string, string> Fields);

/// <summary>What one attempt to send a notification on one channel came to.</summary>
public abstract record DeliveryOutcome
{
    private DeliveryOutcome() { }

    /// <summary>The receiver took it (2xx, SMTP 250, command exit 0).</summary>
    public sealed record Delivered : DeliveryOutcome;

    /// <summary>Try again later: a network fault, a 5xx, a 429 (with the receiver's <c>Retry-After</c> when it gave one).</summary>
    public sealed record RetryLater(string Reason, TimeSpan? After = null) : DeliveryOutcome;

    /// <summary>Retrying cannot help (a 4xx other than 408/429, a rejected recipient, a bad token): logged with the
    /// channel and the fix, never retried.</summary>
    public sealed record Permanent(string Reason) : DeliveryOutcome;
}

/// <summary>
/// One configured channel (webhook, ntfy, SMTP, …) able to deliver a <see cref="Notification"/>. Implementations never
/// throw for a delivery fault: they classify it into a <see cref="DeliveryOutcome"/> whose reason names the channel and
/// the fix, and never include a secret.
/// </summary>
public interface INotificationChannel
{
    /// <summary>The channel's id, the key under <c>supervisor.notifications.channels</c>.</summary>
    string Id { get; }

    /// <summary>Sends one notification once (no retries here: the outbox owns retrying and backoff).</summary>
    Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken);
}
