namespace Supervisor.Domain.Tests.Events;

public class FleetEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(DeviceHealth.Critical, EventSeverity.Critical)]
    [InlineData(DeviceHealth.Degraded, EventSeverity.Warning)]
    [InlineData(DeviceHealth.Unknown, EventSeverity.Warning)]
    [InlineData(DeviceHealth.Healthy, EventSeverity.Info)]
    public void Device_health_change_should_be_as_severe_as_the_health_it_reaches(DeviceHealth to, EventSeverity severity) =>
        Assert.Equal(severity, new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, to, "why", null, T0).Severity);

    [Fact]
    public void Device_health_change_should_read_like_the_log_line()
    {
        var e = new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, DeviceHealth.Degraded, "on battery for 0s (status: OB)", null, T0);
        Assert.Equal("Device ups-a: HEALTHY -> DEGRADED (on battery for 0s (status: OB))", e.Message);
        Assert.Equal(new EventSubject(SubjectKind.Device, "ups-a"), e.Subject);
        Assert.Equal("device.health-changed", e.Kind);
    }

    [Fact]
    public void Same_fact_should_keep_its_id_and_different_facts_should_not_share_one()
    {
        var a = new DeviceHealthChanged("ups-a", DeviceHealth.Healthy, DeviceHealth.Degraded, "x", null, T0);
        Assert.Equal(a.Id, (a with { Reason = "y" }).Id);
        Assert.NotEqual(a.Id, (a with { At = T0.AddMilliseconds(1) }).Id);
        Assert.NotEqual(a.Id, (a with { To = DeviceHealth.Critical }).Id);
        Assert.NotEqual(a.Id, (a with { DeviceId = "ups-b" }).Id);
    }

    [Fact]
    public void Quorum_loss_should_be_critical_and_name_the_count()
    {
        var e = new GroupStateChanged("rack", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", T0);
        Assert.Equal((EventSeverity.Critical, "rack"), (e.Severity, e.GroupId));
        Assert.Equal("Group rack: DEGRADED -> QUORUMLOST (quorum: 0 of 2 healthy, need 1)", e.Message);
    }

    [Fact]
    public void Episode_change_should_take_its_id_from_the_group_journal()
    {
        var started = GroupEpisodeChanged.From(new EpisodeStarted("rack", 3, "rack-3-x", "quorum lost", T0), 7);
        Assert.Equal(("group-rack#7", "group.episode-started", EventSeverity.Critical), (started.Id, started.Kind, started.Severity));
        Assert.Equal("Group rack: episode 3 started, saga rack-3-x: quorum lost", started.Message);
        var ended = GroupEpisodeChanged.From(new EpisodeSagaEnded("rack", "rack-3-x", SagaOutcome.Aborted, "power back", T0), 8);
        Assert.Equal("Group rack: saga rack-3-x ended aborted: power back", ended.Message);
    }

    [Theory]
    [InlineData("unreachable", EventSeverity.Warning)]
    [InlineData("removed", EventSeverity.Warning)]
    [InlineData("up", EventSeverity.Info)]
    public void Membership_change_should_warn_when_a_node_is_lost(string change, EventSeverity severity)
    {
        var e = new NodeMembershipChanged("akka.tcp://supervisor@10.0.0.2:4053", ["agent"], change, T0);
        Assert.Equal((severity, "node." + change), (e.Severity, e.Kind));
    }
}
