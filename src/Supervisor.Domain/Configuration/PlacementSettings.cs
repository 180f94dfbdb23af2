namespace Supervisor.Domain.Configuration;

/// <summary>Where devices and groups run in a cluster (<c>supervisor.placement.mode</c>).</summary>
public enum PlacementMode
{
    /// <summary>The whole fleet in one cluster singleton on the oldest supervisor node; the others stand by (the default).</summary>
    Singleton,
    /// <summary>The fleet split into partitions that Cluster Sharding spreads over every supervisor node.</summary>
    Sharded,
}

/// <summary>The <c>supervisor.placement</c> section.</summary>
/// <param name="Partitions">Sharded only: how many partitions the fleet is split into (each a shard with one entity).</param>
public sealed record PlacementSettings(PlacementMode Mode, int Partitions)
{
    public const int DefaultPartitions = 30;
    public const int MaxPartitions = 1000;

    public static PlacementSettings Singleton { get; } = new(PlacementMode.Singleton, DefaultPartitions);
}
