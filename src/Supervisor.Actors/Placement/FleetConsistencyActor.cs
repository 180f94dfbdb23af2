using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Event;
using Supervisor.Domain.Placement;
using Supervisor.Domain;
using Supervisor.Domain.Events;

namespace Supervisor.Actors.Placement;

/// <summary>Every supervisor node's <see cref="FleetFingerprint"/>, announced to the others.</summary>
public sealed record FleetAnnouncement(string Node, string Hash, string Summary) : IWireMessage;

/// <summary>
/// Runs on every supervisor node: announces this node's fleet fingerprint every <see cref="Interval"/> and logs an
/// ERROR, once per node and fingerprint, when another supervisor node runs a different fleet or placement (two such
/// nodes can run the same group at once), and an INFO when it agrees again. It also folds every announcement into
/// <see cref="FleetConsistency"/> and publishes its <see cref="FleetMismatchChanged"/> (once per distinct mismatch for the
/// whole cluster, and once when the nodes agree again) on the event stream, where the history stores it and the notifier
/// tells it. It changes nothing by itself: during a rolling config change the nodes differ for a while by design.
/// </summary>
public sealed class FleetConsistencyActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>A node not heard for this long has left (or is cut off): its fingerprint no longer counts.</summary>
    public static readonly TimeSpan ForgetAfter = Interval * 4;

    private sealed record Announce
    {
        public static Announce Instance { get; } = new();
    }

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<string, string> _reportedDifferent = new(StringComparer.Ordinal);
    private readonly IActorRef _mediator;
    private readonly FleetAnnouncement _mine;
    private readonly TimeProvider _clock;
    private FleetConsistencyState _fleet = FleetConsistencyState.Empty;

    public ITimerScheduler Timers { get; set; } = null!;

    public FleetConsistencyActor(IActorRef mediator, string node, FleetFingerprint fleet, TimeProvider clock)
    {
        _mediator = mediator;
        _clock = clock;
        _mine = new FleetAnnouncement(node, fleet.Hash, fleet.Summary);
        Receive<Announce>(_ =>
        {
            _mediator.Tell(new Publish(ClusterNames.Topics.FleetFingerprints, _mine));
            Fold(FleetConsistency.Expire(_fleet, _mine.Node, ForgetAfter, _clock.GetUtcNow()));
        });
        Receive<SubscribeAck>(_ => { });
        Receive<FleetAnnouncement>(OnAnnouncement);
        Receive<FleetMismatchChanged>(e => _fleet = FleetConsistency.Told(_fleet, _mine.Node, e));
    }

    public static Props Props(IActorRef mediator, string node, FleetFingerprint fleet, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new FleetConsistencyActor(mediator, node, fleet, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        _log.Info("Supervisor fleet on this node: {0} (every supervisor node must show the same fingerprint)", _mine.Summary);
        _mediator.Tell(new Subscribe(ClusterNames.Topics.FleetFingerprints, Self));
        Context.System.EventStream.Subscribe(Self, typeof(FleetMismatchChanged)); // what the reporter told, from the fact bridge
        Timers.StartPeriodicTimer("announce", Announce.Instance, TimeSpan.FromSeconds(1), Interval);
        Fold(FleetConsistency.Heard(_fleet, _mine.Node, _mine.Node, _mine.Hash, _mine.Summary, _clock.GetUtcNow()));
    }

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>Keeps the fold and publishes what it decided this node should tell.</summary>
    private void Fold(FleetConsistencyStep step)
    {
        _fleet = step.Next;
        if (step.Publish is { } e) Context.System.EventStream.Publish(e);
    }

    private void OnAnnouncement(FleetAnnouncement other)
    {
        Fold(FleetConsistency.Heard(_fleet, _mine.Node, other.Node, other.Hash, other.Summary, _clock.GetUtcNow()));
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
