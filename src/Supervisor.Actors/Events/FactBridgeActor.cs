using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Supervisor.Domain.Events;
using Supervisor.Domain;

namespace Supervisor.Actors.Events;

/// <summary>
/// Makes every node's local event stream hold every <see cref="FleetEvent"/> of the cluster, each once. Consumers
/// (history, alerts, live feeds) then subscribe locally and never care where a fact happened. Events published here
/// go to the DistributedPubSub topic <see cref="ClusterNames.Topics.Events"/>; events from other nodes' bridges come back in
/// and are re-published locally. Samples (<see cref="ClusterNames.Topics.Readings"/>) stay local: they are many, and the
/// history of a device is written by the node that polls it.
/// <para>Events are few (health changes, saga steps), so the cross-node copy costs nothing that matters; and they carry
/// stable ids, so a store shared by several nodes (PostgreSQL) keeps each once even when every node writes it.</para>
/// </summary>
public sealed class FactBridgeActor : ReceiveActor
{
    public const string Name = "fact-bridge";

    private readonly IActorRef _mediator;
    private readonly string _self;
    // Ids of remote events this bridge re-published locally: the local stream hands them straight back, and they must
    // not go out to the cluster again. Removed on the echo, so it holds only what is in flight (bounded all the same).
    private readonly BoundedIdSet _echoes = new(4096);

    public FactBridgeActor(IActorRef mediator, string selfAddress)
    {
        _mediator = mediator;
        _self = selfAddress;
        Receive<FleetEvent>(OnLocal);
        Receive<BridgedFleetEvent>(OnBridged);
        Receive<SubscribeAck>(_ => { });
    }

    /// <param name="selfAddress">This node's address: events stamped with it come back from the topic and are skipped.</param>
    public static Props Props(IActorRef mediator, string selfAddress) => Akka.Actor.Props.Create(() => new FactBridgeActor(mediator, selfAddress));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(FleetEvent));
        _mediator.Tell(new Subscribe(ClusterNames.Topics.Events, Self));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    private void OnLocal(FleetEvent e)
    {
        if (_echoes.Remove(e.Id)) return; // another node's event we just re-published here
        _mediator.Tell(new Publish(ClusterNames.Topics.Events, new BridgedFleetEvent(_self, e)));
    }

    private void OnBridged(BridgedFleetEvent b)
    {
        if (b.Origin == _self) return; // our own, back from the topic
        _echoes.Add(b.Event.Id);
        Context.System.EventStream.Publish(b.Event);
    }
}

/// <summary>
/// A <see cref="FleetEvent"/> on its way between nodes, stamped with the node it happened on (DistributedPubSub does not
/// carry the publisher across nodes). The serializer writes the inner event under its own manifest.
/// </summary>
public sealed record BridgedFleetEvent(string Origin, FleetEvent Event) : IWireMessage;

/// <summary>A set of ids that forgets the oldest when full, so a copy that never comes back cannot grow it without bound.</summary>
internal sealed class BoundedIdSet(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    public void Add(string id)
    {
        if (!_ids.Add(id)) return;
        _order.Enqueue(id);
        while (_order.Count > capacity) _ids.Remove(_order.Dequeue());
    }

    public bool Remove(string id) => _ids.Remove(id); // the queue entry goes stale and is skipped when it leaves
}
