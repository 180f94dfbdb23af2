using Supervisor.Domain.Events;

using static Supervisor.Actors.Tests.Notifications.NotifierTestSupport;

namespace Supervisor.Actors.Tests.Notifications;

/// <summary>
/// A device's CRITICAL across a fail-over, through the real planner and a real SQLite journal: the device actor restarts
/// on the new owner, starts UNKNOWN and finds the UPS still critical (a new fact with a new id), which is no news.
/// </summary>
public class NotifierDeviceHealthTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private IActorRef Notifier(string name, RecordingChannel hook) => Sys.ActorOf(TellingEverything(hook), name);

    private static DeviceHealthChanged Health(DeviceHealth from, DeviceHealth to, int second) =>
        new("ups-a", from, to, "test", null, T0.AddSeconds(second));

    [Fact]
    public async Task A_device_still_critical_after_a_fail_over_should_not_be_told_again_but_a_new_critical_should()
    {
        var hook = new RecordingChannel("hook");
        var first = Notifier("notifier-1", hook);
        await OutboxAsync(first);
        var critical = Health(DeviceHealth.Healthy, DeviceHealth.Critical, 1);
        Sys.EventStream.Publish(Health(DeviceHealth.Unknown, DeviceHealth.Healthy, 0));
        Sys.EventStream.Publish(critical);
        await AwaitAssertAsync(() => Assert.Equal([critical.Id], hook.Received), TimeSpan.FromSeconds(10));
        await AwaitAssertAsync(async () => Assert.Empty((await OutboxAsync(first)).Channels), TimeSpan.FromSeconds(5));
        await StopAsync(first);

        // The new owner: its notifier replays the journal, its device actor starts UNKNOWN and sees the UPS critical.
        var second = Notifier("notifier-2", hook);
        await OutboxAsync(second);
        Sys.EventStream.Publish(Health(DeviceHealth.Unknown, DeviceHealth.Critical, 30));
        await Task.Delay(1000);
        Assert.Equal([critical.Id], hook.Received);

        // A real change is told: the UPS recovers (told to no one), then turns critical again.
        Sys.EventStream.Publish(Health(DeviceHealth.Critical, DeviceHealth.Healthy, 40));
        var again = Health(DeviceHealth.Healthy, DeviceHealth.Critical, 50);
        Sys.EventStream.Publish(again);
        await AwaitAssertAsync(() => Assert.Equal([critical.Id, again.Id], hook.Received), TimeSpan.FromSeconds(10));
    }
}
