using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class BlipCoalescerTests
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(10);

    internal static Notification Power(PowerEventKind kind, double atSeconds, string device = "ups-a", double charge = 98, double? forSeconds = null) =>
        Power(kind, At(atSeconds), device, charge, forSeconds);

    internal static Notification Power(PowerEventKind kind, DateTimeOffset at, string device = "ups-a", double charge = 98, double? forSeconds = null) =>
        NotificationFactory.Build(new PowerEventRaised(device, kind, kind == PowerEventKind.OnBattery, charge, 2400, 20, null, forSeconds, null, at));

    private static Notification GroupDegraded(double atSeconds) =>
        NotificationFactory.Build(new GroupStateChanged("rack-a", GroupState.Healthy, GroupState.Degraded, "1 of 2 healthy, need 1", At(atSeconds)));

    private static Notification QuorumLost(double atSeconds) =>
        NotificationFactory.Build(new GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", At(atSeconds)));

    [Fact]
    public void Coalescer_should_send_one_blip_when_power_returns_within_coalesce()
    {
        var held = BlipCoalescer.Offer(BlipQueue.Empty, Power(PowerEventKind.OnBattery, 0), Coalesce);
        Assert.Empty(held.Released);
        var back = BlipCoalescer.Offer(held.Next, Power(PowerEventKind.Online, 4, forSeconds: 4), Coalesce);
        var blip = Assert.Single(back.Released);
        Assert.Equal(NotificationKinds.PowerBlip, blip.Kind);
        Assert.Equal("ups-a power blip: 4 s on battery, charge 98 %", blip.Message);
        Assert.Equal(Power(PowerEventKind.OnBattery, 0).Id + ":blip", blip.Id);
        Assert.Empty(back.Next.Held);
    }

    [Fact]
    public void Coalescer_should_release_onbatt_as_is_when_power_does_not_return_within_coalesce()
    {
        var onbatt = Power(PowerEventKind.OnBattery, 0);
        var held = BlipCoalescer.Offer(BlipQueue.Empty, onbatt, Coalesce);
        Assert.Equal(At(10), BlipCoalescer.NextDue(held.Next));
        Assert.Empty(BlipCoalescer.Due(held.Next, At(9.9)).Released);
        var due = BlipCoalescer.Due(held.Next, At(10));
        Assert.Equal([onbatt], due.Released);
        var online = Power(PowerEventKind.Online, 30);
        Assert.Equal([online], BlipCoalescer.Offer(due.Next, online, Coalesce).Released);
    }

    [Fact]
    public void Coalescer_should_release_held_onbatt_first_when_a_critical_notification_arrives()
    {
        var onbatt = Power(PowerEventKind.OnBattery, 0);
        var held = BlipCoalescer.Offer(BlipQueue.Empty, onbatt, Coalesce);
        var lost = QuorumLost(2);
        var step = BlipCoalescer.Offer(held.Next, lost, Coalesce);
        Assert.Equal([onbatt, lost], step.Released);
        Assert.Empty(step.Next.Held);
    }

    [Fact]
    public void Coalescer_should_keep_order_when_non_critical_notifications_come_behind_a_held_onbatt()
    {
        var degraded = GroupDegraded(1);
        var q = BlipCoalescer.Offer(BlipQueue.Empty, Power(PowerEventKind.OnBattery, 0), Coalesce).Next;
        var queued = BlipCoalescer.Offer(q, degraded, Coalesce);
        Assert.Empty(queued.Released);
        var back = BlipCoalescer.Offer(queued.Next, Power(PowerEventKind.Online, 3, forSeconds: 3), Coalesce);
        Assert.Equal([NotificationKinds.PowerBlip, NotificationKinds.GroupStateChanged], back.Released.Select(n => n.Kind));
    }

    [Fact]
    public void Coalescer_should_pass_notifications_at_once_when_nothing_is_held()
    {
        var degraded = GroupDegraded(1);
        Assert.Equal([degraded], BlipCoalescer.Offer(BlipQueue.Empty, degraded, Coalesce).Released);
    }

    [Fact]
    public void Coalescer_should_not_pair_an_online_of_another_device_when_two_are_held()
    {
        var q = BlipCoalescer.Offer(BlipQueue.Empty, Power(PowerEventKind.OnBattery, 0, "ups-a"), Coalesce).Next;
        q = BlipCoalescer.Offer(q, Power(PowerEventKind.OnBattery, 1, "ups-b"), Coalesce).Next;
        var back = BlipCoalescer.Offer(q, Power(PowerEventKind.Online, 3, "ups-b", forSeconds: 2), Coalesce);
        Assert.Empty(back.Released); // ups-b's blip waits behind ups-a's held ONBATT
        var due = BlipCoalescer.Due(back.Next, At(10));
        Assert.Equal(["ONBATT", NotificationKinds.PowerBlip], due.Released.Select(n => n.Kind));
        Assert.Equal("ups-a", due.Released[0].Subject.Id);
    }
}
