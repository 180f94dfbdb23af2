using Akka.Actor;
using Akka.Cluster;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Metrics;

namespace Supervisor.Actors.Metrics;

/// <summary>Ask <see cref="MetricsActor"/> for what a scrape shows now (local only: the node's own HTTP listener asks it).</summary>
public sealed record GetMetricsSnapshot
{
    public static GetMetricsSnapshot Instance { get; } = new();
}

/// <summary>
/// The book as it stands, each group's configured members, the configured notification channels (an empty queue is
/// not in the notifier's answer, but its depth 0 is a series), and the cluster's members as this node sees them now.
/// </summary>
public sealed record MetricsSnapshot(MetricsView Book, IReadOnlyDictionary<string, IReadOnlyList<string>> GroupMembers,
    IReadOnlyList<string> Channels, IReadOnlyDictionary<string, int> MembersByStatus, int UnreachableMembers);

/// <summary>
/// A consumer of the facts (design §11) on every node: folds this node's device and group samples and every saga event
/// of the cluster into a <see cref="MetricsBook"/>, and hands a copy of it to a scrape. It never talks to a device,
/// a group or a saga; folding one fact is a dictionary update, so it keeps up with any poll rate. It holds only a
/// cache: after a restart it is rebuilt from the next samples (every poll publishes one).
/// </summary>
public sealed class MetricsActor : ReceiveActor
{
    public const string Name = "metrics";

    private readonly IReadOnlyDictionary<string, IReadOnlyList<string>> _groupMembers;
    private readonly IReadOnlyList<string> _channels;
    private readonly MetricsBook _book;

    public MetricsActor(MetricsBook empty, IReadOnlyDictionary<string, IReadOnlyList<string>> groupMembers, IReadOnlyList<string> channels)
    {
        _book = empty;
        _groupMembers = groupMembers;
        _channels = channels;
        Receive<IFleetFact>(fact => _book.Apply(fact));
        Receive<GetMetricsSnapshot>(_ => Sender.Tell(Snapshot()));
    }

    /// <summary>For this node's devices and groups.</summary>
    public static Props Props(SupervisorSettings settings) =>
        Akka.Actor.Props.Create(() => new MetricsActor(MetricsBook.For(settings.Devices.Select(d => d.Id), settings.Groups.Select(g => g.Id)),
            settings.Groups.ToDictionary(g => g.Id, g => g.Members), settings.Notifications.Channels.Select(c => c.Id).ToList()));

    private MetricsSnapshot Snapshot()
    {
        // A system without the cluster provider (the scale benchmark's) has no members to count; Cluster.Get would throw.
        if (((ExtendedActorSystem)Context.System).Provider is not IClusterActorRefProvider)
            return new(_book.View(), _groupMembers, _channels, ClusterMetricMapping.Count([]), 0);
        var state = Cluster.Get(Context.System).State;
        return new(_book.View(), _groupMembers, _channels, ClusterMetricMapping.Count(state.Members.Select(m => m.Status.ToString())), state.Unreachable.Count);
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(IFleetFact));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
