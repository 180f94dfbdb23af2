using Supervisor.Actors.Groups;

namespace Supervisor.Actors.Tests.Groups;

public class GroupActorTests : PersistentTestKit
{
    public GroupActorTests(ITestOutputHelper output) : base(output) => _devices = CreateTestProbe();

    private static readonly GroupSettings Settings = new("rack-a", ["ups-a", "ups-b"], 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(10), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(1),
        [
            new PhaseSettings("vms", [new StepSettings("hv-1", "stop-vms", TimeSpan.FromSeconds(120), false)]),
            new PhaseSettings("local-host", [new StepSettings("hv-1", "poweroff", TimeSpan.FromSeconds(30), true)]),
        ]));

    private static readonly GroupPolicy Policy = new("rack-a", Settings.Members, 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    private IActorRef? _group;
    private readonly TestProbe _devices; // stands in for the supervisor root that owns the devices

    /// <summary>A started group that has recovered (the status answer comes after recovery).</summary>
    private IActorRef Group(TestProbe agents, string name = "group")
    {
        _group = Sys.ActorOf(GroupActor.Props(Settings, Policy, agents, _devices.Ref), name);
        Status(_group);
        return _group;
    }

    /// <summary>A started group and its agents probe, once ups-a has reported <paramref name="upsA"/> and then ups-b <paramref name="upsB"/>.</summary>
    private (TestProbe Agents, IActorRef Group) GroupAfterReports(DeviceHealth upsA, DeviceHealth upsB)
    {
        var agents = CreateTestProbe();
        var group = Group(agents);
        Report("ups-a", upsA);
        Report("ups-b", upsB);
        return (agents, group);
    }

    private void Report(string device, DeviceHealth health, double? runtime = null) =>
        _group!.Tell(new DeviceReport(device, new HealthAssessment(health, "test", []),
            new Reading(device, DateTimeOffset.UtcNow, health == DeviceHealth.Healthy, health != DeviceHealth.Healthy, false, false, 50, runtime, 30, 230, 300, "OB"),
            DateTimeOffset.UtcNow, true));

    private GroupStatus Status(IActorRef group) => group.Ask<GroupStatus>(GetGroupStatus.Instance, TimeSpan.FromSeconds(15)).Result;

    private static ExecuteStep NextStep(TestProbe agents) =>
        (ExecuteStep)((Publish)agents.FishForMessage(m => m is Publish { Message: ExecuteStep }, TimeSpan.FromSeconds(15))).Message;

    [Fact]
    public void Group_should_start_a_saga_that_dispatches_the_first_phase_when_every_member_is_critical()
    {
        var agents = CreateTestProbe();
        var group = Group(agents);
        AwaitAssert(() => Assert.NotEqual(GroupState.Starting, Status(group).State), TimeSpan.FromSeconds(3));
        Report("ups-a", DeviceHealth.Critical);
        Report("ups-b", DeviceHealth.Critical);

        var step = NextStep(agents);
        Assert.StartsWith("rack-a-1-", step.SagaId);
        Assert.Equal("1.1-vms-hv-1-stop-vms", step.StepId);
        var status = Status(group);
        Assert.Equal((GroupState.QuorumLost, 1, step.SagaId), (status.State, status.Episode, status.ActiveSagaId));
    }

    [Fact]
    public void Group_should_not_start_a_saga_while_one_member_keeps_quorum()
    {
        var (agents, group) = GroupAfterReports(DeviceHealth.Critical, DeviceHealth.Degraded);
        var sent = agents.ReceiveWhile(TimeSpan.FromSeconds(2.5), m => m);
        Assert.DoesNotContain(sent, m => m is Publish { Message: ExecuteStep });
        Assert.Equal(GroupState.Degraded, Status(group).State);
    }

    [Fact]
    public void Group_should_resume_its_running_saga_after_a_restart_without_a_new_episode()
    {
        var (agents, group) = GroupAfterReports(DeviceHealth.Critical, DeviceHealth.Critical);
        var first = NextStep(agents);
        Watch(group);
        Sys.Stop(group);
        ExpectTerminated(group);
        agents.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m);

        var recovered = Group(agents, "group-again");
        var resent = NextStep(agents);
        Assert.Equal((first.SagaId, "1.1-vms-hv-1-stop-vms"), (resent.SagaId, resent.StepId));
        Assert.True(resent.Attempt >= 2);
        var status = Status(recovered);
        Assert.Equal((GroupState.QuorumLost, 1), (status.State, status.Episode));
    }

    [Fact]
    public void Group_should_abort_the_saga_and_rearm_when_power_returns_before_an_irreversible_step()
    {
        var (agents, group) = GroupAfterReports(DeviceHealth.Critical, DeviceHealth.Critical);
        NextStep(agents);
        Report("ups-a", DeviceHealth.Healthy);
        AwaitAssert(() => Assert.Equal(GroupState.Degraded, Status(group).State), TimeSpan.FromSeconds(5));
        Assert.Null(Status(group).ActiveSagaId);

        Report("ups-a", DeviceHealth.Critical); // a second outage is a new episode with its own saga
        var second = NextStep(agents);
        Assert.StartsWith("rack-a-2-", second.SagaId);
    }

    [Fact]
    public void Group_should_pass_its_runtime_estimate_to_the_saga_which_shortens_deadlines()
    {
        var agents = CreateTestProbe();
        var group = Group(agents);
        Report("ups-a", DeviceHealth.Critical, runtime: 20);
        Report("ups-b", DeviceHealth.Critical, runtime: 15);
        var step = NextStep(agents);
        // runtime 20 s − margin 10 s leaves 10 s for the 120 s vms phase.
        Assert.InRange((step.Deadline - DateTimeOffset.UtcNow).TotalSeconds, 0, 11);
        Assert.Equal(TimeSpan.FromSeconds(20), Status(group).RuntimeEstimate);
    }

    [Fact]
    public void Group_should_ask_for_its_members_reports_when_it_starts()
    {
        Group(CreateTestProbe());
        var request = _devices.ExpectMsg<RequestDeviceReports>();
        Assert.Equal(["ups-a", "ups-b"], request.DeviceIds);
    }

    [Fact]
    public void Group_should_tell_the_agents_of_its_plan_whether_it_is_on_battery_on_change_and_as_a_heartbeat()
    {
        var agents = CreateTestProbe();
        Group(agents);
        Report("ups-a", DeviceHealth.Degraded);
        var onBattery = (GroupPowerState)((Publish)agents.FishForMessage(m => m is Publish { Message: GroupPowerState { OnBattery: true } }, TimeSpan.FromSeconds(10))).Message;
        Assert.Equal("rack-a", onBattery.GroupId);
        Assert.Contains("on battery: ups-a", onBattery.Reason);
        var heartbeat = (Publish)agents.FishForMessage(m => m is Publish { Message: GroupPowerState { OnBattery: true } }, TimeSpan.FromSeconds(10));
        Assert.Equal(ClusterNames.Topics.Agent("hv-1"), heartbeat.Topic);

        Report("ups-a", DeviceHealth.Healthy);
        agents.FishForMessage(m => m is Publish { Message: GroupPowerState { OnBattery: false } }, TimeSpan.FromSeconds(10));
    }
}
