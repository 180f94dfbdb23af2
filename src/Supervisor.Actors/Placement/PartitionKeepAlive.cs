using Akka.Actor;
using Akka.Cluster.Sharding;

namespace Supervisor.Actors.Placement;

/// <summary>
/// Keeps every fleet partition running. Sharding starts an entity only when a message reaches it, and after a node
/// dies its partitions stay down until then; so every supervisor node sends <see cref="ShardRegion.StartEntity"/> to
/// every partition each <see cref="Interval"/> (a no-op for a running one). This is what Akka's ShardedDaemonProcess
/// does; it replaces remember-entities, whose store would only repeat what the config already says: all of them.
/// </summary>
public sealed class PartitionKeepAlive : ReceiveActor, IWithTimers
{
    /// <summary>Bounds how long a dead node's partitions wait for their restart once sharding re-allocates them.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private sealed record Tick
    {
        public static Tick Instance { get; } = new();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public PartitionKeepAlive(IActorRef region, int partitions)
    {
        Receive<Tick>(_ =>
        {
            for (var p = 0; p < partitions; p++)
                region.Tell(new ShardRegion.StartEntity(PartitionMessageExtractor.EntityIdOf(p)));
        });
        ReceiveAny(_ => { }); // StartEntityAck (internal to Akka): nothing to do
    }

    protected override void PreStart()
    {
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer("keep-alive", Tick.Instance, Interval);
    }

    public static Props Props(IActorRef region, int partitions) => Akka.Actor.Props.Create(() => new PartitionKeepAlive(region, partitions));
}
