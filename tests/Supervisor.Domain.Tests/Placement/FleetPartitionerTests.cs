using Supervisor.Domain.Tests.Configuration;
using static Supervisor.Domain.Tests.Configuration.SampleSettings;

namespace Supervisor.Domain.Tests.Placement;

public class FleetPartitionerTests
{
    /// <summary>n independent groups g0000… of two devices each (d0000a, d0000b…), plus extra devices in no group.</summary>
    private static SupervisorSettings Fleet(int groups, int loneDevices = 0) => SampleSettings.Valid() with
    {
        Devices = Enumerable.Range(0, groups).SelectMany(i => new[] { Device($"d{i:D4}a"), Device($"d{i:D4}b") })
            .Concat(Enumerable.Range(0, loneDevices).Select(i => Device($"lone{i}"))).ToList(),
        Groups = Enumerable.Range(0, groups).Select(i => Group($"g{i:D4}", [$"d{i:D4}a", $"d{i:D4}b"], Phase("vms", Step("hv-1", "stop-vms")))).ToList(),
    };

    [Fact]
    public void Every_device_and_group_lands_in_exactly_one_partition_and_file_order_is_kept()
    {
        var fleet = Fleet(200, loneDevices: 7);
        var parts = FleetPartitioner.Split(fleet, 30);

        Assert.Equal(30, parts.Count);
        Assert.Equal(fleet.Devices.Select(d => d.Id).Order(), parts.SelectMany(p => p.Devices).Select(d => d.Id).Order());
        Assert.Equal(fleet.Groups.Select(g => g.Id).Order(), parts.SelectMany(p => p.Groups).Select(g => g.Id).Order());
        foreach (var p in parts)
        {
            Assert.Equal(fleet.Devices.Where(p.Devices.Contains).Select(d => d.Id), p.Devices.Select(d => d.Id));
            Assert.Equal(fleet.Groups.Where(p.Groups.Contains).Select(g => g.Id), p.Groups.Select(g => g.Id));
        }
    }

    [Fact]
    public void A_group_and_all_its_members_share_a_partition()
    {
        var parts = FleetPartitioner.Split(Fleet(200), 30);
        foreach (var p in parts)
        foreach (var g in p.Groups)
            Assert.All(g.Members, m => Assert.Contains(p.Devices, d => d.Id == m));
    }

    [Fact]
    public void Groups_that_share_a_device_travel_together_even_through_a_chain()
    {
        // g-a and g-c share nothing directly but are linked through g-b: all three form one component.
        var fleet = SampleSettings.Valid() with
        {
            Devices = [Device("u1"), Device("u2"), Device("u3"), Device("u4")],
            Groups =
            [
                Group("g-a", ["u1"], Phase("vms", Step("hv-1", "stop-vms"))),
                Group("g-b", ["u1", "u3"], Phase("vms", Step("hv-1", "stop-vms"))),
                Group("g-c", ["u3", "u4"], Phase("vms", Step("hv-1", "stop-vms"))),
                Group("g-z", ["u2"], Phase("vms", Step("hv-1", "stop-vms"))),
            ],
        };
        for (var n = 1; n <= 50; n++)
        {
            var parts = FleetPartitioner.Split(fleet, n);
            var home = parts.Single(p => p.Groups.Any(g => g.Id == "g-a"));
            Assert.Equal(["g-a", "g-b", "g-c"], home.Groups.Select(g => g.Id).Where(id => id != "g-z"));
            Assert.Equal(["u1", "u3", "u4"], home.Devices.Select(d => d.Id).Where(id => id != "u2"));
        }
    }

    [Fact]
    public void The_split_does_not_depend_on_file_order()
    {
        var fleet = Fleet(100, loneDevices: 3);
        var shuffled = fleet with
        {
            Devices = fleet.Devices.Reverse().ToList(),
            Groups = fleet.Groups.OrderBy(g => g.Id.GetHashCode()).ToList(),
        };
        var a = FleetPartitioner.Split(fleet, 30);
        var b = FleetPartitioner.Split(shuffled, 30);
        for (var p = 0; p < 30; p++)
        {
            Assert.Equal(a[p].Devices.Select(d => d.Id).Order(), b[p].Devices.Select(d => d.Id).Order());
            Assert.Equal(a[p].Groups.Select(g => g.Id).Order(), b[p].Groups.Select(g => g.Id).Order());
        }
    }

    [Fact]
    public void Adding_an_unrelated_group_moves_no_other_group()
    {
        var before = FleetPartitioner.Split(Fleet(100), 30);
        var after = FleetPartitioner.Split(Fleet(101), 30); // g0100 is new and shares no device
        for (var p = 0; p < 30; p++)
            Assert.Equal(before[p].Groups.Select(g => g.Id), after[p].Groups.Select(g => g.Id).Where(id => id != "g0100"));
    }

    [Fact]
    public void The_bucket_of_a_name_is_pinned_so_every_node_and_release_agrees()
    {
        // FNV-1a; if this changes, nodes of different versions would run the same group in two partitions at once.
        Assert.Equal(2166136261u % 30, (uint)FleetPartitioner.Bucket("", 30));
        Assert.Equal(0xE40C292Cu % 1000, (uint)FleetPartitioner.Bucket("a", 1000));
    }

    [Fact]
    public void A_thousand_independent_groups_spread_over_thirty_partitions_without_empty_or_crowded_ones()
    {
        var sizes = FleetPartitioner.Split(Fleet(1000), 30).Select(p => p.Groups.Count).ToList();
        Assert.All(sizes, n => Assert.InRange(n, 15, 60)); // mean 33.3
    }

    [Fact]
    public void One_partition_holds_the_whole_fleet()
    {
        var fleet = Fleet(20, loneDevices: 2);
        var only = Assert.Single(FleetPartitioner.Split(fleet, 1));
        Assert.Equal(fleet.Devices, only.Devices);
        Assert.Equal(fleet.Groups, only.Groups);
        Assert.Equal(fleet.Agent, only.Agent);
    }

    [Fact]
    public void Zero_partitions_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FleetPartitioner.Split(Fleet(1), 0));
    }
}
