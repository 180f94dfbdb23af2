using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Supervisor.Domain.Placement;
using Supervisor.Domain;

namespace Supervisor.Actors.Placement;

/// <summary>Every supervisor node's <see cref="FleetFingerprint"/>, announced to the others.</summary>
public sealed record FleetAnnouncement(string Node, string Hash, string Summary) : IWireMessage;

/// <summary>
/// Runs on every supervisor node: announces this node's fleet fingerprint every <see cref="Interval"/> and logs an
/// ERROR, once per node and fingerprint, when another supervisor node runs a different fleet or placement (two such
/// nodes can run the same group at once), and an INFO when it agrees again. It changes nothing by itself: during a
/// rolling config change the nodes differ for a while by design.
/// </summary>
public sealed class FleetConsistencyActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private sealed record Announce
    {
        public static Announce Instance { get; } = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, string> _reportedDifferent = new(StringComparer.Ordinal);
    private readonly IActorRef _mediator;
    private readonly FleetAnnouncement _mine;

    public ITimerScheduler Timers { get; set; } = null!;

    public FleetConsistencyActor(IActorRef mediator, string node, FleetFingerprint fleet)
    {
        _mediator = mediator;
        _mine = new FleetAnnouncement(node, fleet.Hash, fleet.Summary);
        Receive<Announce>(_ => _mediator.Tell(new Publish(ClusterNames.Topics.FleetFingerprints, _mine)));
        Receive<SubscribeAck>(_ => { });
        Receive<FleetAnnouncement>(OnAnnouncement);
    }

    public static Props Props(IActorRef mediator, string node, FleetFingerprint fleet) =>
        Akka.Actor.Props.Create(() => new FleetConsistencyActor(mediator, node, fleet));

    protected override void PreStart()
    {
        _log.Info("Supervisor fleet on this node: {0} (every supervisor node must show the same fingerprint)", _mine.Summary);
        _mediator.Tell(new Subscribe(ClusterNames.Topics.FleetFingerprints, Self));
        Timers.StartPeriodicTimer("announce", Announce.Instance, TimeSpan.FromSeconds(1), Interval);
    }

    private void OnAnnouncement(FleetAnnouncement other)
    {
        if (other.Node == _mine.Node) return;
        if (other.Hash == _mine.Hash)
        {
            if (_reportedDifferent.Remove(other.Node))
                _log.Info("Supervisor node {0} now runs the same fleet as this node ({1})", other.Node, _mine.Summary);
            return;
        }
        if (_reportedDifferent.TryGetValue(other.Node, out var reported) && reported == other.Hash) return;
        _reportedDifferent[other.Node] = other.Hash;
        _log.Error("Supervisor node {0} runs a different fleet ({1}) than this node ({2}): the two may run the same group at once. " +
                   "Give every supervisor node the same supervisor.devices, supervisor.groups members and supervisor.placement, then restart them one by one",
            other.Node, other.Summary, _mine.Summary);
    }
}
