using Akka.Cluster.Sharding;
using Supervisor.Actors.Inspection;

namespace Supervisor.Actors.Placement;

/// <summary>
/// Sharded placement: an inspection request for one fleet partition (entity id = shard id = the partition number).
/// Exactly one request is set; the partition's <see cref="Supervision.SupervisorRootActor"/> receives it unwrapped.
/// Concrete fields rather than an <c>object</c> so the wire format stays plain JSON with known types.
/// </summary>
public sealed record ToPartition(int Partition, StatusRequest? Status = null, SagaListRequest? SagaList = null, SagaDetailRequest? SagaDetail = null)
    : IWireMessage
{
    public object Unwrap() => (object?)Status ?? (object?)SagaList ?? SagaDetail
        ?? throw new InvalidOperationException($"ToPartition({Partition}) carries no request");
}

/// <summary>Routes <see cref="ToPartition"/>: one entity per shard, both named by the partition number.</summary>
public sealed class PartitionMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => message switch
    {
        ToPartition p => EntityIdOf(p.Partition),
        _ => null, // ShardRegion.StartEntity (the keep-alive) is routed by Akka itself, via ShardId(entityId)
    };

    public object? EntityMessage(object message) => message is ToPartition p ? p.Unwrap() : message;

    public string? ShardId(object message) => EntityId(message);

    public string ShardId(string entityId, object? messageHint = null) => entityId;

    public static string EntityIdOf(int partition) => partition.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
