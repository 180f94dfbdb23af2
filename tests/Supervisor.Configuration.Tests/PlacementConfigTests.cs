using static Supervisor.Configuration.Tests.LoaderTestSupport;

namespace Supervisor.Configuration.Tests;

public class PlacementConfigTests
{
    private const string Postgres = "\nsupervisor.journal { provider = postgresql, connection-string = \"Host=db\" }";

    [Fact]
    public void Placement_should_default_to_one_singleton()
    {
        Assert.Equal(PlacementSettings.Singleton, LoadValid(Base).Placement);
    }

    [Fact]
    public void Placement_should_read_sharded_with_a_partition_count()
    {
        var p = LoadValid(Base + Postgres + "\nsupervisor.placement { mode = sharded, partitions = 12 }").Placement;
        Assert.Equal(new PlacementSettings(PlacementMode.Sharded, 12), p);
    }

    [Fact]
    public void Placement_should_default_to_thirty_partitions_when_sharded()
    {
        Assert.Equal(30, LoadValid(Base + Postgres + "\nsupervisor.placement.mode = sharded").Placement.Partitions);
    }

    [Fact]
    public void Placement_should_warn_that_sharding_over_sqlite_forgets_state_when_a_partition_moves()
    {
        var result = Load(Base + "\nsupervisor.placement.mode = sharded");
        Assert.Empty(result.Errors);
        var w = Assert.Single(result.Warnings, w => w.Path == "supervisor.placement.mode");
        Assert.Contains("use journal.provider = postgresql", w.Message);
        Assert.DoesNotContain(Load(Base + Postgres + "\nsupervisor.placement.mode = sharded").Warnings, x => x.Path == "supervisor.placement.mode");
    }

    [Fact]
    public void Placement_should_warn_about_an_unknown_key()
    {
        AssertWarned(Base + "\nsupervisor.placement { mode = singleton, partition = 4 }", "supervisor.placement.partition");
    }
}
