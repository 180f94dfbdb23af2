using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Notifications.Outbox;
using Xunit.Abstractions;

namespace Supervisor.Notifications.Tests;

/// <summary>
/// Issue 12's "receiver down for 60 s": the real notifier (outbox, backoff) and the real webhook channel against a port
/// nothing listens on, until a real receiver starts there. About 70 s.
/// </summary>
public sealed class ReceiverDownTests(ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit("akka.loglevel = INFO\nakka.test.timefactor = 3", output)
{
    /// <summary>5 s doubling to 10 s: attempts at 0, 5, 15, 25, …, 55 s fail, the one at 65 s finds the receiver.</summary>
    private static readonly OutboxRetryPolicy Retry = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
    private static readonly TimeSpan Down = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_receiver_down_for_60s_should_get_the_notification_once_afterwards_with_attempts_spaced_by_the_backoff_and_each_retry_logged()
    {
        var port = Samples.ClosedPort();
        using var webhook = new WebhookChannel(new WebhookChannelSettings("hook", TimeSpan.FromSeconds(2), MessageTemplates.None,
            $"http://127.0.0.1:{port}/hook", null, new Dictionary<string, Secret>()));
        var hook = new TimedChannel(webhook);
        var log = new ConcurrentQueue<string>();
        Sys.EventStream.Subscribe(Sys.ActorOf(Props.Create(() => new LogCollector(log))), typeof(LogEvent));
        var planner = new NotificationPlanner(new NotificationPlan(["hook"],
            new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), TimeSpan.Zero));
        var notifier = Sys.ActorOf(NotifierActor.Props(new Dictionary<string, INotificationChannel> { ["hook"] = hook }, planner, Retry,
            TimeSpan.FromSeconds(5)));
        await notifier.Ask<OutboxStatus>(GetOutboxStatus.Instance, TimeSpan.FromSeconds(5)); // recovered, listening

        var lost = new GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", DateTimeOffset.UtcNow);
        var downSince = DateTimeOffset.UtcNow;
        Sys.EventStream.Publish(lost);
        await Task.Delay(Down);
        await using var receiver = await LoopbackHttpServer.StartAsync(port);
        output.WriteLine($"receiver up {(DateTimeOffset.UtcNow - downSince).TotalSeconds:0.0} s after the first attempt");
        await AwaitAssertAsync(() => Assert.Single(receiver.Received), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(200));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a second copy would arrive now
        Assert.Equal(lost.Id, Assert.Single(receiver.Received).Header("webhook-id"));
        Assert.Empty((await notifier.Ask<OutboxStatus>(GetOutboxStatus.Instance, TimeSpan.FromSeconds(5))).Channels);

        var attempts = hook.Attempts.ToList();
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        output.WriteLine("gaps between attempts (s): " + string.Join(", ", gaps.Select(g => g.ToString("0.0"))));
        var expected = Enumerable.Range(1, gaps.Count).Select(n => Retry.Backoff(n, null).TotalSeconds).ToList();
        Assert.Equal([5.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0], expected); // the policy this test is about
        Assert.Equal(expected.Count, gaps.Count);
        // Never early; late by at most the notifier's 1 s tick plus a loaded machine's slack.
        Assert.All(gaps.Zip(expected), p => Assert.InRange(p.Item1, p.Item2 - 0.1, p.Item2 + 3));

        // Each failed attempt is one line naming the channel and the next attempt (the first a warning, later ones info).
        var retries = log.Where(l => l.Contains("Notifier: channel hook failed:") || l.Contains("Notifier: channel hook still failing")).ToList();
        foreach (var l in retries) output.WriteLine(l);
        Assert.Equal(gaps.Count, retries.Count);
        Assert.Contains("[Warning]", retries[0], StringComparison.OrdinalIgnoreCase);
        for (var i = 0; i < retries.Count; i++)
        {
            Assert.Contains($"(backoff: attempt {i + 2} at ", retries[i]);
            Assert.Contains($", in {expected[i]:0}s)", retries[i]);
            Assert.Contains("webhook channel 'hook' unreachable", retries[i]); // the reason names the channel and what failed
        }
        Assert.Contains(log, l => l.Contains($"Notifier: sent {lost.Id} on hook (attempt {attempts.Count})"));
    }

    /// <summary>The real channel, with the time of each attempt kept (the receiver cannot see the refused ones).</summary>
    private sealed class TimedChannel(INotificationChannel inner) : INotificationChannel
    {
        public ConcurrentQueue<DateTimeOffset> Attempts { get; } = new();
        public string Id => inner.Id;

        public Task<DeliveryOutcome> SendAsync(Notification notification, CancellationToken cancellationToken)
        {
            Attempts.Enqueue(DateTimeOffset.UtcNow);
            return inner.SendAsync(notification, cancellationToken);
        }
    }

    private sealed class LogCollector : ReceiveActor
    {
        public LogCollector(ConcurrentQueue<string> lines) => Receive<LogEvent>(e => lines.Enqueue(e.ToString()));
    }
}
