using Supervisor.Actors.Supervision;
using Supervisor.Actors.Tests.Devices;
using Supervisor.Domain.Health.Triggers;

namespace Supervisor.Actors.Tests.Supervision;

public class SupervisorRootActorTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static readonly DeviceSettings Ups = new("ups-a", "fake", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, new FakeDriverOptions());

    private static readonly GroupSettings Rack = new("rack-a", ["ups-a"], 1, CountsAs.Healthy, CountsAs.Healthy, null, TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5),
            [new PhaseSettings("local-host", [new StepSettings("h", "poweroff", TimeSpan.FromSeconds(30), true)])]));

    [Fact]
    public void Root_should_forward_a_report_request_to_the_named_devices_and_they_answer_the_asker()
    {
        var driver = new FakeDeviceDriver("ups-a");
        driver.AnswerOnLine();
        var root = Sys.ActorOf(SupervisorRootActor.Props(new SupervisorSettings("data", [Ups], [Rack], null), _ => driver, CreateTestProbe().Ref), "root");
        var asker = CreateTestProbe();
        AwaitAssert(() =>
        {
            root.Tell(new RequestDeviceReports(["ups-a"]), asker.Ref);
            var report = asker.ExpectMsg<DeviceReport>(TimeSpan.FromSeconds(1));
            Assert.Equal(("ups-a", DeviceHealth.Healthy), (report.DeviceId, report.Assessment.Health));
        }, TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Root_should_give_each_group_the_assessment_for_its_own_triggers_when_a_shared_device_is_judged_more_strictly_by_one()
    {
        // ups-a at 30 % on battery: rack-a keeps the device's charge trigger (20 %), rack-b overrides it with 40 %.
        var driver = new FakeDeviceDriver("ups-a");
        driver.AnswerOnBattery(charge: 30);
        var ups = Ups with { Triggers = TriggerSettings.Defaults with { OnBatteryDelay = TimeSpan.Zero } };
        var strict = Rack with { Id = "rack-b", Triggers = TriggerOverrides.Of(ChargeTrigger.LimitPercent.Override(40)) };
        var root = Sys.ActorOf(SupervisorRootActor.Props(new SupervisorSettings("data", [ups], [Rack, strict], null), _ => driver, CreateTestProbe().Ref), "root");
        var asker = CreateTestProbe();

        DeviceReport Ask(string? group)
        {
            root.Tell(new RequestDeviceReports(["ups-a"], group), asker.Ref);
            return asker.ExpectMsg<DeviceReport>(TimeSpan.FromSeconds(1));
        }
        AwaitAssert(() =>
        {
            Assert.Equal(DeviceHealth.Degraded, Ask("rack-a").Assessment.Health);
            var strictReport = Ask("rack-b");
            Assert.Equal(DeviceHealth.Critical, strictReport.Assessment.Health);
            Assert.Contains("charge 30% ≤ 40% on battery", strictReport.Assessment.Reason);
            Assert.Equal(DeviceHealth.Degraded, Ask(null).Assessment.Health); // status shows the device by its own triggers
        }, TimeSpan.FromSeconds(10));

        // The groups' quorum follows: rack-b counts its member as critical.
        AwaitAssert(() =>
        {
            var lenient = Sys.ActorSelection(root.Path / SupervisorRootActor.GroupChildName("rack-a")).Ask<Supervisor.Actors.Groups.GroupStatus>(
                Supervisor.Actors.Groups.GetGroupStatus.Instance, TimeSpan.FromSeconds(1)).Result;
            var strictStatus = Sys.ActorSelection(root.Path / SupervisorRootActor.GroupChildName("rack-b")).Ask<Supervisor.Actors.Groups.GroupStatus>(
                Supervisor.Actors.Groups.GetGroupStatus.Instance, TimeSpan.FromSeconds(1)).Result;
            Assert.Equal((1, 0), (lenient.Count?.Healthy, strictStatus.Count?.Healthy));
        }, TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void Root_should_ignore_a_request_for_a_device_it_does_not_own()
    {
        var root = Sys.ActorOf(SupervisorRootActor.Props(new SupervisorSettings("data", [], [], null), _ => throw new InvalidOperationException(), CreateTestProbe().Ref), "root");
        var asker = CreateTestProbe();
        root.Tell(new RequestDeviceReports(["nope"]), asker.Ref);
        asker.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Root_should_answer_a_partition_status_with_its_devices_and_groups_and_leave_the_sagas_to_the_merging_side()
    {
        var driver = new FakeDeviceDriver("ups-a");
        driver.AnswerOnLine();
        var root = Sys.ActorOf(SupervisorRootActor.Props(new SupervisorSettings("data", [Ups], [Rack], null), _ => driver, CreateTestProbe().Ref,
            partition: "3/30"), "root");

        var view = await root.Ask<Supervisor.Actors.Inspection.StatusView>(new Supervisor.Actors.Placement.PartitionStatusRequest(3), TimeSpan.FromSeconds(10));

        Assert.Equal(["ups-a"], view.Devices.Select(d => d.Id));
        Assert.Equal(["rack-a"], view.Groups.Select(g => g.Id));
        Assert.Empty(view.Sagas);
    }
}
