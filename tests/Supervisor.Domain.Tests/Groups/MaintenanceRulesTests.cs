using System.Collections.Immutable;

namespace Supervisor.Domain.Tests.Groups;

public class MaintenanceRulesTests
{
    private static GroupPolicy Policy3(int minHealthy) =>
        new("rack-a", ["ups-a", "ups-b", "ups-c"], minHealthy, CountsAs.Healthy, CountsAs.Critical, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(60));

    /// <summary>A group past its grace with every member reported as given.</summary>
    private static GroupDriver Reported(GroupPolicy policy, params DeviceHealth[] health)
    {
        var g = GroupDriver.Started(policy);
        for (var i = 0; i < health.Length; i++) g.Health(policy.Members[i], health[i], 1);
        g.Tick(20);
        return g;
    }

    private static GroupStep Start(GroupDriver g, string device, double atSeconds, double forSeconds = 3600) =>
        g.Feed(new MaintenanceRequested(device, TimeSpan.FromSeconds(forSeconds), "battery swap", "ops@hv-1", GroupDriver.T0.AddSeconds(atSeconds)));

    [Fact]
    public void Quorum_should_count_a_member_in_maintenance_neither_healthy_nor_failed()
    {
        var policy = Policy3(minHealthy: 2);
        var health = ImmutableDictionary<string, DeviceHealth>.Empty.Add("ups-a", DeviceHealth.Healthy).Add("ups-b", DeviceHealth.Healthy).Add("ups-c", DeviceHealth.Critical);
        var window = new MaintenanceWindow("ups-c", GroupDriver.T0, GroupDriver.T0.AddHours(1), "swap", "ops");
        var c = QuorumCount.Of(policy, health, ImmutableDictionary<string, MaintenanceWindow>.Empty.Add("ups-c", window));
        Assert.Equal((2, 2, 1, true, true, false), (c.Healthy, c.Members, c.InMaintenance, c.Holds, c.AllHealthy, c.AllCritical));
        Assert.Equal("2 of 2 healthy, need 2 (1 in maintenance)", c.ToString());
    }

    [Fact]
    public void Start_should_be_refused_when_quorum_would_be_impossible_in_a_two_member_group_needing_two()
    {
        var g = Reported(GroupDriver.Policy2(minHealthy: 2), DeviceHealth.Healthy, DeviceHealth.Healthy);
        var step = Start(g, "ups-b", 21);
        Assert.Contains("would keep 1 member(s) outside maintenance for min-healthy 2: quorum would be impossible", step.Refusal);
        Assert.Empty(step.Events);
        Assert.Empty(g.Machine.Maintenance);
    }

    [Fact]
    public void Start_should_be_refused_when_the_other_members_would_not_hold_quorum_without_it()
    {
        var g = Reported(GroupDriver.Policy2(minHealthy: 1), DeviceHealth.Critical, DeviceHealth.Healthy);
        var step = Start(g, "ups-b", 21);
        Assert.Contains("would have 0 of 1 healthy, need 1 (1 in maintenance) without ups-b: taking it out now would start a shutdown", step.Refusal);
        Assert.Equal(0, g.SagasStarted);
    }

    [Fact]
    public void Start_should_be_refused_while_a_saga_runs_for_the_group()
    {
        var g = Reported(Policy3(minHealthy: 2), DeviceHealth.Critical, DeviceHealth.Critical, DeviceHealth.Healthy);
        Assert.Equal(1, g.SagasStarted);
        var step = Start(g, "ups-a", 21);
        Assert.Contains("is shutting down (saga rack-a-1-", step.Refusal);
    }

    [Fact]
    public void Start_should_be_refused_after_a_completed_shutdown_until_the_group_rearms()
    {
        var g = Reported(GroupDriver.Policy2(minHealthy: 1), DeviceHealth.Critical, DeviceHealth.Critical);
        g.SagaEnded(SagaOutcome.Completed, 30);
        Assert.Contains("SHUTDOWNCOMPLETE and not re-armed yet", Start(g, "ups-a", 31).Refusal);
    }

    [Theory]
    [InlineData("ups-z", 3600, "device \"ups-z\" is not a member of group rack-a (members: ups-a, ups-b, ups-c)")]
    [InlineData("ups-c", 0, "the maintenance duration must be positive (got 0s)")]
    public void Start_should_be_refused_with_the_reason_for_a_bad_request(string device, double seconds, string reason)
    {
        var g = Reported(Policy3(minHealthy: 1), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Healthy);
        Assert.Equal(reason, Start(g, device, 21, seconds).Refusal);
    }

    [Fact]
    public void Start_should_be_refused_for_a_device_already_in_maintenance()
    {
        var g = Reported(Policy3(minHealthy: 1), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Healthy);
        Assert.Null(Start(g, "ups-c", 21).Refusal);
        Assert.Contains("already in maintenance in group rack-a until 2026-11-23 13:00:21Z (by ops@hv-1: battery swap); end it first", Start(g, "ups-c", 22).Refusal);
    }

    [Fact]
    public void Start_should_take_a_failing_member_out_of_the_quorum_without_starting_a_saga()
    {
        var g = Reported(Policy3(minHealthy: 2), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Critical);
        var step = Start(g, "ups-c", 21, forSeconds: 7200);
        Assert.Null(step.Refusal);
        var started = Assert.IsType<MaintenanceStarted>(Assert.Single(step.Events));
        Assert.Equal(("ups-c", GroupDriver.T0.AddSeconds(21 + 7200), "battery swap", "ops@hv-1"), (started.DeviceId, started.Until, started.Reason, started.By));
        Assert.Equal(GroupState.Healthy, g.Machine.State); // the rest is all HEALTHY
        Assert.Equal(0, g.SagasStarted);
    }

    [Fact]
    public void Quorum_should_still_be_lost_and_the_saga_start_when_the_other_members_fail_during_maintenance()
    {
        var g = Reported(Policy3(minHealthy: 1), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Healthy);
        Start(g, "ups-c", 21);
        g.Health("ups-a", DeviceHealth.Critical, 30);
        Assert.Equal(0, g.SagasStarted);
        g.Health("ups-b", DeviceHealth.Critical, 31);
        // ups-c is HEALTHY but in maintenance: it does not hold the quorum up.
        var start = Assert.Single(g.Effects.OfType<StartSaga>());
        Assert.Contains("0 of 2 healthy, need 1 (1 in maintenance) (ups-a=Critical, ups-b=Critical, ups-c=MAINTENANCE)", start.Reason);
    }

    [Fact]
    public void Maintenance_should_expire_by_itself_and_the_member_count_again_with_its_live_health()
    {
        var g = Reported(Policy3(minHealthy: 2), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Critical);
        Start(g, "ups-c", 21, forSeconds: 60);
        Assert.Empty(g.Tick(80).Events);
        var ended = Assert.IsType<MaintenanceEnded>(Assert.Single(g.Tick(81).Events));
        Assert.Equal((MaintenanceEndCause.Expired, MaintenanceRules.ExpiryActor, "battery swap"), (ended.Cause, ended.By, ended.Reason));
        Assert.Empty(g.Machine.Maintenance);
        Assert.Equal("2 of 3 healthy, need 2", g.Machine.LastCount!.ToString());
    }

    [Fact]
    public void Expiry_should_leave_the_saga_the_other_members_started_running_while_the_member_is_still_failing()
    {
        var g = Reported(Policy3(minHealthy: 2), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Critical);
        Start(g, "ups-c", 21, forSeconds: 60);
        g.Health("ups-b", DeviceHealth.Critical, 50); // 1 of 2, need 2: quorum lost among the rest
        Assert.Equal(1, g.SagasStarted);
        g.Tick(90); // expired; ups-c counts again, still CRITICAL
        Assert.Empty(g.Machine.Maintenance);
        Assert.Equal((EpisodePhase.Running, "1 of 3 healthy, need 2"), (g.Machine.Phase, g.Machine.LastCount!.ToString()));
        Assert.Empty(g.Effects.OfType<NotifyPowerRestored>());
    }

    [Fact]
    public void End_should_close_the_window_with_who_ended_it_and_be_refused_for_a_device_not_in_maintenance()
    {
        var g = Reported(Policy3(minHealthy: 1), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Healthy);
        Assert.Equal("device ups-c is not in maintenance in group rack-a",
            g.Feed(new MaintenanceEndRequested("ups-c", "ops", GroupDriver.T0.AddSeconds(21))).Refusal);
        Start(g, "ups-c", 22);
        var ended = Assert.IsType<MaintenanceEnded>(Assert.Single(g.Feed(new MaintenanceEndRequested("ups-c", "kim@ops", GroupDriver.T0.AddSeconds(30))).Events));
        Assert.Equal((MaintenanceEndCause.Ended, "kim@ops"), (ended.Cause, ended.By));
        Assert.Empty(g.Machine.Maintenance);
    }

    [Fact]
    public void Replaying_the_journal_should_rebuild_the_open_windows()
    {
        var g = Reported(Policy3(minHealthy: 1), DeviceHealth.Healthy, DeviceHealth.Healthy, DeviceHealth.Healthy);
        Start(g, "ups-b", 21);
        Start(g, "ups-c", 22);
        g.Feed(new MaintenanceEndRequested("ups-b", "ops", GroupDriver.T0.AddSeconds(23)));
        var replayed = g.Events.Aggregate(GroupMachine.Initial(GroupDriver.T0), GroupRules.Apply);
        Assert.Equal(g.Machine.Maintenance.Values, replayed.Maintenance.Values);
        Assert.Equal(["ups-c"], replayed.Maintenance.Keys);
    }

    [Fact]
    public void Maintenance_fact_should_carry_who_why_and_until_with_the_journal_identity()
    {
        var started = new MaintenanceStarted("rack-a", "ups-c", GroupDriver.T0.AddHours(2), "battery swap", "ops@hv-1", GroupDriver.T0);
        var fact = Assert.IsType<DeviceMaintenanceChanged>(GroupFacts.From(started, 12));
        Assert.Equal(("group-rack-a#12", "device.maintenance-started", EventSeverity.Warning), (fact.Id, fact.Kind, fact.Severity));
        Assert.Equal("Device ups-c: MAINTENANCE in group rack-a until 2026-11-23 14:00:00Z (by ops@hv-1: battery swap); left out of its quorum", fact.Message);
        var expired = (DeviceMaintenanceChanged)GroupFacts.From(new MaintenanceEnded("rack-a", "ups-c", MaintenanceEndCause.Expired, "battery swap", "expiry", GroupDriver.T0), 13);
        Assert.Equal(("device.maintenance-expired", "expiry", "rack-a"), (expired.Kind, expired.By, expired.GroupId));
        Assert.IsType<GroupEpisodeChanged>(GroupFacts.From(new GroupRearmed("rack-a", "ok", GroupDriver.T0), 14));
    }
}
