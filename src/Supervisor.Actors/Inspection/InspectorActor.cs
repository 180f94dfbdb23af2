using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace Supervisor.Actors.Inspection;

/// <summary>
/// Runs on every node at <c>/user/inspector</c> and answers the CLI: cluster membership (from this node's
/// view), down/leave, and — through the supervisor singleton's proxy — devices, groups and sagas.
/// </summary>
public sealed class InspectorActor : ReceiveActor
{
    public const string Name = "inspector";
    private static readonly TimeSpan SupervisorTimeout = TimeSpan.FromSeconds(4);
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public InspectorActor(IActorRef supervisorProxy)
    {
        Receive<ClusterRequest>(_ => Sender.Tell(View(_cluster)));
        Receive<DownMemberRequest>(r => Sender.Tell(OnMember(r.Address, "down", a => _cluster.Down(a))));
        Receive<LeaveMemberRequest>(r => Sender.Tell(OnMember(r.Address, "leave", a => _cluster.Leave(a))));
        Receive<StatusRequest>(r => AskSupervisor(supervisorProxy, r));
        Receive<SagaListRequest>(r => AskSupervisor(supervisorProxy, r));
        Receive<SagaDetailRequest>(r => AskSupervisor(supervisorProxy, r));
    }

    public static Props Props(IActorRef supervisorProxy) => Akka.Actor.Props.Create(() => new InspectorActor(supervisorProxy));

    public static ClusterView View(Cluster cluster)
    {
        var state = cluster.State;
        var supervisor = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole("supervisor"))
            .OrderBy(m => m, Member.AgeOrdering).FirstOrDefault()?.Address;
        var members = state.Members.Select(m => new MemberView(m.Address.ToString(), m.Status.ToString(), m.Roles.OrderBy(r => r).ToList(),
            !state.Unreachable.Contains(m), m.Address == state.Leader, m.Address == supervisor)).ToList();
        return new ClusterView(cluster.SelfAddress.ToString(), state.Leader?.ToString(), members, supervisor?.ToString());
    }

    private CommandResult OnMember(string address, string verb, Action<Address> act)
    {
        Address parsed;
        try { parsed = Address.Parse(address); }
        catch (Exception) { return new CommandResult(false, $"\"{address}\" is not a node address; write akka.tcp://supervisor@host:port or host:port"); }
        var member = _cluster.State.Members.FirstOrDefault(m => m.Address == parsed);
        if (member is null)
            return new CommandResult(false, $"{parsed} is not a member of this cluster; members: {string.Join(", ", _cluster.State.Members.Select(m => m.Address))}");
        _log.Warning("Inspector: {0} of {1} requested by the CLI", verb, parsed);
        act(parsed);
        return new CommandResult(true, verb == "down"
            ? $"marked {parsed} down; it will be removed from the cluster (a running process there shuts itself down)"
            : $"asked {parsed} to leave; it hands over and exits");
    }

    private void AskSupervisor(IActorRef proxy, object request)
    {
        proxy.Ask<object>(request, SupervisorTimeout).PipeTo(Sender,
            failure: _ => new InspectionFailed(
                $"no answer from the supervisor within {SupervisorTimeout.TotalSeconds:0}s: is a node with role \"supervisor\" up and joined? (`supervisor cluster show` lists members)"));
    }
}
