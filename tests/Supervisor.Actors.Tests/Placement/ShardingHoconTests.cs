using Supervisor.Actors.Coordination;
using Supervisor.Actors.Placement;

namespace Supervisor.Actors.Tests.Placement;

public class ShardingHoconTests
{
    private static readonly SupervisorSettings Fleet = new("data", [], [], null);
    private static readonly PlacementSettings Sharded = new(PlacementMode.Sharded, 30);

    [Fact]
    public void Sharding_settings_should_be_empty_for_the_singleton()
    {
        Assert.True(ShardingHocon.For(Fleet).IsEmpty);
    }

    [Fact]
    public void Sharding_should_run_on_supervisor_nodes_in_ddata_mode_and_never_passivate_a_partition()
    {
        var c = ShardingHocon.For(Fleet with { Placement = Sharded });
        Assert.Equal("supervisor", c.GetString("akka.cluster.sharding.role"));
        Assert.Equal("ddata", c.GetString("akka.cluster.sharding.state-store-mode"));
        Assert.False(c.GetBoolean("akka.cluster.sharding.remember-entities"));
        // Default 120 s would stop a partition that gets no messages, i.e. every one in steady state.
        Assert.Equal("off", c.GetString("akka.cluster.sharding.passivate-idle-entity-after"));
        Assert.Equal(TimeSpan.FromSeconds(1), c.GetTimeSpan("akka.cluster.sharding.coordinator-failure-backoff"));
        Assert.Equal("", c.GetString("akka.cluster.sharding.use-lease", ""));
    }

    [Fact]
    public void Sharding_should_guard_each_shard_with_the_postgresql_lease_when_the_journal_is_postgresql()
    {
        var c = ShardingHocon.For(Fleet with { Placement = Sharded, Journal = new JournalSettings(JournalProvider.PostgreSql, "Host=db") });
        Assert.Equal(ShardingHocon.LeaseConfigPath, c.GetString("akka.cluster.sharding.use-lease"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), c.GetTimeSpan("akka.cluster.sharding.lease-retry-interval"));
        var block = c.GetConfig(ShardingHocon.LeaseConfigPath);
        Assert.Equal(typeof(PostgresLease), Type.GetType(block.GetString("lease-class"), throwOnError: true));
        Assert.Equal("Host=db", block.GetString("connection-string"));
        // A shard releases only once its partition has stopped: no grace, so the next node gets it at its first try.
        Assert.Equal(TimeSpan.Zero, block.GetTimeSpan("release-grace"));
        Assert.Equal(TimeSpan.FromSeconds(6), block.GetTimeSpan("heartbeat-timeout"));
    }
}
