using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;

namespace Supervisor.Domain.Tests.Notifications;

/// <summary>The outbox's once-and-in-order rules over random offers (with repeats), outcomes, clock steps and restarts.</summary>
public class OutboxPropertyTests
{
    /// <summary>Kind: 0 offer notification <c>Id</c> on a channel subset, 1 start what is due, 2 finish one in flight with
    /// <c>Outcome</c> (0 ok, 1 retry, 2 permanent), 3 the clock moves <c>Seconds</c>, 4 restart from the journal.</summary>
    public sealed record Op(int Kind, int Id, int Channels, int Outcome, int Seconds);

    public static class Arbs
    {
        public static Arbitrary<Op[]> Ops() =>
            (from kind in Gen.Frequency((4, Gen.Constant(0)), (4, Gen.Constant(1)), (4, Gen.Constant(2)), (2, Gen.Constant(3)), (1, Gen.Constant(4)))
             from id in Gen.Choose(0, 6)
             from channels in Gen.Choose(1, 3)
             from outcome in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
             from seconds in Gen.Choose(1, 400)
             select new Op(kind, id, channels, outcome, seconds)).ArrayOf().ToArbitrary();
    }

    private static readonly string[] AllChannels = ["hook", "mail"];

    private static OutboxDriver Run(Op[] ops)
    {
        var box = new OutboxDriver();
        var inFlight = new List<DueDelivery>();
        foreach (var op in ops)
        {
            switch (op.Kind)
            {
                case 0:
                    var channels = AllChannels.Where((_, i) => (op.Channels & (1 << i)) != 0).ToArray();
                    box.Offer(OutboxDriver.Note($"n{op.Id}"), null, channels);
                    break;
                case 1:
                    inFlight.AddRange(box.StartDue());
                    break;
                case 2 when inFlight.Count > 0:
                    var d = inFlight[op.Id % inFlight.Count];
                    inFlight.Remove(d);
                    box.Finish(d, op.Outcome switch
                    {
                        0 => new DeliveryOutcome.Delivered(),
                        1 => new DeliveryOutcome.RetryLater("503"),
                        _ => new DeliveryOutcome.Permanent("400"),
                    });
                    break;
                case 3:
                    box.Now = box.Now.AddSeconds(op.Seconds);
                    break;
                case 4:
                    inFlight.Clear();
                    box.Restart();
                    break;
            }
        }
        return box;
    }

    private static IEnumerable<(string Channel, string Id)> Queued(OutboxDriver box) =>
        box.Journal.OfType<NotificationQueued>().SelectMany(q => q.Channels.Select(c => (c, q.Notification.Id)));

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void A_notification_should_be_queued_once_per_id_and_delivered_at_most_once_per_channel(Op[] ops)
    {
        var box = Run(ops);
        var queuedIds = box.Journal.OfType<NotificationQueued>().Select(q => q.Notification.Id).ToList();
        Assert.Equal(queuedIds.Distinct().Count(), queuedIds.Count);
        var delivered = box.Journal.OfType<NotificationDelivered>().Select(d => (d.Channel, d.NotificationId)).ToList();
        Assert.Equal(delivered.Distinct().Count(), delivered.Count);
    }

    [Property(MaxTest = 1000, Arbitrary = [typeof(Arbs)])]
    public void Each_channel_should_finish_its_notifications_in_the_order_they_were_queued(Op[] ops)
    {
        var box = Run(ops);
        foreach (var channel in AllChannels)
        {
            var queued = Queued(box).Where(q => q.Channel == channel).Select(q => q.Id).ToList();
            var finished = box.Journal.Select(e => e switch
            {
                NotificationDelivered d when d.Channel == channel => d.NotificationId,
                DeliveryAbandoned a when a.Channel == channel => a.NotificationId,
                _ => null,
            }).OfType<string>().ToList();
            Assert.Equal(queued.Take(finished.Count), finished);
        }
    }

    [Property(MaxTest = 500, Arbitrary = [typeof(Arbs)])]
    public void Everything_queued_should_end_delivered_or_abandoned_once_the_receivers_answer(Op[] ops)
    {
        var box = Run(ops);
        box.Restart();
        for (var i = 0; i < 100 && box.State.Depth > 0; i++)
        {
            foreach (var d in box.StartDue()) box.Finish(d, new DeliveryOutcome.Delivered());
            if (OutboxRules.NextDue(box.State) is { } next && next > box.Now) box.Now = next;
        }
        Assert.Equal(0, box.State.Depth);
        Assert.Empty(box.State.Notifications);
        var ended = box.Journal.Select(e => e switch
        {
            NotificationDelivered d => (d.Channel, d.NotificationId),
            DeliveryAbandoned a => (a.Channel, a.NotificationId),
            _ => default,
        }).Where(x => x != default).ToList();
        Assert.Equal(Queued(box).OrderBy(x => x).ToList(), ended.OrderBy(x => x).ToList());
    }
}
