using System.Collections.Concurrent;
using Akka.Actor;
using Supervisor.Actors.Alerts;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;
using Supervisor.History.Tests.Writer;
using Xunit.Abstractions;

namespace Supervisor.History.Tests.Alerts;

/// <summary>
/// A silence mutes the channels, not the event log: the real evaluator, the real notifier and the real history writer
/// on a SQLite store. The silenced alert's FIRING and RESOLVED are stored, marked silenced; the channel gets nothing
/// until the silence is lifted.
/// </summary>
public sealed class SilencedAlertHistoryTests(ITestOutputHelper output) : WriterTestKit(output), IDisposable
{
    private readonly TempDir _dir = new();

    /// <summary>A channel that counts what it is given, by kind.</summary>
    private sealed class CountingChannel(string id) : INotificationChannel
    {
        public string Id => id;
        public ConcurrentQueue<string> Kinds { get; } = new();

        public Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            Kinds.Enqueue(notification.Kind);
            return Task.FromResult<DeliveryOutcome>(new DeliveryOutcome.Delivered());
        }
    }

    private static readonly AlertRule LoadHigh = new("load-high", "ups-*", "load", ComparisonOp.Greater, 80, TimeSpan.Zero, 5, TimeSpan.Zero,
        TimeSpan.FromMinutes(5), null, null, EventSeverity.Critical, []);

    private static Task<long> StoredAsync(IHistoryBackend backend, string kind, string where = "1 = 1") =>
        StoreProbe.CountAsync(backend, "events", $"kind = '{kind}' AND subject_id = 'ups-a' AND {where}");

    [Fact]
    public async Task Silenced_alert_should_be_stored_firing_and_resolved_marked_silenced_and_reach_no_channel()
    {
        var backend = new SqliteHistoryBackend(_dir.Path);
        await StartWriterAsync(backend, Settings(queue: 100, batch: 10));
        var hook = new CountingChannel("hook");
        var notifier = Sys.ActorOf(NotifierActor.Props(new Dictionary<string, INotificationChannel> { ["hook"] = hook },
            new NotificationPlanner(new NotificationPlan(["hook"], new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), TimeSpan.Zero)),
            new OutboxRetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400), TimeSpan.FromMinutes(5)), TimeSpan.FromSeconds(2)));
        await notifier.Ask<OutboxStatus>(GetOutboxStatus.Instance, TimeSpan.FromSeconds(15));
        var alerts = Sys.ActorOf(AlertsActor.Props([LoadHigh], TimeSpan.FromMilliseconds(200)));
        var silence = await alerts.Ask<CommandResult>(new AlertSilenceRequest("ups-a", TimeSpan.FromHours(1), "alice"), TimeSpan.FromSeconds(15));
        Assert.True(silence.Ok, silence.Message);

        var t = DateTimeOffset.UtcNow;
        alerts.Tell(new AlertObserved(LoadHigh.Id, SubjectKind.Device, "ups-a", 90, t));
        alerts.Tell(new AlertObserved(LoadHigh.Id, SubjectKind.Device, "ups-a", 60, t.AddSeconds(1)));
        const string marked = "details LIKE '%\"silence\":{%\"by\":\"alice\"%' AND message LIKE '%(silenced until % by alice: not sent)'";
        await AwaitAssertAsync(async () =>
        {
            Assert.Equal(1, await StoredAsync(backend, "alert.firing", marked));
            Assert.Equal(1, await StoredAsync(backend, "alert.resolved", marked));
        }, TimeSpan.FromSeconds(15));
        await Task.Delay(500); // a notification would have been sent by now (the outbox sends at once)
        Assert.Empty(hook.Kinds);

        // The same path tells the channel once the silence is lifted: the silence, not a broken pipe, kept it quiet.
        var lifted = await alerts.Ask<CommandResult>(new AlertUnsilenceRequest("ups-a", "bob"), TimeSpan.FromSeconds(15));
        Assert.True(lifted.Ok, lifted.Message);
        alerts.Tell(new AlertObserved(LoadHigh.Id, SubjectKind.Device, "ups-a", 95, t.AddSeconds(2)));
        await AwaitAssertAsync(() => Assert.Equal(["alert.firing"], hook.Kinds), TimeSpan.FromSeconds(15));
        await AwaitAssertAsync(async () => Assert.Equal(1, await StoredAsync(backend, "alert.firing", "details NOT LIKE '%\"silence\":{%'")),
            TimeSpan.FromSeconds(15));
    }

    public new void Dispose()
    {
        base.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
