using Supervisor.Domain.Alerts;
using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class NotificationPlannerTests
{
    private static readonly TimeSpan Coalesce = TimeSpan.FromSeconds(10);

    private static NotificationPlanner Planner(NotificationPolicySettings? policy = null) =>
        new(new NotificationPlan(["hook", "phone"], policy ?? new NotificationPolicySettings(Suppression.None, new Dictionary<string, Suppression>()), Coalesce));

    private static PowerEventRaised Power(PowerEventKind kind, double at, double? forSeconds = null) =>
        new("ups-a", kind, kind == PowerEventKind.OnBattery, 97, 2460, 23, null, forSeconds, null, At(at));

    [Fact]
    public void A_short_outage_should_be_offered_once_as_a_power_blip_on_every_channel()
    {
        var planner = Planner();
        Assert.Empty(planner.Offer(Power(PowerEventKind.OnBattery, 0), At(0)));
        var offer = Assert.Single(planner.Offer(Power(PowerEventKind.Online, 4, forSeconds: 4), At(4)));
        Assert.Equal(NotificationKinds.PowerBlip, offer.Notification.Kind);
        Assert.Equal(["hook", "phone"], offer.Channels);
        Assert.Empty(offer.Conditions); // its id is stable (the ONBATT's + ":blip")
        Assert.Empty(planner.Due(At(30)));
    }

    [Fact]
    public void An_outage_outlasting_coalesce_should_release_onbatt_when_due_and_online_later_with_their_conditions()
    {
        var planner = Planner();
        Assert.Empty(planner.Offer(Power(PowerEventKind.OnBattery, 0), At(0)));
        Assert.Empty(planner.Due(At(9)));
        var onbatt = Assert.Single(planner.Due(At(10)));
        Assert.Equal("ONBATT", onbatt.Notification.Kind);
        Assert.Equal([new NotificationCondition("device:ups-a:power", "ONBATT")], onbatt.Conditions);
        var online = Assert.Single(planner.Offer(Power(PowerEventKind.Online, 60, forSeconds: 60), At(60)));
        Assert.Equal(["device:ups-a:power=ONLINE", "device:ups-a:low-battery=off", "device:ups-a:fsd=off"],
            online.Conditions.Select(c => $"{c.Key}={c.Value}"));
    }

    [Fact]
    public void A_fact_that_does_not_notify_should_offer_nothing_but_still_release_what_is_due()
    {
        var planner = Planner();
        planner.Offer(Power(PowerEventKind.OnBattery, 0), At(0));
        var degraded = new GroupStateChanged("rack-a", GroupState.Healthy, GroupState.Degraded, "1 of 2 healthy, need 1", At(11));
        Assert.Equal(["ONBATT"], planner.Offer(degraded, At(11)).Select(o => o.Notification.Kind));
    }

    [Fact]
    public void A_muted_kind_should_reach_only_the_channels_that_do_not_mute_it_and_onbatt_every_channel()
    {
        var policy = new NotificationPolicySettings(Suppression.None,
            new Dictionary<string, Suppression> { ["phone"] = new(["COMMBAD", "ONBATT"], null) });
        var planner = Planner(policy);
        var commbad = Assert.Single(planner.Offer(Power(PowerEventKind.CommBad, 0), At(0)));
        Assert.Equal(["hook"], commbad.Channels);
        planner.Offer(Power(PowerEventKind.OnBattery, 1), At(1));
        Assert.Equal(["hook", "phone"], Assert.Single(planner.Due(At(11))).Channels); // safety-critical: never muted
    }

    [Fact]
    public void Quorum_lost_should_be_offered_at_once_with_its_condition_even_while_onbatt_is_held()
    {
        var planner = Planner();
        planner.Offer(Power(PowerEventKind.OnBattery, 0), At(0));
        var lost = new GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", At(2));
        var offers = planner.Offer(lost, At(2));
        Assert.Equal(["ONBATT", NotificationKinds.QuorumLost], offers.Select(o => o.Notification.Kind));
        Assert.Equal([new NotificationCondition("group:rack-a:quorum", "lost")], offers[1].Conditions);
    }

    [Theory]
    [InlineData("REPLBATT")]
    [InlineData("saga.completed")]
    [InlineData("device.health-changed")]
    public void Kinds_nothing_clears_should_report_no_condition_so_they_are_never_muted_for_good(string kind)
    {
        var n = new Notification("x", kind, EventSeverity.Warning, new EventSubject(SubjectKind.Device, "ups-a"), "t", "m", At(0),
            new Dictionary<string, string>());
        Assert.Empty(NotificationConditions.For(n));
    }

    [Fact]
    public void A_device_health_change_that_tells_no_one_should_be_offered_to_no_channel_with_its_health_condition()
    {
        var planner = Planner();
        var healthy = Assert.Single(planner.Offer(new DeviceHealthChanged("ups-a", DeviceHealth.Critical, DeviceHealth.Healthy, "on line", null, At(1)), At(1)));
        Assert.Empty(healthy.Channels);
        Assert.Equal([new NotificationCondition("device:ups-a:health", "HEALTHY")], healthy.Conditions);
        var critical = Assert.Single(planner.Offer(new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, DeviceHealth.Critical, "charge 8 %", null, At(2)), At(2)));
        Assert.Equal(["hook", "phone"], critical.Channels);
        Assert.Equal([new NotificationCondition("device:ups-a:health", "CRITICAL")], critical.Conditions);
    }
}
