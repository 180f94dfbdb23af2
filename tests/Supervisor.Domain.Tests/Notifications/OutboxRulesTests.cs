using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Domain.Tests.Notifications;

public class OutboxRulesTests
{
    private static readonly DeliveryOutcome Ok = new DeliveryOutcome.Delivered();

    [Fact]
    public void A_queued_notification_should_be_due_at_once_on_every_channel_it_was_queued_for()
    {
        var box = new OutboxDriver();
        Assert.IsType<EnqueueDecision.Queue>(box.Offer(OutboxDriver.Note("n1"), null, "hook", "mail"));
        var due = box.StartDue();
        Assert.Equal(["hook", "mail"], due.Select(d => d.Channel));
        Assert.All(due, d => Assert.Equal(1, d.Attempt));
    }

    [Fact]
    public void The_same_id_offered_again_should_be_skipped_while_queued_and_after_delivery()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        Assert.Contains("queued before", Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("n1"))).Reason);
        box.Finish(box.StartDue().Single(), Ok);
        Assert.Equal(0, box.State.Depth);
        Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("n1")));
    }

    [Fact]
    public void A_notification_whose_conditions_all_hold_already_should_be_skipped_and_one_changing_any_queued()
    {
        var box = new OutboxDriver();
        NotificationCondition Power(string v) => new("device:ups-a:power", v);
        NotificationCondition Low(string v) => new("device:ups-a:low-battery", v);
        box.Offer(OutboxDriver.Note("onbatt-1"), [Power("ONBATT")]);
        box.Offer(OutboxDriver.Note("lowbatt-1", "LOWBATT"), [Low("on")]);
        // A restarted producer re-announces both: neither is news.
        var skip = Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("onbatt-2"), [Power("ONBATT")]));
        Assert.Equal("device:ups-a:power is already reported as ONBATT", skip.Reason);
        Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("lowbatt-2", "LOWBATT"), [Low("on")]));
        // ONLINE changes power and clears low battery, so the next outage's LOWBATT is news again.
        Assert.IsType<EnqueueDecision.Queue>(box.Offer(OutboxDriver.Note("online-1", "ONLINE"), [Power("ONLINE"), Low("off")]));
        Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("online-2", "ONLINE"), [Power("ONLINE"), Low("off")]));
        Assert.IsType<EnqueueDecision.Queue>(box.Offer(OutboxDriver.Note("onbatt-3"), [Power("ONBATT")]));
        Assert.IsType<EnqueueDecision.Queue>(box.Offer(OutboxDriver.Note("lowbatt-3", "LOWBATT"), [Low("on")]));
    }

    [Fact]
    public void Conditions_should_survive_a_restart()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("onbatt-1"), [new NotificationCondition("device:ups-a:power", "ONBATT")]);
        box.Restart();
        Assert.IsType<EnqueueDecision.Skip>(box.Offer(OutboxDriver.Note("onbatt-2"), [new NotificationCondition("device:ups-a:power", "ONBATT")]));
    }

    [Fact]
    public void A_notification_no_channel_takes_should_be_skipped_with_the_reason()
    {
        var decision = OutboxRules.DecideEnqueue(OutboxState.Empty, OutboxDriver.Note("n1"), [], null, DateTimeOffset.UnixEpoch);
        Assert.Equal("no channel takes ONBATT (Critical)", Assert.IsType<EnqueueDecision.Skip>(decision).Reason);
    }

    [Fact]
    public void A_channel_should_send_one_at_a_time_in_queue_order()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        box.Offer(OutboxDriver.Note("n2"));
        var first = Assert.Single(box.StartDue());
        Assert.Equal("n1", first.Notification.Id);
        Assert.Empty(box.StartDue()); // n2 waits while n1 is being sent
        box.Finish(first, Ok);
        Assert.Equal("n2", Assert.Single(box.StartDue()).Notification.Id);
    }

    [Fact]
    public void A_retryable_failure_should_keep_its_place_and_wait_the_backoff_doubling_to_the_cap()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        box.Offer(OutboxDriver.Note("n2"));
        var waits = new List<TimeSpan>();
        for (var i = 0; i < 8; i++)
        {
            var d = Assert.Single(box.StartDue());
            Assert.Equal(("n1", i + 1), (d.Notification.Id, d.Attempt));
            var retry = Assert.IsType<DeliveryRetryScheduled>(box.Finish(d, new DeliveryOutcome.RetryLater("503 from hook")));
            waits.Add(retry.RetryAt - box.Now);
            box.Now = retry.RetryAt - TimeSpan.FromMilliseconds(1);
            Assert.Empty(box.StartDue());
            box.Now = retry.RetryAt;
        }
        Assert.Equal([5, 10, 20, 40, 80, 160, 300, 300], waits.Select(w => w.TotalSeconds));
        Assert.Equal("503 from hook", box.State.Head("hook")!.LastReason);
    }

    [Fact]
    public void A_longer_retry_after_should_win_over_the_backoff_even_past_its_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxDriver.Policy.Backoff(1, TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.FromSeconds(120), OutboxDriver.Policy.Backoff(1, TimeSpan.FromSeconds(120)));
        Assert.Equal(TimeSpan.FromHours(3), OutboxDriver.Policy.Backoff(1, TimeSpan.FromHours(3))); // the receiver knows
    }

    [Fact]
    public void A_permanent_failure_should_be_abandoned_at_once_and_the_queue_move_on()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        box.Offer(OutboxDriver.Note("n2"));
        var abandoned = Assert.IsType<DeliveryAbandoned>(box.Finish(box.StartDue().Single(), new DeliveryOutcome.Permanent("400 from hook")));
        Assert.True(abandoned.Permanent);
        Assert.Equal("n2", Assert.Single(box.StartDue()).Notification.Id);
        Assert.False(box.State.Notifications.ContainsKey("n1"));
    }

    [Fact]
    public void A_delivery_failing_past_give_up_after_should_be_abandoned_with_the_key_named()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        OutboxEvent? last = null;
        for (var i = 0; i < 400 && last is not DeliveryAbandoned; i++)
        {
            last = box.Finish(box.StartDue().Single(), new DeliveryOutcome.RetryLater("connection refused"));
            if (last is DeliveryRetryScheduled r) box.Now = r.RetryAt;
        }
        var abandoned = Assert.IsType<DeliveryAbandoned>(last);
        Assert.False(abandoned.Permanent);
        Assert.Contains("notifications.retry.give-up-after", abandoned.Reason);
        Assert.True(box.Now - OutboxDriver.Note("n1").At <= OutboxDriver.Policy.GiveUpAfter);
        Assert.Equal(0, box.State.Depth);
    }

    [Fact]
    public void A_restart_between_journaling_and_sending_should_send_it_again_with_the_same_id()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"), null, "hook", "mail");
        box.Finish(box.StartDue().First(d => d.Channel == "mail"), Ok); // mail done; hook in flight when the node dies
        box.Restart();
        var again = Assert.Single(box.StartDue());
        Assert.Equal(("hook", "n1", 1), (again.Channel, again.Notification.Id, again.Attempt));
    }

    [Fact]
    public void An_outcome_for_a_delivery_that_is_not_the_head_any_more_should_be_ignored()
    {
        var box = new OutboxDriver();
        box.Offer(OutboxDriver.Note("n1"));
        var d = box.StartDue().Single();
        box.Finish(d, Ok);
        Assert.Null(OutboxRules.DecideOutcome(box.State, "hook", "n1", Ok, OutboxDriver.Policy, box.Now));
    }

    [Fact]
    public void Next_due_should_be_the_earliest_waiting_head()
    {
        var box = new OutboxDriver();
        Assert.Null(OutboxRules.NextDue(box.State));
        box.Offer(OutboxDriver.Note("n1"), null, "hook", "mail");
        var started = box.StartDue();
        var retry = Assert.IsType<DeliveryRetryScheduled>(box.Finish(started.Single(d => d.Channel == "hook"), new DeliveryOutcome.RetryLater("timeout")));
        Assert.Equal(box.Now, OutboxRules.NextDue(box.State)); // mail is due (and being sent) now
        box.Finish(started.Single(d => d.Channel == "mail"), Ok);
        Assert.Equal(retry.RetryAt, OutboxRules.NextDue(box.State));
    }

    [Fact]
    public void Remembered_ids_should_be_bounded_and_forget_the_oldest()
    {
        var state = OutboxState.Empty;
        for (var i = 0; i < OutboxState.RememberedIds + 5; i++)
            state = OutboxRules.Apply(state, new NotificationQueued(OutboxDriver.Note($"n{i}"), [], null, DateTimeOffset.UnixEpoch));
        Assert.Equal(OutboxState.RememberedIds, state.RecentIds.Count);
        Assert.DoesNotContain("n0", state.RecentIds);
        Assert.Contains($"n{OutboxState.RememberedIds + 4}", state.RecentIds);
    }
}
