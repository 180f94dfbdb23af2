using Supervisor.Actors.Alerts;
using Supervisor.Actors.Notifications;
using Supervisor.Actors.Tests.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;
using Supervisor.Notifications.Channels;

namespace Supervisor.Actors.Tests.Alerts;

/// <summary>
/// A device's load crossing a rule's threshold, end to end with real actors: the sample on the event stream, the node's
/// feed, the evaluator (pending, then firing from its clock once <c>for</c> elapsed), the notifier with the real planner
/// and the real command channel running a program that records the notification's environment.
/// </summary>
public sealed class AlertsEndToEndTests(ITestOutputHelper output) : PersistentTestKit(output), IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("supervisor-alerts-").FullName;

    void IDisposable.Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Dispose();
    }

    private static DeviceSampled Sample(double load) =>
        new("ups-a", "nut", new Reading("ups-a", DateTimeOffset.UtcNow, true, false, false, false, 100, 2460, load, 230, 150, "OL"),
            DeviceHealth.Healthy, "test", null, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Load_crossing_the_threshold_for_its_for_should_reach_the_rule_channel_once_as_firing()
    {
        var file = Path.Combine(_dir, "alert.env");
        var cmd = new CommandChannel(new CommandChannelSettings("cmd", TimeSpan.FromSeconds(10), MessageTemplates.None,
            ["/bin/sh", "-c", "env | grep ^SUPERVISOR_ >> \"$0\"; echo --- >> \"$0\"", file]));
        var other = new Notifications.RecordingChannel("other");
        var plan = new NotificationPlan(["cmd", "other"], new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), TimeSpan.Zero);
        var notifier = Sys.ActorOf(NotifierActor.Props(new Dictionary<string, INotificationChannel> { ["cmd"] = cmd, ["other"] = other },
            new NotificationPlanner(plan), new OutboxRetryPolicy(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)),
            TimeSpan.FromSeconds(15)), "notifier");
        await NotifierTestSupport.OutboxAsync(notifier);
        AlertRule rule = new("load-high", "ups-*", "load", ComparisonOp.Greater, 80, TimeSpan.FromSeconds(1), 5, TimeSpan.FromMinutes(5),
            TimeSpan.FromMinutes(5), null, null, EventSeverity.Critical, ["cmd"]);
        var alerts = Sys.ActorOf(AlertsActor.Props([rule], TimeSpan.FromMilliseconds(200)), "alerts");
        await alerts.Ask<AlertsListView>(AlertsListRequest.Instance, TimeSpan.FromSeconds(15));
        Sys.ActorOf(AlertFeedActor.Props([rule], alerts), AlertFeedActor.Name);
        await Task.Delay(200); // the feed subscribes in PreStart

        Sys.EventStream.Publish(Sample(50));
        Sys.EventStream.Publish(Sample(90));
        await AwaitAssertAsync(async () => Assert.Equal(AlertStatus.Pending, Assert.Single((await alerts.Ask<AlertsListView>(AlertsListRequest.Instance, TimeSpan.FromSeconds(15))).Alerts).Status),
            TimeSpan.FromSeconds(15));
        Assert.False(File.Exists(file), "fired before `for` elapsed");

        await AwaitAssertAsync(() => Assert.True(File.Exists(file) && File.ReadAllText(file).Contains("---")), TimeSpan.FromSeconds(15));
        Sys.EventStream.Publish(Sample(92)); // still firing: no second message
        await Task.Delay(1000);
        var env = File.ReadAllLines(file).TakeWhile(l => l != "---").Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Single(File.ReadAllLines(file), "---");
        Assert.Equal("alert.firing", env["SUPERVISOR_KIND"]);
        Assert.Equal("critical", env["SUPERVISOR_SEVERITY"]);
        Assert.Equal("Alert load-high on ups-a FIRING: load 90 > 80", env["SUPERVISOR_MESSAGE"]);
        Assert.Equal("load-high", env["SUPERVISOR_FIELD_RULE"]);
        Assert.Empty(other.Received); // the rule names only cmd
    }
}
