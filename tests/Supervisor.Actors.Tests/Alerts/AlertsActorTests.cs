using Supervisor.Actors.Alerts;
using Supervisor.Actors.Tests.Notifications;
using Supervisor.Domain.Alerts;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Alerts;

/// <summary>
/// The alerts evaluator over a real SQLite journal, telling the real notifier: it fires once, and after a restart on the
/// same journal (a fail-over) it neither fires again nor forgets; acks and silences survive too.
/// </summary>
public class AlertsActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    /// <summary>load &gt; 80, fires on the first breach (for = 0s), resolves at 75, no reminders.</summary>
    private static AlertRule LoadHigh(TimeSpan? cooldown = null) => new("load-high", "ups-*", "load", ComparisonOp.Greater, 80, TimeSpan.Zero, 5,
        cooldown ?? TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), null, null, EventSeverity.Warning, []);

    private IActorRef Notifier(RecordingChannel hook) => Sys.ActorOf(NotifierTestSupport.TellingEverything(hook), "notifier");

    private IActorRef Alerts(string name, AlertRule rule) => Sys.ActorOf(AlertsActor.Props([rule], TimeSpan.FromMilliseconds(200)), name);

    private static async Task<AlertsListView> ListAsync(IActorRef alerts) => await alerts.Ask<AlertsListView>(AlertsListRequest.Instance, TimeSpan.FromSeconds(15));

    private static async Task<CommandResult> AskAsync(IActorRef alerts, object request) => await alerts.Ask<CommandResult>(request, TimeSpan.FromSeconds(15));

    private static AlertObserved Load(double value) => new("load-high", SubjectKind.Device, "ups-a", value, DateTimeOffset.UtcNow);

    [Fact]
    public async Task Alert_should_stay_firing_and_not_fire_again_when_a_new_evaluator_recovers_the_journal()
    {
        var hook = new RecordingChannel("hook");
        var notifier = Notifier(hook);
        await NotifierTestSupport.OutboxAsync(notifier);
        var first = Alerts("alerts-1", LoadHigh());
        await ListAsync(first);
        first.Tell(Load(90));
        await AwaitAssertAsync(() => Assert.Single(hook.Received), TimeSpan.FromSeconds(10));
        Assert.StartsWith("alert-load-high:ups-a@", hook.Received.Single());
        await StopAsync(first);

        var second = Alerts("alerts-2", LoadHigh());
        var row = Assert.Single((await ListAsync(second)).Alerts);
        Assert.Equal((AlertStatus.Firing, 90.0), (row.Status, row.Value!.Value));
        second.Tell(Load(91)); // a fresh machine would fire on this breach at once (for = 0s)
        await Task.Delay(1000);
        Assert.Single(hook.Received);
        Assert.Equal(91, Assert.Single((await ListAsync(second)).Alerts).Value);
    }

    /// <summary>Journals events under a persistence id and does nothing else: what a node leaves when it dies right after its write.</summary>
    private sealed class JournalLeftBehind : Akka.Persistence.ReceivePersistentActor
    {
        public override string PersistenceId { get; }

        public JournalLeftBehind(string persistenceId, object[] events)
        {
            PersistenceId = persistenceId;
            Command<string>(_ =>
            {
                var replyTo = Sender;
                PersistAll(events, _ => { });
                DeferAsync("written", done => replyTo.Tell(done));
            });
        }
    }

    private async Task LeaveJournalAsync(string persistenceId, params object[] events)
    {
        var writer = Sys.ActorOf(Akka.Actor.Props.Create(() => new JournalLeftBehind(persistenceId, events)));
        Assert.Equal("written", await writer.Ask<string>("write", TimeSpan.FromSeconds(15)));
        await StopAsync(writer);
    }

    [Fact]
    public async Task Notice_journaled_by_an_owner_that_died_before_publishing_it_should_be_told_once_by_the_next_owner_and_not_after_another_fail_over()
    {
        var rule = LoadHigh();
        var now = DateTimeOffset.UtcNow;
        var fired = AlertEvaluation.Step(AlertBook.Empty, rule, SubjectKind.Device, "ups-a", new AlertValueObserved(90, now), now);
        Assert.Equal(AlertDecision.NotifyFiring, fired.Notice!.Decision);
        await LeaveJournalAsync(AlertsActor.PersistenceIdValue, fired.Record!); // journaled, never published: the node died here

        var hook = new RecordingChannel("hook");
        var notifier = Notifier(hook);
        await NotifierTestSupport.OutboxAsync(notifier);
        var next = Alerts("alerts-next", rule);
        Assert.Equal(AlertStatus.Firing, Assert.Single((await ListAsync(next)).Alerts).Status);
        await AwaitAssertAsync(() => Assert.Equal([fired.Notice.Id], hook.Received), TimeSpan.FromSeconds(10));

        // Another fail-over, both singletons move: the evaluator publishes the notice again, and the outbox knows its id.
        await StopAsync(next);
        await StopAsync(notifier);
        var facts = CreateTestProbe();
        Sys.EventStream.Subscribe(facts.Ref, typeof(AlertRaised));
        await NotifierTestSupport.OutboxAsync(Notifier(hook));
        await ListAsync(Alerts("alerts-after", rule));
        Assert.Equal(fired.Notice.Id, (await facts.ExpectMsgAsync<AlertRaised>(TimeSpan.FromSeconds(10))).Id);
        await Task.Delay(1000); // a second delivery would start at once
        Assert.Equal([fired.Notice.Id], hook.Received);
    }

    [Fact]
    public async Task Notice_republished_before_any_notifier_subscribed_should_be_told_once_when_the_notifier_starts_and_asks_for_it()
    {
        var rule = LoadHigh();
        var now = DateTimeOffset.UtcNow;
        var fired = AlertEvaluation.Step(AlertBook.Empty, rule, SubjectKind.Device, "ups-a", new AlertValueObserved(90, now), now);
        await LeaveJournalAsync(AlertsActor.PersistenceIdValue, fired.Record!); // journaled, never published: the node died here

        // The evaluator moves first (at the path of the node's alerts proxy) and publishes the notice again: no notifier listens yet.
        var facts = CreateTestProbe();
        Sys.EventStream.Subscribe(facts.Ref, typeof(AlertRaised));
        var alerts = Sys.ActorOf(AlertsActor.Props([rule], TimeSpan.FromMilliseconds(200)), Domain.ClusterNames.Alerts.SingletonProxy);
        Assert.Equal(AlertStatus.Firing, Assert.Single((await ListAsync(alerts)).Alerts).Status);
        Assert.Equal(fired.Notice!.Id, (await facts.ExpectMsgAsync<AlertRaised>(TimeSpan.FromSeconds(10))).Id);

        var hook = new RecordingChannel("hook");
        await NotifierTestSupport.OutboxAsync(Notifier(hook));
        await AwaitAssertAsync(() => Assert.Equal([fired.Notice.Id], hook.Received), TimeSpan.FromSeconds(10));
        await Task.Delay(1000); // a second delivery would start at once
        Assert.Equal([fired.Notice.Id], hook.Received);
    }

    [Fact]
    public async Task Ack_and_silence_should_be_journaled_and_a_silence_should_keep_the_resolution_untold()
    {
        var hook = new RecordingChannel("hook");
        await NotifierTestSupport.OutboxAsync(Notifier(hook));
        var rule = LoadHigh(cooldown: TimeSpan.Zero);
        var first = Alerts("alerts-1", rule);
        Assert.False((await AskAsync(first, new AlertAckRequest("load-high/ups-a", "alice"))).Ok); // nothing known yet
        first.Tell(Load(90));
        await AwaitAssertAsync(() => Assert.Single(hook.Received), TimeSpan.FromSeconds(10));
        var ack = await AskAsync(first, new AlertAckRequest("load-high/ups-a", "alice"));
        Assert.True(ack.Ok, ack.Message);
        Assert.Equal("alice", Assert.Single((await ListAsync(first)).Alerts).AckedBy);
        Assert.False((await AskAsync(first, new AlertSilenceRequest("pdu-9", TimeSpan.FromHours(1), "alice"))).Ok);
        var silenced = await AskAsync(first, new AlertSilenceRequest("ups-*", TimeSpan.FromHours(1), "alice"));
        Assert.True(silenced.Ok);
        Assert.Contains("no channel tells its alerts, `supervisor events` still lists them", silenced.Message);
        first.Tell(Load(60)); // resolves, silenced: nobody is told
        await AwaitAssertAsync(async () => Assert.Equal(AlertStatus.Resolved, Assert.Single((await ListAsync(first)).Alerts).Status), TimeSpan.FromSeconds(15));
        await StopAsync(first);

        var second = Alerts("alerts-2", rule);
        var view = await ListAsync(second);
        var row = Assert.Single(view.Alerts);
        Assert.Equal(AlertStatus.Resolved, row.Status);
        Assert.Null(row.AckedBy); // the ack ended with the resolution
        Assert.NotNull(row.SilencedUntil);
        Assert.Equal("ups-*", Assert.Single(view.Silences).Target);
        Assert.Single(hook.Received);

        Assert.True((await AskAsync(second, new AlertUnsilenceRequest("ups-*", "bob"))).Ok);
        Assert.False((await AskAsync(second, new AlertUnsilenceRequest("ups-*", "bob"))).Ok);
        second.Tell(Load(95));
        await AwaitAssertAsync(() => Assert.Equal(2, hook.Received.Count), TimeSpan.FromSeconds(10));
    }
}
