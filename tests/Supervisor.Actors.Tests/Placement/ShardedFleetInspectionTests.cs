using Supervisor.Actors.Placement;
using Supervisor.Domain.Placement;

namespace Supervisor.Actors.Tests.Placement;

public class ShardedFleetInspectionTests
{
    private static DeviceSettings Device(string id) => new(id, "fake", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.Zero,
        TimeSpan.Zero, TriggerSettings.Defaults, new Supervisor.Actors.Tests.Devices.FakeDriverOptions());

    private static GroupSettings Group(string id, params string[] members) => new(id, members, 1, CountsAs.Healthy, CountsAs.Critical, null,
        TimeSpan.FromSeconds(60), new ShutdownSettings(TimeSpan.Zero, PowerRestoredPolicy.Abort, TimeSpan.FromSeconds(5),
            [new PhaseSettings("vms", [new StepSettings("h", "stop-vms", TimeSpan.FromSeconds(30), false)])]));

    /// <summary>Twelve one-device groups over four partitions.</summary>
    private static readonly SupervisorSettings Fleet = new("data",
        Enumerable.Range(0, 12).Select(i => Device($"ups-{i:D2}")).ToList(),
        Enumerable.Range(0, 12).Select(i => Group($"g-{i:D2}", $"ups-{i:D2}")).ToList(), null);

    private static readonly IReadOnlyList<SupervisorSettings> Parts = FleetPartitioner.Split(Fleet, 4);

    /// <summary>A partition's answer: its devices and groups, no sagas (those are read once, beside the partitions).</summary>
    private static StatusView Answer(int p, string node) => new(node,
        Parts[p].Devices.Select(d => new DeviceView(d.Id, d.Driver, "HEALTHY", "on line", false, 100, 1800, false, null, "OL", null)).ToList(),
        Parts[p].Groups.Select(g => new GroupView(g.Id, "HEALTHY", 0, null, 1, 1, 1, 1800)).ToList(),
        []);

    private static readonly SagaView[] Sagas = [new("g-03-1", "g-03", "COMPLETED", null, 1, 1, null, null, null, 1, 1, 0, 0, 0)];

    [Fact]
    public void Merge_should_give_one_view_of_the_whole_fleet_in_config_order_naming_every_node()
    {
        Assert.True(Parts.Count(p => p.Groups.Count > 0) >= 2, "the fixture should spread over several partitions");
        var answers = Enumerable.Range(0, 4).Select(p => (object)Answer(p, p % 2 == 0 ? "akka.tcp://supervisor@b:2" : "akka.tcp://supervisor@a:1")).ToList();

        var view = Assert.IsType<StatusView>(ShardedFleetInspection.Merge(Fleet, Parts, answers, Sagas));

        Assert.Equal(Fleet.Devices.Select(d => d.Id), view.Devices.Select(d => d.Id));
        Assert.Equal(Fleet.Groups.Select(g => g.Id), view.Groups.Select(g => g.Id));
        Assert.Equal("akka.tcp://supervisor@a:1, akka.tcp://supervisor@b:2", view.SupervisorNode);
        Assert.Equal("g-03-1", Assert.Single(view.Sagas).SagaId); // read once from the shared journal, not per partition
    }

    [Fact]
    public void Merge_should_show_a_silent_partitions_devices_unknown_and_groups_no_answer_naming_the_partition()
    {
        var silent = Enumerable.Range(0, 4).First(p => Parts[p].Groups.Count > 0);
        var answers = Enumerable.Range(0, 4).Select(p => p == silent
            ? (object)new InspectionFailed($"partition {p} did not answer within 3s (AskTimeoutException)")
            : Answer(p, "akka.tcp://supervisor@a:1")).ToList();

        var view = Assert.IsType<StatusView>(ShardedFleetInspection.Merge(Fleet, Parts, answers, Sagas));

        Assert.Equal(12, view.Devices.Count);
        Assert.All(view.Devices.Where(d => Parts[silent].Devices.Any(x => x.Id == d.Id)), d =>
        {
            Assert.Equal("UNKNOWN", d.Health);
            Assert.Contains($"partition {silent} did not answer", d.Reason);
        });
        Assert.All(view.Groups.Where(g => Parts[silent].Groups.Any(x => x.Id == g.Id)), g => Assert.StartsWith("NO ANSWER (partition", g.State));
        Assert.All(view.Groups.Where(g => Parts[silent].Groups.All(x => x.Id != g.Id)), g => Assert.Equal("HEALTHY", g.State));
    }

    [Fact]
    public void Merge_should_fail_clearly_when_no_partition_answers()
    {
        var answers = Enumerable.Range(0, 4).Select(p => (object)new InspectionFailed($"partition {p} did not answer")).ToList();
        var failed = Assert.IsType<InspectionFailed>(ShardedFleetInspection.Merge(Fleet, Parts, answers, Sagas));
        Assert.Contains("no fleet partition answered", failed.Message);
        Assert.Contains("supervisor cluster show", failed.Message);
    }

    [Fact]
    public void Extractor_should_route_a_status_request_to_its_partition()
    {
        var extractor = new PartitionMessageExtractor();
        var message = new PartitionStatusRequest(7);

        Assert.Equal(("7", "7"), (extractor.EntityId(message), extractor.ShardId(message)));
        Assert.Same(message, extractor.EntityMessage(message));
        Assert.Equal("12", extractor.ShardId("12")); // StartEntity from the keep-alive: Akka asks by entity id
        Assert.Null(extractor.EntityId("something else"));
    }
}
