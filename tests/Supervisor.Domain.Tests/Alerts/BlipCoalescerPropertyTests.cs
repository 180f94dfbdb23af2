using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

/// <summary>ONBATT is safety-critical: whatever comes after it, coalescing delays it by at most <c>coalesce</c> and never drops it.</summary>
public class BlipCoalescerPropertyTests
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(10);

    /// <summary>(kind 0 ONBATT, 1 ONLINE, 2 quorum lost, 3 group degraded; device; seconds since previous).</summary>
    public sealed record Op(int Kind, string Device, int Delay);

    public static class Arbs
    {
        public static Arbitrary<Op[]> Ops() =>
            (from kind in Gen.Choose(0, 3) from device in Gen.Elements("ups-a", "ups-b") from delay in Gen.Choose(0, 15)
             select new Op(kind, device, delay)).ArrayOf().ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Arbs)], MaxTest = 300)]
    public void Coalescer_should_release_every_onbatt_or_its_blip_within_coalesce_when_the_clock_is_checked_each_second(Op[] ops)
    {
        var q = BlipQueue.Empty;
        var now = T0;
        var released = new Dictionary<string, DateTimeOffset>();
        var offered = new List<Notification>();
        void Took(BlipStep step, DateTimeOffset at)
        {
            foreach (var n in step.Released) released.TryAdd(n.Id, at);
            q = step.Next;
        }
        var n = 0;
        foreach (var op in ops)
        {
            for (var i = 0; i < op.Delay; i++) { now = now.AddSeconds(1); Took(BlipCoalescer.Due(q, now), now); }
            var at = now.AddMilliseconds(++n); // distinct milliseconds, so distinct ids
            var note = op.Kind switch
            {
                0 => BlipCoalescerTests.Power(PowerEventKind.OnBattery, at, op.Device),
                1 => BlipCoalescerTests.Power(PowerEventKind.Online, at, op.Device),
                2 => NotificationFactory.Build(new GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2", at)),
                _ => NotificationFactory.Build(new GroupStateChanged("rack-a", GroupState.Healthy, GroupState.Degraded, "1 of 2", at)),
            };
            offered.Add(note);
            Took(BlipCoalescer.Offer(q, note, Coalesce), note.At);
        }
        for (var i = 0; i <= Coalesce.TotalSeconds + 1; i++) { now = now.AddSeconds(1); Took(BlipCoalescer.Due(q, now), now); }

        foreach (var onbatt in offered.Where(o => o.Kind == NotificationKinds.OnBattery))
        {
            var sent = released.TryGetValue(onbatt.Id, out var t) ? t : released.TryGetValue(onbatt.Id + ":blip", out var b) ? b : (DateTimeOffset?)null;
            Assert.True(sent is not null, $"ONBATT {onbatt.Id} was dropped");
            Assert.True(sent - onbatt.At <= Coalesce + TimeSpan.FromSeconds(1), $"ONBATT {onbatt.Id} delayed by {(sent - onbatt.At)?.TotalSeconds}s");
        }
        foreach (var critical in offered.Where(o => o.Kind == NotificationKinds.QuorumLost))
            Assert.Equal(critical.At, released[critical.Id]); // never delayed
        Assert.Empty(q.Held);
    }
}
