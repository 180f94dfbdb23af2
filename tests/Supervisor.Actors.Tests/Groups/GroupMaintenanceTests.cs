using Supervisor.Actors.Groups;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Tests.Groups;

/// <summary>Maintenance in a group actor over the real SQLite journal: journaled, recovered, expiring, and never hiding a real outage.</summary>
public class GroupMaintenanceTests : PersistentTestKit
{
    public GroupMaintenanceTests(ITestOutputHelper output) : base(output) { }

    private static readonly GroupSettings Settings = new("rack-a", ["ups-a", "ups-b", "ups-c"], 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(10), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(1),
            [new PhaseSettings("local-host", [new StepSettings("hv-1", "poweroff", TimeSpan.FromSeconds(30), true)])]));

    private static readonly GroupPolicy Policy = new("rack-a", Settings.Members, 1, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60));

    private async Task<IActorRef> GroupAsync(TestProbe agents, string name)
    {
        var group = Sys.ActorOf(GroupActor.Props(Settings, Policy, agents, CreateTestProbe().Ref), name);
        await StatusAsync(group); // answered once recovered
        return group;
    }

    private static Task<GroupStatus> StatusAsync(IActorRef group) => group.Ask<GroupStatus>(GetGroupStatus.Instance, TimeSpan.FromSeconds(15));

    private static void Report(IActorRef group, string device, DeviceHealth health) =>
        group.Tell(new DeviceReport(device, new HealthAssessment(health, "test", []),
            new Reading(device, DateTimeOffset.UtcNow, health == DeviceHealth.Healthy, health != DeviceHealth.Healthy, false, false, 50, null, 30, 230, 300, "OL"),
            DateTimeOffset.UtcNow, true));

    private static async Task<string?> MaintainAsync(IActorRef group, object command) =>
        (await group.Ask<GroupMaintenanceReply>(new GroupMaintenance(command, DryRun: false), TimeSpan.FromSeconds(15))).Refusal;

    private async Task<IActorRef> EveryMemberHealthyAsync(TestProbe agents, string name = "group")
    {
        var group = await GroupAsync(agents, name);
        foreach (var m in Settings.Members) Report(group, m, DeviceHealth.Healthy);
        await AwaitAssertAsync(async () => Assert.Equal(3, (await StatusAsync(group)).Count?.Healthy), TimeSpan.FromSeconds(10));
        return group;
    }

    private TestProbe Facts()
    {
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeviceMaintenanceChanged));
        return probe;
    }

    /// <summary>Puts ups-c in maintenance for 2 h and returns the fact that says so.</summary>
    private async Task<DeviceMaintenanceChanged> BatterySwapAsync(IActorRef group, TestProbe facts)
    {
        Assert.Null(await MaintainAsync(group, new MaintenanceStart("ups-c", TimeSpan.FromHours(2), "battery swap", "kim@ops")));
        return await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(TimeSpan.FromSeconds(10));
    }

    /// <summary>Stops the group and starts it again on the same journal (a restart or a fail-over).</summary>
    private async Task<IActorRef> RestartAsync(IActorRef group)
    {
        Watch(group);
        Sys.Stop(group);
        await ExpectTerminatedAsync(group);
        return await GroupAsync(CreateTestProbe(), "group-again");
    }

    [Fact]
    public async Task Group_should_keep_a_member_in_maintenance_after_a_restart()
    {
        var facts = Facts();
        var group = await EveryMemberHealthyAsync(CreateTestProbe());
        var started = await BatterySwapAsync(group, facts);
        Assert.Equal(("ups-c", "rack-a", "started", "battery swap", "kim@ops"), (started.Device, started.Group, started.Change, started.Reason, started.By));

        var recovered = await RestartAsync(group);
        var window = Assert.Single((await StatusAsync(recovered)).Maintenance);
        Assert.Equal(("ups-c", "battery swap", "kim@ops", started.Until), (window.DeviceId, window.Reason, window.By, window.Until));
        foreach (var m in Settings.Members) Report(recovered, m, DeviceHealth.Healthy);
        await AwaitAssertAsync(async () => Assert.Equal("2 of 2 healthy, need 1 (1 in maintenance)", (await StatusAsync(recovered)).Count?.ToString()),
            TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Group_should_publish_its_recent_maintenance_facts_again_after_a_restart_under_the_same_ids()
    {
        // The node may have died after journaling a start or an end and before the fact reached the notifier and the history.
        var facts = Facts();
        var group = await EveryMemberHealthyAsync(CreateTestProbe());
        var started = await BatterySwapAsync(group, facts);
        Assert.Null(await MaintainAsync(group, new MaintenanceEnd("ups-c", "kim@ops")));
        var ended = await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(TimeSpan.FromSeconds(10));
        Assert.Equal(("started", "ended"), (started.Change, ended.Change));

        await RestartAsync(group);
        var again = new[] { await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(TimeSpan.FromSeconds(10)), await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(TimeSpan.FromSeconds(10)) };
        Assert.Equal([started, ended], again); // the same facts, ids included: the outbox and the history keep each once
    }

    [Fact]
    public async Task Group_should_end_maintenance_by_itself_at_expiry_and_say_so()
    {
        var facts = Facts();
        var group = await EveryMemberHealthyAsync(CreateTestProbe());
        Assert.Null(await MaintainAsync(group, new MaintenanceStart("ups-b", TimeSpan.FromSeconds(2), "service", "kim@ops")));
        await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(m => Assert.Equal("started", m.Change), TimeSpan.FromSeconds(10));
        var expired = await facts.ExpectMsgAsync<DeviceMaintenanceChanged>(TimeSpan.FromSeconds(10));
        Assert.Equal(("ups-b", "expired", "expiry", "service"), (expired.Device, expired.Change, expired.By, expired.Reason));
        var status = await StatusAsync(group);
        Assert.Empty(status.Maintenance);
        Assert.Equal("3 of 3 healthy, need 1", status.Count?.ToString());
    }

    [Fact]
    public async Task Group_should_lose_quorum_and_start_the_saga_when_the_other_members_fail_during_maintenance()
    {
        var agents = CreateTestProbe();
        var group = await EveryMemberHealthyAsync(agents);
        Assert.Null(await MaintainAsync(group, new MaintenanceStart("ups-c", TimeSpan.FromHours(1), "battery swap", "kim@ops")));
        Report(group, "ups-a", DeviceHealth.Critical);
        Report(group, "ups-b", DeviceHealth.Critical); // ups-c still reports HEALTHY, but it is out of the count

        var step = (ExecuteStep)((Publish)await agents.FishForMessageAsync(m => m is Publish { Message: ExecuteStep }, TimeSpan.FromSeconds(15))).Message;
        Assert.StartsWith("rack-a-1-", step.SagaId);
        var status = await StatusAsync(group);
        Assert.Equal((GroupState.QuorumLost, "0 of 2 healthy, need 1 (1 in maintenance)"), (status.State, status.Count?.ToString()));
        Assert.Contains("is shutting down", await MaintainAsync(group, new MaintenanceStart("ups-a", TimeSpan.FromHours(1), "late", "kim@ops")));
    }

    [Fact]
    public async Task Group_should_not_tell_agents_it_is_on_battery_when_only_the_member_in_maintenance_is()
    {
        var agents = CreateTestProbe();
        var group = await EveryMemberHealthyAsync(agents);
        Assert.Null(await MaintainAsync(group, new MaintenanceStart("ups-c", TimeSpan.FromHours(1), "battery swap", "kim@ops")));
        agents.ReceiveWhile(TimeSpan.FromMilliseconds(200), m => m); // heartbeats from before
        group.Tell(new DeviceReport("ups-c", new HealthAssessment(DeviceHealth.Degraded, "test", []),
            new Reading("ups-c", DateTimeOffset.UtcNow, false, true, false, false, 50, null, 30, 230, 300, "OB"), DateTimeOffset.UtcNow, true));
        // Two heartbeats (every 2 s) after the report: all say on line.
        for (var i = 0; i < 2; i++)
        {
            var heartbeat = (GroupPowerState)((Publish)await agents.FishForMessageAsync(m => m is Publish { Message: GroupPowerState }, TimeSpan.FromSeconds(10))).Message;
            Assert.False(heartbeat.OnBattery, heartbeat.Reason);
        }
    }
}
