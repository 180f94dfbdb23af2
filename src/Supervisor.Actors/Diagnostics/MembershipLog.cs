using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Akka.Hosting;
using static Akka.Cluster.ClusterEvent;

namespace Supervisor.Actors.Diagnostics;

/// <summary>
/// Every node's own account of the cluster in the log, in our words: who joins, is up, becomes unreachable or reachable
/// again, leaves and is removed, and when this node itself is out. Akka's own membership lines are left out of the
/// default log (supervisor.log.akka-level), so these are what an operator reads instead; one line per change this node
/// sees (the members already up when it starts are told as "is up", so a joining node says whom it found).
/// </summary>
public sealed class MembershipLog : ReceiveActor
{
    public const string Name = "membership-log";

    private readonly ILoggingAdapter _log = Context.GetLogger();

    public MembershipLog()
    {
        Receive<MemberJoined>(m => _log.Info("Cluster: {0} is joining", Describe(m.Member)));
        Receive<MemberUp>(m => _log.Info("Cluster: {0} is up", Describe(m.Member)));
        Receive<UnreachableMember>(m => _log.Warning("Cluster: {0} is unreachable (no heartbeat); it is removed if it stays so", Describe(m.Member)));
        Receive<ReachableMember>(m => _log.Info("Cluster: {0} is reachable again", Describe(m.Member)));
        Receive<MemberLeft>(m => _log.Info("Cluster: {0} is leaving", Describe(m.Member)));
        Receive<MemberRemoved>(m => _log.Info("Cluster: {0} was removed (was {1})", Describe(m.Member), m.PreviousStatus.ToString().ToLowerInvariant()));
    }

    public static Props Props() => Akka.Actor.Props.Create(() => new MembershipLog());

    /// <summary>"akka.tcp://supervisor@10.0.0.2:4053 [agent]": the address and roles, as <c>supervisor cluster show</c> lists them.</summary>
    public static string Describe(Member member) =>
        $"{member.Address} [{string.Join(", ", member.Roles.OrderBy(r => r, StringComparer.Ordinal))}]";

    protected override void PreStart()
    {
        var cluster = Cluster.Get(Context.System);
        cluster.Subscribe(Self, SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(MemberJoined), typeof(MemberUp), typeof(UnreachableMember), typeof(ReachableMember), typeof(MemberLeft), typeof(MemberRemoved));
        // This node's own removal is not always delivered as an event (it is shutting down); the callback always runs.
        var log = _log;
        cluster.RegisterOnMemberRemoved(() => log.Info("Cluster: this node left the cluster"));
    }

    protected override void PostStop() => Cluster.Get(Context.System).Unsubscribe(Self);
}

/// <summary>Hosting for <see cref="MembershipLog"/>: one per node, whatever its roles.</summary>
public static class MembershipLogHosting
{
    public static AkkaConfigurationBuilder WithMembershipLog(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, registry) => registry.Register<MembershipLog>(system.ActorOf(MembershipLog.Props(), MembershipLog.Name)));
}
