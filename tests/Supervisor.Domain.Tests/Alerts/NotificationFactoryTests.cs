using Supervisor.Domain.Alerts;
using static Supervisor.Domain.Tests.Alerts.AlertTestData;

namespace Supervisor.Domain.Tests.Alerts;

public class NotificationFactoryTests
{
    [Fact]
    public void Factory_should_build_a_power_notification_with_nut_kind_and_numbers_when_onbatt()
    {
        var e = new PowerEventRaised("ups-a", PowerEventKind.OnBattery, true, 97, 2460, 23, 0, null, null, T0);
        var n = NotificationFactory.Build(e);
        Assert.Equal((e.Id, "ONBATT", EventSeverity.Critical, "ups-a on battery"), (n.Id, n.Kind, n.Severity, n.Title));
        Assert.Equal("ups-a on battery: charge 97 %, runtime 41 min, load 23 %", n.Message);
        Assert.Equal("97", n.Fields["charge"]);
        Assert.Equal("2460", n.Fields["runtime"]);
        Assert.Equal("23", n.Fields["load"]);
        Assert.Equal("ups-a", n.Fields["device"]);
        Assert.Equal("true", n.Fields["on-battery"]);
        Assert.Equal(new EventSubject(SubjectKind.Device, "ups-a"), n.Subject);
    }

    [Theory]
    [InlineData(GroupState.Degraded, GroupState.QuorumLost, "group.quorum-lost", "rack-a quorum lost", true)]
    [InlineData(GroupState.Aborted, GroupState.Healthy, "group.quorum-restored", "rack-a quorum restored", true)]
    [InlineData(GroupState.Healthy, GroupState.Degraded, "group.state-changed", "rack-a DEGRADED", false)]
    public void Factory_should_split_group_state_changes_into_what_people_care_about_when_mapping(
        GroupState from, GroupState to, string kind, string title, bool notifies)
    {
        var e = new GroupStateChanged("rack-a", from, to, "1 of 2 healthy, need 1", T0);
        var n = NotificationFactory.Build(e);
        Assert.Equal((kind, title, "rack-a"), (n.Kind, n.Title, n.Fields["group"]));
        Assert.Equal(notifies, NotificationFactory.NotifiesByDefault(e));
    }

    [Fact]
    public void Factory_should_carry_saga_step_and_host_when_a_step_failed()
    {
        var e = new SagaProgressed("rack-a-1", "rack-a", 7, "step-failed", EventSeverity.Critical, "Saga rack-a-1: step 1.1 acked: FAILED",
            "1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 1, T0);
        var n = NotificationFactory.Build(e);
        Assert.Equal("saga-rack-a-1#7", n.Id);
        Assert.Equal("saga.step-failed", n.Kind);
        Assert.Equal("saga rack-a-1 step failed: 1.1-vms-hv-1-stop-vms", n.Title);
        Assert.Equal(("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", "rack-a"), (n.Fields["saga"], n.Fields["step"], n.Fields["host"], n.Fields["group"]));
        Assert.True(NotificationFactory.NotifiesByDefault(e));
    }

    [Theory]
    [InlineData(PowerEventKind.OnBattery, true)]
    [InlineData(PowerEventKind.CommBad, true)]
    [InlineData(PowerEventKind.Online, true)]
    [InlineData(PowerEventKind.CommOk, true)]
    [InlineData(PowerEventKind.VoltageNormal, true)]
    public void Factory_should_notify_trouble_and_the_events_closing_it_when_deciding_defaults(PowerEventKind kind, bool notifies) =>
        Assert.Equal(notifies, NotificationFactory.NotifiesByDefault(new PowerEventRaised("ups-a", kind, false, null, null, null, null, null, null, T0)));

    [Fact]
    public void Factory_should_leave_out_info_and_retold_events_when_deciding_defaults()
    {
        Assert.False(NotificationFactory.NotifiesByDefault(new SagaProgressed("s", "g", 2, "phase-started", EventSeverity.Info, "t", null, null, null, null, T0)));
        Assert.False(NotificationFactory.NotifiesByDefault(new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, DeviceHealth.Degraded, "on battery", null, T0)));
        Assert.True(NotificationFactory.NotifiesByDefault(new DeviceHealthChanged("ups-a", DeviceHealth.Degraded, DeviceHealth.Critical, "charge 20 %", null, T0)));
        Assert.False(NotificationFactory.NotifiesByDefault(new GroupEpisodeChanged("g", 3, "episode-started", 1, "g-1", null, "quorum lost", T0)));
        Assert.True(NotificationFactory.NotifiesByDefault(new SagaProgressed("s", "g", 9, "completed", EventSeverity.Critical, "t", null, null, null, null, T0)));
        Assert.True(NotificationFactory.NotifiesByDefault(new SagaProgressed("s", "g", 5, "step-succeeded", EventSeverity.Info, "t", "1.1-vms", "hv-1", "stop-vms", 1, T0)));
        Assert.False(NotificationFactory.NotifiesByDefault(new SagaProgressed("s", "g", 4, "step-dispatched", EventSeverity.Info, "t", "1.1-vms", "hv-1", "stop-vms", 1, T0)));
        Assert.True(NotificationFactory.NotifiesByDefault(new NodeMembershipChanged("akka.tcp://s@h:1", ["supervisor"], "unreachable", T0)));
    }

    [Fact]
    public void Factory_should_keep_the_event_id_when_the_same_event_is_built_twice()
    {
        var e = new AgentFailsafeFired("hv-1", "failsafe-hv-1-1", "no supervisor for 60s", T0);
        Assert.Equal(NotificationFactory.Build(e).Id, NotificationFactory.Build(e with { }).Id);
        Assert.Equal("agent-hv-1:failsafe:failsafe-hv-1-1", NotificationFactory.Build(e).Id);
        Assert.Equal("hv-1", NotificationFactory.Build(e).Fields["host"]);
    }

    [Fact]
    public void Factory_should_name_the_rule_subject_and_value_when_an_alert_fires()
    {
        var e = new AlertRaised("load-high", SubjectKind.Device, "ups-a", AlertDecision.NotifyFiring, "load", ">", 80, 85.5, null,
            EventSeverity.Warning, ["ops"], T0);
        var n = NotificationFactory.Build(e);
        Assert.Equal(("alert.firing", "load-high on ups-a firing"), (n.Kind, n.Title));
        Assert.Equal(("load-high", "ups-a", "85.5", "80", "ops"), (n.Fields["rule"], n.Fields["device"], n.Fields["value"], n.Fields["threshold"], n.Fields["channels"]));
    }

    [Theory]
    [InlineData("started")]
    [InlineData("ended")]
    [InlineData("expired")]
    public void Maintenance_should_notify_by_default_with_who_why_and_until_when_it_starts_ends_or_expires(string change)
    {
        var e = new DeviceMaintenanceChanged("ups-b", "rack-a", 9, change, T0.AddHours(2), "battery swap", "kim@ops", T0);
        Assert.True(NotificationFactory.NotifiesByDefault(e));
        var n = NotificationFactory.Build(e);
        Assert.Equal(($"device.maintenance-{change}", $"ups-b maintenance {change}"), (n.Kind, n.Title));
        Assert.Equal(("ups-b", "rack-a", "kim@ops", "battery swap"), (n.Fields["device"], n.Fields["group"], n.Fields["by"], n.Fields["reason"]));
        Assert.Equal(T0.AddHours(2).UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture), n.Fields["until"]);
    }
}
