using Akka.Cluster.Sharding;

namespace Supervisor.Actors.Placement;

/// <summary>
/// Sharded placement: the status of one fleet partition (entity id = shard id = the partition number), answered by that
/// partition's <see cref="Supervision.SupervisorRootActor"/> with its devices and groups only. The sagas are in the
/// shared journal, so the merging side reads them once instead of once per partition.
/// </summary>
public sealed record PartitionStatusRequest(int Partition) : IWireMessage;

/// <summary>Routes <see cref="PartitionStatusRequest"/> and maintenance requests addressed to a partition: one entity per shard, both named by the partition number.</summary>
public sealed class PartitionMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        PartitionStatusRequest p => EntityIdOf(p.Partition),
        Groups.IPartitionAddressed { Partition: { } partition } => EntityIdOf(partition),
        _ => null, // ShardRegion.StartEntity (the keep-alive) is routed by Akka itself, via ShardId(entityId)
    };

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    public static string EntityIdOf(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
