using Akka.Actor;
using Akka.Cluster;
using Supervisor.Domain.Events;
using static Akka.Cluster.ClusterEvent;

namespace Supervisor.Actors.Events;

/// <summary>
/// Publishes <see cref="NodeMembershipChanged"/> for cluster members that come up, become unreachable or reachable
/// again, leave or are removed. Runs once per cluster (a child of the supervisor root: the singleton, or partition 0),
/// so each change is one event, not one per node. The members already there when it starts are not events.
/// </summary>
public sealed class MembershipWatcher : ReceiveActor
{
    private readonly TimeProvider _clock;

    public MembershipWatcher(TimeProvider clock)
    {
        _clock = clock;
        Receive<CurrentClusterState>(_ => { }); // the snapshot at start: not news
        Receive<MemberUp>(m => Publish(m.Member, "up"));
        Receive<UnreachableMember>(m => Publish(m.Member, "unreachable"));
        Receive<ReachableMember>(m => Publish(m.Member, "reachable"));
        Receive<MemberLeft>(m => Publish(m.Member, "leaving"));
        Receive<MemberRemoved>(m => Publish(m.Member, "removed"));
    }

    public static Props Props(TimeProvider? clock = null) => Akka.Actor.Props.Create(() => new MembershipWatcher(clock ?? TimeProvider.System));

    protected override void PreStart() =>
        Cluster.Get(Context.System).Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsSnapshot,
            typeof(MemberUp), typeof(UnreachableMember), typeof(ReachableMember), typeof(MemberLeft), typeof(MemberRemoved));

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);

    private void Publish(Member member, string change) =>
        Context.System.EventStream.Publish(new NodeMembershipChanged(member.Address.ToString(), member.Roles.OrderBy(r => r, StringComparer.Ordinal).ToList(),
            change, _clock.GetUtcNow()));
}
