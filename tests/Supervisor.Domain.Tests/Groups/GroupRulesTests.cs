using static Supervisor.Domain.Health.DeviceHealth;

namespace Supervisor.Domain.Tests.Groups;

public class GroupRulesTests
{
    private static GroupDriver Healthy()
    {
        var g = GroupDriver.Started(GroupDriver.Policy2());
        g.Health("ups-a", DeviceHealth.Healthy, 1);
        g.Health("ups-b", DeviceHealth.Healthy, 1);
        g.Tick(20);
        return g;
    }

    /// <summary>A healthy group whose two members turned critical at 21 s and 22 s: episode 1, its saga running.</summary>
    private static GroupDriver BothMembersCritical()
    {
        var g = Healthy();
        g.Health("ups-a", Critical, 21);
        g.Health("ups-b", Critical, 22);
        return g;
    }

    [Fact]
    public void Group_should_be_starting_during_grace()
    {
        var g = GroupDriver.Started(GroupDriver.Policy2());
        g.Health("ups-a", DeviceHealth.Healthy, 1);
        Assert.Equal(GroupState.Starting, g.Machine.State);
    }

    [Fact]
    public void Group_should_not_start_saga_during_grace_when_quorum_is_lost_but_not_all_critical()
    {
        var g = GroupDriver.Started(GroupDriver.Policy2(minHealthy: 2));
        g.Health("ups-a", Critical, 1);
        g.Health("ups-b", Unknown, 2);
        Assert.Equal(0, g.SagasStarted);
        Assert.Equal(GroupState.Starting, g.Machine.State);
    }

    [Fact]
    public void Group_should_start_saga_during_grace_when_every_member_is_critical()
    {
        var g = GroupDriver.Started(GroupDriver.Policy2());
        g.Health("ups-a", Critical, 1);
        g.Health("ups-b", Critical, 2);
        var start = Assert.Single(g.Effects.OfType<StartSaga>());
        Assert.Contains("every member CRITICAL during start-up grace", start.Reason);
        Assert.Equal(GroupState.QuorumLost, g.Machine.State);
    }

    [Fact]
    public void Group_should_start_saga_when_grace_ends_without_quorum()
    {
        var g = GroupDriver.Started(GroupDriver.Policy2());
        g.Tick(14);
        Assert.Equal(0, g.SagasStarted);
        g.Tick(15);
        var start = Assert.Single(g.Effects.OfType<StartSaga>());
        Assert.Equal("rack-a-1-20261123T120015", start.SagaId); // group, episode, start time: never reused
        Assert.Contains("quorum lost: 0 of 2 healthy, need 1", start.Reason);
    }

    [Fact]
    public void Group_should_be_healthy_after_grace_when_every_member_is_healthy()
    {
        Assert.Equal(GroupState.Healthy, Healthy().Machine.State);
    }

    [Fact]
    public void Group_should_be_degraded_when_quorum_holds_but_a_member_is_on_battery()
    {
        var g = Healthy();
        g.Health("ups-a", Degraded, 21);
        Assert.Equal(GroupState.Degraded, g.Machine.State);
        Assert.Equal(0, g.SagasStarted);
    }

    [Fact]
    public void Group_should_start_exactly_one_saga_when_quorum_is_lost_repeatedly_within_one_episode()
    {
        var g = BothMembersCritical();
        g.Health("ups-b", Unknown, 23);
        g.Tick(30);
        Assert.Equal(1, g.SagasStarted);
        Assert.Single(g.Events.OfType<EpisodeStarted>());
    }

    [Fact]
    public void Group_should_notify_power_restored_once_when_quorum_returns_during_saga()
    {
        var g = BothMembersCritical();
        g.Health("ups-b", DeviceHealth.Healthy, 30);
        g.Tick(31);
        var note = Assert.Single(g.Effects.OfType<NotifyPowerRestored>());
        Assert.StartsWith("rack-a-1-", note.SagaId);
    }

    [Fact]
    public void Group_should_rearm_at_once_after_aborted_saga_when_quorum_holds()
    {
        var g = BothMembersCritical();
        g.Health("ups-b", DeviceHealth.Healthy, 30);
        g.SagaEnded(SagaOutcome.Aborted, 31);
        Assert.Contains(g.Events, e => e is GroupRearmed);
        Assert.Equal(GroupState.Degraded, g.Machine.State);
        g.Health("ups-b", Critical, 40);
        Assert.Equal(2, g.SagasStarted);
        Assert.StartsWith("rack-a-2-", g.Effects.OfType<StartSaga>().Last().SagaId);
    }

    [Fact]
    public void Group_should_stay_aborted_when_saga_aborted_while_quorum_is_still_lost()
    {
        var g = BothMembersCritical();
        g.SagaEnded(SagaOutcome.Aborted, 25);
        Assert.Equal(GroupState.Aborted, g.Machine.State);
        g.Tick(100);
        Assert.Equal(1, g.SagasStarted);
    }

    [Fact]
    public void Group_should_wait_rearm_after_before_a_new_episode_after_completed_shutdown()
    {
        var g = BothMembersCritical();
        g.SagaEnded(SagaOutcome.Completed, 60);
        Assert.Equal(GroupState.ShutdownComplete, g.Machine.State);
        g.Health("ups-a", DeviceHealth.Healthy, 100);
        g.Tick(159);
        Assert.Equal(GroupState.ShutdownComplete, g.Machine.State);
        g.Tick(160);
        Assert.Equal(GroupState.Degraded, g.Machine.State);
        g.Health("ups-a", Critical, 170);
        Assert.Equal(2, g.SagasStarted);
    }

    [Fact]
    public void Group_should_restart_rearm_timer_when_quorum_drops_before_rearm_after()
    {
        var g = BothMembersCritical();
        g.SagaEnded(SagaOutcome.Completed, 60);
        g.Health("ups-a", DeviceHealth.Healthy, 100);
        g.Health("ups-a", Critical, 130);
        g.Health("ups-a", DeviceHealth.Healthy, 140);
        g.Tick(170);
        Assert.Equal(GroupState.ShutdownComplete, g.Machine.State);
        g.Tick(200);
        Assert.Equal(GroupState.Degraded, g.Machine.State);
        Assert.Equal(1, g.SagasStarted);
    }

    [Fact]
    public void Group_should_ignore_saga_finished_for_another_saga()
    {
        var g = BothMembersCritical();
        g.Feed(new SagaFinished("rack-a-99", SagaOutcome.Completed, "stale", GroupDriver.T0.AddSeconds(30)));
        Assert.Equal(GroupState.QuorumLost, g.Machine.State);
    }

    [Fact]
    public void Group_should_ignore_health_of_devices_that_are_not_members()
    {
        var g = Healthy();
        g.Health("someone-else", Critical, 21);
        Assert.Equal(GroupState.Healthy, g.Machine.State);
    }

    [Fact]
    public void Replaying_persisted_events_should_restore_episode_and_running_saga()
    {
        var g = BothMembersCritical();
        var recovered = g.Events.Aggregate(GroupMachine.Initial(GroupDriver.T0.AddSeconds(100)), GroupRules.Apply);
        Assert.Equal(GroupState.QuorumLost, recovered.State);
        Assert.StartsWith("rack-a-1-", recovered.ActiveSagaId);
        Assert.Equal(1, recovered.Episode);
    }

    [Fact]
    public void Recovered_group_should_number_the_next_episode_after_the_persisted_one()
    {
        var g = BothMembersCritical();
        g.Health("ups-a", DeviceHealth.Healthy, 23);
        g.SagaEnded(SagaOutcome.Aborted, 24);
        var recovered = g.Events.Aggregate(GroupMachine.Initial(GroupDriver.T0.AddSeconds(100)), GroupRules.Apply);
        var step = GroupRules.Handle(recovered, new GroupTick(GroupDriver.T0.AddSeconds(200)), g.Policy);
        Assert.StartsWith("rack-a-2-", Assert.Single(step.Effects.OfType<StartSaga>()).SagaId);
    }
}

public class GroupRestartEvidenceTests
{
    [Fact]
    public void Recovered_group_should_not_call_silence_power_restored_when_unknown_counts_as_healthy()
    {
        var policy = GroupDriver.Policy2(unknown: Supervisor.Domain.Configuration.CountsAs.Healthy);
        var recovered = GroupRules.Apply(GroupMachine.Initial(GroupDriver.T0.AddSeconds(100)), new EpisodeStarted("rack-a", 1, "rack-a-1-x", "test", GroupDriver.T0));
        var step = GroupRules.Handle(recovered, new GroupTick(GroupDriver.T0.AddSeconds(101)), policy);
        Assert.Empty(step.Effects.OfType<NotifyPowerRestored>());
        step = GroupRules.Handle(step.Next, new GroupTick(GroupDriver.T0.AddSeconds(200)), policy); // long after the grace, still no evidence
        Assert.Empty(step.Effects.OfType<NotifyPowerRestored>());

        step = GroupRules.Handle(step.Next, new MemberHealthChanged("ups-a", Supervisor.Domain.Health.DeviceHealth.Healthy, GroupDriver.T0.AddSeconds(201)), policy);
        Assert.Single(step.Effects.OfType<NotifyPowerRestored>());
    }

    [Fact]
    public void Completed_group_should_not_rearm_on_silence()
    {
        var policy = GroupDriver.Policy2(unknown: Supervisor.Domain.Configuration.CountsAs.Healthy, rearmSeconds: 5);
        var m = GroupRules.Apply(GroupRules.Apply(GroupMachine.Initial(GroupDriver.T0),
            new EpisodeStarted("rack-a", 1, "s", "t", GroupDriver.T0)), new EpisodeSagaEnded("rack-a", "s", SagaOutcome.Completed, "done", GroupDriver.T0));
        var step = GroupRules.Handle(m, new GroupTick(GroupDriver.T0.AddSeconds(1)), policy);
        step = GroupRules.Handle(step.Next, new GroupTick(GroupDriver.T0.AddSeconds(60)), policy);
        Assert.Empty(step.Events.OfType<GroupRearmed>());
    }
}
