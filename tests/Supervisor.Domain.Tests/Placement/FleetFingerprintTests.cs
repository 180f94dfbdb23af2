using Supervisor.Domain.Tests.Configuration;
using static Supervisor.Domain.Tests.Configuration.SampleSettings;

namespace Supervisor.Domain.Tests.Placement;

public class FleetFingerprintTests
{
    private static readonly SupervisorSettings Fleet = SampleSettings.Valid();

    [Fact]
    public void Fingerprint_should_ignore_order_and_settings_that_do_not_decide_where_a_group_runs()
    {
        var reordered = Fleet with
        {
            Devices = Fleet.Devices.Reverse().Select(d => d with { PollInterval = TimeSpan.FromSeconds(9) }).ToList(),
            Groups = Fleet.Groups.Select(g => g with { Members = g.Members.Reverse().ToList(), MinHealthy = 2 }).ToList(),
            Agent = null,
            DataDir = "elsewhere",
        };
        Assert.Equal(FleetFingerprint.Of(Fleet), FleetFingerprint.Of(reordered));
    }

    [Fact]
    public void Fingerprint_should_change_with_a_device_a_member_or_the_placement()
    {
        var base_ = FleetFingerprint.Of(Fleet).Hash;
        Assert.NotEqual(base_, FleetFingerprint.Of(Fleet with { Devices = [.. Fleet.Devices, Device("ups-c")] }).Hash);
        Assert.NotEqual(base_, FleetFingerprint.Of(Fleet.WithFirstGroup(g => g with { Members = ["ups-a"] })).Hash);
        Assert.NotEqual(base_, FleetFingerprint.Of(Fleet with { Placement = new PlacementSettings(PlacementMode.Sharded, 30) }).Hash);
        Assert.NotEqual(FleetFingerprint.Of(Fleet with { Placement = new PlacementSettings(PlacementMode.Sharded, 30) }).Hash,
            FleetFingerprint.Of(Fleet with { Placement = new PlacementSettings(PlacementMode.Sharded, 31) }).Hash);
        // The partition count means nothing for a singleton.
        Assert.Equal(base_, FleetFingerprint.Of(Fleet with { Placement = PlacementSettings.Singleton with { Partitions = 7 } }).Hash);
    }

    [Fact]
    public void Fingerprint_summary_should_say_what_an_operator_compares()
    {
        var f = FleetFingerprint.Of(Fleet with { Placement = new PlacementSettings(PlacementMode.Sharded, 12) });
        Assert.Equal($"sharded over 12 partitions, 2 device(s), 1 group(s), fingerprint {f.Hash}", f.Summary);
        Assert.Matches("^[0-9a-f]{12}$", f.Hash);
    }
}
