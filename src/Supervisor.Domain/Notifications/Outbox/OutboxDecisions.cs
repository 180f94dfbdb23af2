namespace Supervisor.Domain.Notifications.Outbox;

/// <summary>What <see cref="OutboxRules.DecideEnqueue"/> decided about an offered notification.</summary>
public abstract record EnqueueDecision
{
    private EnqueueDecision() { }

    /// <summary>Journal this, then send.</summary>
    public sealed record Queue(NotificationQueued Event) : EnqueueDecision;

    /// <summary>Not queued, and why (for the debug log): a known id, a repeated condition, or no channel takes it.</summary>
    public sealed record Skip(string Reason) : EnqueueDecision;
}

/// <summary>A delivery that is due now: send <paramref name="Notification"/> on <paramref name="Channel"/>, as attempt <paramref name="Attempt"/>.</summary>
public sealed record DueDelivery(string Channel, Notification Notification, int Attempt);

/// <summary>How the outbox retries: <see cref="RetryBackoff"/> from <paramref name="FirstRetry"/> doubling to <paramref name="MaxRetry"/>
/// (no jitter: there is one notifier, and a person reading the log can predict the next try); a receiver's
/// <c>Retry-After</c> wins when it asks for longer. A delivery still failing <paramref name="GiveUpAfter"/> after it was
/// queued is abandoned, so one dead channel cannot hold the rest of its queue for ever.</summary>
public sealed record OutboxRetryPolicy(TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan GiveUpAfter)
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan Backoff(int attempt, TimeSpan? retryAfter) => RetryBackoff.Next(attempt, FirstRetry, MaxRetry, jitter: 1, retryAfter);
}
