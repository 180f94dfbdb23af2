using Akka.Event;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Notifications;

using static Supervisor.Actors.Tests.Notifications.NotifierTestSupport;

namespace Supervisor.Actors.Tests.Notifications;

/// <summary>The notifier over a real SQLite journal: facts in, each notification sent once per channel, in order, across restarts.</summary>
public class NotifierActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private IActorRef Notifier(string name, params RecordingChannel[] channels) => Sys.ActorOf(NotifierActor.Props(
        channels.ToDictionary(c => c.Id, c => (INotificationChannel)c), new GroupStatePlanner(channels.Select(c => c.Id).ToArray()),
        FastRetry, TimeSpan.FromSeconds(2)), name);

    private static GroupStateChanged State(GroupState from, GroupState to, int second) =>
        new("rack-a", from, to, "1 of 2 healthy, need 2", T0.AddSeconds(second));

    private void Publish(FleetEvent e) => Sys.EventStream.Publish(e);

    [Fact]
    public async Task Notifier_should_send_each_fact_once_per_channel_in_order()
    {
        var hook = new RecordingChannel("hook");
        var mail = new RecordingChannel("mail");
        var notifier = Notifier("notifier", hook, mail);
        await OutboxAsync(notifier); // recovered and subscribed
        var facts = new[] { State(GroupState.Healthy, GroupState.Degraded, 1), State(GroupState.Degraded, GroupState.QuorumLost, 2) };
        foreach (var f in facts) Publish(f);
        Publish(facts[1]); // the fact bridge or a replay may hand the same fact over twice
        await AwaitAssertAsync(() =>
        {
            Assert.Equal(facts.Select(f => f.Id), hook.Received);
            Assert.Equal(facts.Select(f => f.Id), mail.Received);
        }, TimeSpan.FromSeconds(10));
        await Task.Delay(500);
        Assert.Equal(2, hook.Received.Count);
        Assert.Empty((await OutboxAsync(notifier)).Channels);
    }

    [Fact]
    public async Task Notifier_should_not_send_again_after_a_restart_what_it_sent_before()
    {
        var hook = new RecordingChannel("hook");
        var first = Notifier("notifier-1", hook);
        await OutboxAsync(first);
        var lost = State(GroupState.Degraded, GroupState.QuorumLost, 1);
        Publish(lost);
        await AwaitAssertAsync(() => Assert.Single(hook.Received), TimeSpan.FromSeconds(10));
        await AwaitAssertAsync(async () => Assert.Empty((await OutboxAsync(first)).Channels), TimeSpan.FromSeconds(5));
        await StopAsync(first);

        var second = Notifier("notifier-2", hook);
        await OutboxAsync(second);
        Publish(lost); // a saga replay re-publishes the same fact
        Publish(lost with { At = T0.AddSeconds(30) }); // a restarted group re-announces the same state: a new id, the same latch
        await Task.Delay(1000);
        Assert.Single(hook.Received);
    }

    [Fact]
    public async Task Notifier_should_send_after_a_restart_what_was_journaled_but_not_marked_sent_under_the_same_id()
    {
        var hook = new RecordingChannel("hook") { Hang = true };
        var first = Notifier("notifier-1", hook);
        await OutboxAsync(first);
        var lost = State(GroupState.Degraded, GroupState.QuorumLost, 1);
        Publish(lost);
        await AwaitAssertAsync(() => Assert.Single(hook.Received), TimeSpan.FromSeconds(10));
        await StopAsync(first); // killed between journaling and marking sent

        var again = new RecordingChannel("hook");
        Notifier("notifier-2", again);
        await AwaitAssertAsync(() => Assert.Equal([lost.Id], again.Received), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Notifier_should_retry_a_failing_channel_with_backoff_and_keep_its_order()
    {
        var hook = new RecordingChannel("hook").Then(
            new DeliveryOutcome.RetryLater("503 from webhook channel hook"), new DeliveryOutcome.RetryLater("connection refused"));
        var notifier = Notifier("notifier", hook);
        await OutboxAsync(notifier);
        var degraded = State(GroupState.Healthy, GroupState.Degraded, 1);
        var lost = State(GroupState.Degraded, GroupState.QuorumLost, 2);
        await EventFilter.Warning(contains: "Notifier: channel hook failed: 503 from webhook channel hook").ExpectOneAsync(async () =>
        {
            Publish(degraded);
            Publish(lost);
            await AwaitAssertAsync(() => Assert.Equal([degraded.Id, degraded.Id, degraded.Id, lost.Id], hook.Received), TimeSpan.FromSeconds(10));
        });
    }

    [Fact]
    public async Task Notifier_should_log_a_permanent_failure_as_an_error_and_go_on_with_the_next()
    {
        var hook = new RecordingChannel("hook").Then(new DeliveryOutcome.Permanent("401 from webhook channel hook: check its secret"));
        var notifier = Notifier("notifier", hook);
        await OutboxAsync(notifier);
        var degraded = State(GroupState.Healthy, GroupState.Degraded, 1);
        var lost = State(GroupState.Degraded, GroupState.QuorumLost, 2);
        await EventFilter.Error(contains: "401 from webhook channel hook: check its secret").ExpectOneAsync(async () =>
        {
            Publish(degraded);
            Publish(lost);
            await AwaitAssertAsync(() => Assert.Equal([degraded.Id, lost.Id], hook.Received), TimeSpan.FromSeconds(10));
        });
    }

    [Fact]
    public async Task Notifier_should_retry_a_channel_that_does_not_answer_within_the_send_timeout()
    {
        var hook = new RecordingChannel("hook") { Hang = true };
        var notifier = Notifier("notifier", hook);
        await OutboxAsync(notifier);
        await EventFilter.Warning(contains: "did not answer within 2s").ExpectOneAsync(TimeSpan.FromSeconds(10), async () =>
        {
            Publish(State(GroupState.Healthy, GroupState.Degraded, 1));
            await AwaitAssertAsync(() => Assert.True(hook.Received.Count >= 1), TimeSpan.FromSeconds(5));
        });
        hook.Hang = false;
        await AwaitAssertAsync(async () => Assert.Empty((await OutboxAsync(notifier)).Channels), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Notify_test_should_answer_with_each_channels_outcome_through_the_real_path()
    {
        var hook = new RecordingChannel("hook");
        var mail = new RecordingChannel("mail").Then(new DeliveryOutcome.RetryLater("connection refused by smtp.example:587"));
        var notifier = Notifier("notifier", hook, mail);
        var result = await notifier.Ask<NotifyTestResult>(new NotifyTestRequest(null, "test"), TimeSpan.FromSeconds(10));
        Assert.Null(result.Error);
        Assert.Equal([("hook", true), ("mail", false)], result.Outcomes.Select(o => (o.Channel, o.Delivered)));
        Assert.Equal("connection refused by smtp.example:587; retrying in the background", result.Outcomes[1].Detail);
        Assert.Equal([result.NotificationId!], hook.Received);
        await AwaitAssertAsync(() => Assert.Equal([result.NotificationId!, result.NotificationId!], mail.Received), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Notify_test_should_name_the_configured_channels_when_asked_for_an_unknown_one()
    {
        var notifier = Notifier("notifier", new RecordingChannel("hook"), new RecordingChannel("mail"));
        var result = await notifier.Ask<NotifyTestResult>(new NotifyTestRequest("phone", "test"), TimeSpan.FromSeconds(10));
        Assert.Equal("no channel \"phone\"; configured: hook, mail", result.Error);
        var none = await Notifier("notifier-none").Ask<NotifyTestResult>(new NotifyTestRequest(null, "test"), TimeSpan.FromSeconds(10));
        Assert.StartsWith("no channel is configured (supervisor.notifications.channels)", none.Error);
    }
}
