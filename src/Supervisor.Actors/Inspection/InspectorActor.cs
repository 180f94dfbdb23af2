using Akka.Actor;
using Akka.Cluster;
using Akka.Event;
using Supervisor.Domain;

namespace Supervisor.Actors.Inspection;

/// <summary>
/// Runs on every node at <c>/user/inspector</c> and answers the CLI: cluster membership (from this node's view),
/// down/leave, and devices, groups and sagas. On a supervisor node those go to <c>fleet</c> (the singleton's proxy,
/// or the sharded fleet's inspection); a node without that role knows neither the fleet nor its placement, so it
/// passes them on to the inspector of a reachable supervisor node (the oldest first).
/// </summary>
public sealed class InspectorActor : ReceiveActor
{
    public const string Name = "inspector";
    private static readonly TimeSpan SupervisorTimeout = TimeSpan.FromSeconds(4);
    /// <summary>A test notification waits for every channel's first attempt, each bounded by the notifier's send timeout.</summary>
    public static readonly TimeSpan NotifyTestTimeout = TimeSpan.FromSeconds(40);
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public InspectorActor(IActorRef? fleet, IActorRef? history, IActorRef? notifier, IActorRef? alerts)
    {
        Receive<ClusterRequest>(_ => Sender.Tell(View(_cluster)));
        Receive<AgentsProbeRequest>(r => Context.ActorOf(AgentProbeCollector.Props(Sender, r.Wait)));
        Receive<DownMemberRequest>(r => Sender.Tell(OnMember(r.Address, "down", a => _cluster.Down(a))));
        Receive<LeaveMemberRequest>(r => Sender.Tell(OnMember(r.Address, "leave", a => _cluster.Leave(a))));
        Receive<StatusRequest>(r => AskSupervisor(fleet, r));
        Receive<SagaListRequest>(r => AskSupervisor(fleet, r));
        Receive<SagaDetailRequest>(r => AskSupervisor(fleet, r));
        Receive<Sagas.SagaAbortRequest>(r => AskSupervisor(fleet, r));
        Receive<Groups.MaintenanceStart>(r => AskSupervisor(fleet, r));
        Receive<Groups.MaintenanceEnd>(r => AskSupervisor(fleet, r));
        Receive<Groups.MaintenanceList>(r => AskSupervisor(fleet, r));
        Receive<HistoryRequest>(r => AskHistory(history, r));
        Receive<EventsRequest>(r => AskHistory(history, r));
        Receive<Notifications.NotifyTestRequest>(r => AskNotifier(notifier, r, NotifyTestTimeout));
        Receive<Notifications.GetOutboxStatus>(r => AskNotifier(notifier, r, SupervisorTimeout));
        Receive<Alerts.AlertsListRequest>(r => AskAlerts(alerts, r));
        Receive<Alerts.AlertAckRequest>(r => AskAlerts(alerts, r));
        Receive<Alerts.AlertSilenceRequest>(r => AskAlerts(alerts, r));
        Receive<Alerts.AlertUnsilenceRequest>(r => AskAlerts(alerts, r));
    }

    /// <param name="fleet">Null on a node without role "supervisor".</param>
    /// <param name="history">The history store's reader; null where there is none (an agent node, or history off): then a supervisor node is asked.</param>
    /// <param name="notifier">The notifier's singleton proxy; null where there is none (an agent node, or no channel configured).</param>
    /// <param name="alerts">The alerts singleton's proxy; null where there is none (an agent node, or no alert rule configured).</param>
    public static Props Props(IActorRef? fleet, IActorRef? history = null, IActorRef? notifier = null, IActorRef? alerts = null) =>
        Akka.Actor.Props.Create(() => new InspectorActor(fleet, history, notifier, alerts));

    private void AskAlerts(IActorRef? alerts, object request) =>
        AskModule(alerts, request, SupervisorTimeout, why => new InspectionFailed(why),
            offHere: "no alert rule is configured (supervisor.alerts.rules); see docs/notifications.md, \"Alert rules\"",
            noAnswer: $"the alerts evaluator did not answer within {SupervisorTimeout.TotalSeconds:0}s: is a node with role \"supervisor\" up and joined?");

    private void AskNotifier(IActorRef? notifier, object request, TimeSpan timeout) =>
        AskModule(notifier, request, timeout, why => NoNotifier(request, why),
            offHere: "no notification channel is configured (supervisor.notifications.channels); see docs/notifications.md",
            noAnswer: $"the notifier did not answer within {timeout.TotalSeconds:0}s: is a node with role \"supervisor\" up and joined?");

    private static object NoNotifier(object request, string why) => request is Notifications.NotifyTestRequest
        ? new Notifications.NotifyTestResult(null, [], why)
        : new InspectionFailed(why);

    private void AskHistory(IActorRef? history, object request) =>
        AskModule(history, request, SupervisorTimeout, why => NoHistory(request, why),
            offHere: "history is off on this node (supervisor.stats.enabled = off)",
            noAnswer: $"the history store did not answer within {SupervisorTimeout.TotalSeconds:0}s (is the database slow or down?)");

    /// <summary>
    /// Asks a module's actor registered on this node (history reader, notifier). Where there is none, a supervisor node
    /// has the module switched off (<paramref name="offHere"/>) and any other node asks a supervisor node.
    /// </summary>
    private void AskModule(IActorRef? module, object request, TimeSpan timeout, Func<string, object> failed, string offHere, string noAnswer)
    {
        if (module is null)
        {
            if (IsSupervisorNode()) Sender.Tell(failed(offHere));
            else AskSupervisorNode(request, timeout);
            return;
        }
        module.Ask<object>(request, timeout).PipeTo(Sender, failure: _ => failed(noAnswer));
    }

    private bool IsSupervisorNode() => _cluster.SelfMember.HasRole(ClusterNames.Roles.Supervisor);

    private static object NoHistory(object request, string why) => request is EventsRequest
        ? new EventsView([], null, why)
        : new HistoryView(((HistoryRequest)request).SubjectId, null, null, null, null, [], [], why);

    public static ClusterView View(Cluster cluster)
    {
        var state = cluster.State;
        var supervisor = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterNames.Roles.Supervisor))
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

    private void AskSupervisor(IActorRef? fleet, object request)
    {
        if (fleet is null)
        {
            AskSupervisorNode(request);
            return;
        }
        var journal = Persistence.JournalHealth.Get(Context.System).View(_cluster.SelfAddress.ToString());
        fleet.Ask<object>(request, SupervisorTimeout).PipeTo(Sender, success: answer => WithJournal(answer, journal),
            failure: _ => new InspectionFailed(
                $"no answer from the supervisor within {SupervisorTimeout.TotalSeconds:0}s: is a node with role \"supervisor\" up and joined? (`supervisor cluster show` lists members)"));
    }

    /// <summary>The asked node's own journal joins the supervisor's in a status answer: an agent node's journal matters as much.</summary>
    private static object WithJournal(object answer, PersistenceView journal) =>
        answer is StatusView status && !(status.Persistence ?? []).Any(p => p.Node == journal.Node)
            ? status with { Persistence = [.. status.Persistence ?? [], journal] }
            : answer;

    private void AskSupervisorNode(object request) => AskSupervisorNode(request, SupervisorTimeout);

    private void AskSupervisorNode(object request, TimeSpan timeout)
    {
        var state = _cluster.State;
        var target = state.Members.Where(m => m.Status == MemberStatus.Up && m.HasRole(ClusterNames.Roles.Supervisor) && !state.Unreachable.Contains(m))
            .OrderBy(m => m, Member.AgeOrdering).FirstOrDefault();
        if (target is null)
        {
            Sender.Tell(new InspectionFailed("this node has no role \"supervisor\" and sees no reachable supervisor node to ask: is one up and joined? " +
                                             "(`supervisor cluster show` lists members)"));
            return;
        }
        // The supervisor node's inspector answers within its own 4 s; allow for the extra hop.
        var journal = Persistence.JournalHealth.Get(Context.System).View(_cluster.SelfAddress.ToString());
        Context.ActorSelection(new RootActorPath(target.Address) / "user" / Name).Ask<object>(request, timeout + TimeSpan.FromSeconds(1))
            .PipeTo(Sender, success: answer => WithJournal(answer, journal), failure: _ => new InspectionFailed($"supervisor node {target.Address} did not answer within {timeout.TotalSeconds + 1:0}s"));
    }
}
