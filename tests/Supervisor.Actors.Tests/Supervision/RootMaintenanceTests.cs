using Supervisor.Actors.Groups;
using Supervisor.Actors.Supervision;
using Supervisor.Actors.Tests.Devices;

namespace Supervisor.Actors.Tests.Supervision;

/// <summary>The fleet root puts a device in maintenance in every group it is in, or in none, and shows it in status.</summary>
public class RootMaintenanceTests(ITestOutputHelper output) : PersistentTestKit(output)
{
    private static DeviceSettings Ups(string id) => new(id, "fake", TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(5),
        TimeSpan.FromSeconds(1), TimeSpan.Zero, TriggerSettings.Defaults, new FakeDriverOptions());

    private static GroupSettings Group(string id, int minHealthy, params string[] members) => new(id, members, minHealthy, CountsAs.Healthy, CountsAs.Critical,
        TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(60),
        new ShutdownSettings(TimeSpan.FromSeconds(60), PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5),
            [new PhaseSettings("local-host", [new StepSettings("h", "poweroff", TimeSpan.FromSeconds(30), true)])]));

    private IActorRef Root(params GroupSettings[] groups)
    {
        var devices = new[] { Ups("ups-a"), Ups("ups-b") };
        return Sys.ActorOf(SupervisorRootActor.Props(new SupervisorSettings("data", devices, groups, null), d =>
        {
            var driver = new FakeDeviceDriver(d.Id);
            driver.AnswerOnLine();
            return driver;
        }, CreateTestProbe().Ref), "root");
    }

    private static Task<MaintenanceResult> StartAsync(IActorRef root, string device) =>
        root.Ask<MaintenanceResult>(new MaintenanceStart(device, TimeSpan.FromHours(1), "battery swap", "kim@ops"), TimeSpan.FromSeconds(10));

    /// <summary>Waits until every device has reported HEALTHY to its groups (a start is refused while the others are not known healthy).</summary>
    private async Task<StatusView> HealthyAsync(IActorRef root)
    {
        StatusView? status = null;
        await AwaitAssertAsync(async () =>
        {
            status = await root.Ask<StatusView>(StatusRequest.Instance, TimeSpan.FromSeconds(5));
            Assert.All(status.Groups, g => Assert.Equal(g.Members, g.Healthy));
        }, TimeSpan.FromSeconds(15));
        return status!;
    }

    [Fact]
    public async Task Root_should_refuse_an_unknown_device_naming_the_known_ones()
    {
        var root = Root(Group("rack-a", 1, "ups-a", "ups-b"));
        var result = await StartAsync(root, "ups-z");
        Assert.False(result.Ok);
        Assert.Equal("unknown device \"ups-z\"; known devices: ups-a, ups-b", result.Message);
    }

    [Fact]
    public async Task Root_should_journal_nothing_when_one_of_the_device_groups_refuses()
    {
        // rack-b has ups-b alone: without it, quorum would be impossible there; rack-a would accept.
        var root = Root(Group("rack-a", 1, "ups-a", "ups-b"), Group("rack-b", 1, "ups-b"));
        await HealthyAsync(root);
        var result = await StartAsync(root, "ups-b");
        Assert.False(result.Ok);
        Assert.Contains("group rack-b would keep 0 member(s) outside maintenance for min-healthy 1", result.Message);
        Assert.Empty((await root.Ask<MaintenanceListView>(MaintenanceList.Instance, TimeSpan.FromSeconds(5))).Windows);
    }

    [Fact]
    public async Task Root_should_put_a_shared_device_in_maintenance_in_all_its_groups_show_it_and_end_it()
    {
        var root = Root(Group("rack-a", 1, "ups-a", "ups-b"), Group("rack-b", 1, "ups-a", "ups-b"));
        await HealthyAsync(root);
        var result = await StartAsync(root, "ups-b");
        Assert.True(result.Ok, result.Message);
        Assert.Equal(["rack-a", "rack-b"], Assert.Single(result.Windows).Groups);

        var list = await root.Ask<MaintenanceListView>(MaintenanceList.Instance, TimeSpan.FromSeconds(5));
        var row = Assert.Single(list.Windows);
        Assert.Equal(("ups-b", "battery swap", "kim@ops"), (row.Device, row.Reason, row.By));
        var status = await root.Ask<StatusView>(StatusRequest.Instance, TimeSpan.FromSeconds(5));
        var device = status.Devices.Single(d => d.Id == "ups-b");
        Assert.Equal("MAINTENANCE", device.Health);
        Assert.Contains("(by kim@ops: battery swap); live health HEALTHY", device.Reason);
        Assert.All(status.Groups, g =>
        {
            Assert.Equal(["ups-b"], g.InMaintenance);
            Assert.Equal(1, g.Healthy); // of the one member left in the count
        });

        var ended = await root.Ask<MaintenanceResult>(new MaintenanceEnd("ups-b", "kim@ops"), TimeSpan.FromSeconds(10));
        Assert.True(ended.Ok, ended.Message);
        Assert.Empty((await root.Ask<MaintenanceListView>(MaintenanceList.Instance, TimeSpan.FromSeconds(5))).Windows);
        var again = await root.Ask<MaintenanceResult>(new MaintenanceEnd("ups-b", "kim@ops"), TimeSpan.FromSeconds(10));
        Assert.Equal((false, "device ups-b is not in maintenance (`supervisor maintenance list` shows who is)"), (again.Ok, again.Message));
    }

    [Fact]
    public async Task Root_should_name_a_group_that_does_not_answer_instead_of_leaving_its_devices_out_or_calling_them_not_in_maintenance()
    {
        var root = Root(Group("rack-a", 1, "ups-a", "ups-b"), Group("rack-b", 1, "ups-a", "ups-b"));
        await HealthyAsync(root);
        Assert.True((await StartAsync(root, "ups-b")).Ok);
        var rackB = await Sys.ActorSelection(root.Path / SupervisorRootActor.GroupChildName("rack-b")).ResolveOne(TimeSpan.FromSeconds(3));
        Watch(rackB);
        Sys.Stop(rackB); // stands in for a group that is restarting or starved: it does not answer
        await ExpectTerminatedAsync(rackB);

        var list = await root.Ask<MaintenanceListView>(MaintenanceList.Instance, TimeSpan.FromSeconds(10));
        Assert.Equal(["rack-b"], list.Unanswered);
        var ended = await root.Ask<MaintenanceResult>(new MaintenanceEnd("ups-b", "kim@ops"), TimeSpan.FromSeconds(10));
        Assert.False(ended.Ok);
        Assert.Equal("group(s) rack-b did not answer within 2s (restarting?); try again", ended.Message);
    }
}
