using Akka.Configuration;
using Supervisor.Actors.Coordination;
using Supervisor.Domain;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Placement;

/// <summary>
/// Cluster Sharding settings for <c>placement.mode = sharded</c> (empty for the singleton). Layer BELOW the user's
/// file, like the lease, so each key can still be tuned there.
/// </summary>
public static class ShardingHocon
{
    /// <summary>The shards' lease settings; <c>akka.cluster.sharding.use-lease</c> names this path.</summary>
    public const string LeaseConfigPath = "akka.cluster.sharding.postgresql-lease";

    public static Config For(SupervisorSettings settings)
    {
        if (settings.Placement.Mode != PlacementMode.Sharded) return Config.Empty;
        // With PostgreSQL each shard holds a lease in that database before its partition starts, as the singleton
        // does: the two sides of a partition can never both run a group (see SingletonLeaseHocon). No release grace:
        // a shard releases its lease only after its partition has stopped (the singleton manager releases earlier),
        // and a grace would only make the next node's first try fail, which Akka logs as an ERROR.
        var lease = settings.Journal.Provider == JournalProvider.PostgreSql
            ? $"use-lease = \"{LeaseConfigPath}\"\n  lease-retry-interval = 500ms\n  postgresql-lease {SingletonLeaseHocon.LeaseBlock(settings.Journal, TimeSpan.Zero)}"
            : "";
        return ConfigurationFactory.ParseString($$"""
            akka.cluster.sharding {
              role = {{ClusterNames.Roles.Supervisor}}
              # Coordinator state in memory, replicated: nothing to clean up in the journal, nothing stale after a restart.
              state-store-mode = ddata
              # Every partition always runs; PartitionKeepAlive restarts one wherever sharding puts it.
              remember-entities = off
              # A partition gets no messages in steady state (its devices poll on timers): it must never be passivated.
              passivate-idle-entity-after = off
              # Defaults 5 s and 2 s: how long regions wait before re-registering with a coordinator that moved.
              coordinator-failure-backoff = 1s
              retry-interval = 500ms
              # A joining supervisor node gets its share within seconds (Akka's defaults move one shard per 10 s). Once
              # the counts are even nothing moves; a moved partition stops before it starts elsewhere, and its groups
              # restart inside their start-up grace, as after any restart.
              rebalance-interval = 2s
              least-shard-allocation-strategy {
                rebalance-absolute-limit = 100
                rebalance-relative-limit = 0.5
              }
              {{lease}}
            }
            """);
    }
}
