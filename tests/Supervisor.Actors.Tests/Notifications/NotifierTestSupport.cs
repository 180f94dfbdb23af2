using Supervisor.Actors.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Actors.Tests.Notifications;

/// <summary>The notifier as the actor tests run it: the real planner and journal, with retries quick enough for a test.</summary>
internal static class NotifierTestSupport
{
    public static readonly OutboxRetryPolicy FastRetry = new(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMinutes(5));

    public static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    /// <summary>A notifier telling <paramref name="hook"/> every notification: nothing muted, no quiet hours, no coalescing.</summary>
    public static Props TellingEverything(RecordingChannel hook) => NotifierActor.Props(
        new Dictionary<string, INotificationChannel> { [hook.Id] = hook },
        new NotificationPlanner(new NotificationPlan([hook.Id], new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), TimeSpan.Zero)),
        FastRetry, TimeSpan.FromSeconds(2));

    /// <summary>The notifier's outbox; answered once it has recovered its journal and subscribed.</summary>
    public static Task<OutboxStatus> OutboxAsync(IActorRef notifier) => notifier.Ask<OutboxStatus>(GetOutboxStatus.Instance, TimeSpan.FromSeconds(15));
}
