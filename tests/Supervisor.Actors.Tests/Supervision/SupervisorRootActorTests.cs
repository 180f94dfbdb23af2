using Akka.Actor;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Supervision;
using Supervisor.Actors.Tests.Devices;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Health;
using Xunit.Abstractions;

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
