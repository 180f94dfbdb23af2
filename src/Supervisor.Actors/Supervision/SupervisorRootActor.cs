using Akka.Actor;
using Akka.Event;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Groups;
using Supervisor.Actors.Inspection;
using Supervisor.Actors.Placement;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Text;
using Supervisor.Domain.Groups;
using Supervisor.Drivers;

namespace Supervisor.Actors.Supervision;

/// <summary>
/// Owns every device and group actor of the fleet on the node that runs the supervisor role (one per
/// cluster: it runs as a cluster singleton). A child that throws is restarted with its state recovered
/// from the journal; the process keeps running.
/// </summary>
public sealed class SupervisorRootActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string? _partition;

    public SupervisorRootActor(SupervisorSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IActorRef agents, TimeProvider clock, string? partition)
    {
        _partition = partition;
        // Groups first: each device is told which groups to report to, and by which triggers each judges it.
        var devices = settings.Devices.DistinctBy(d => d.Id).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var groupsOf = new Dictionary<string, List<DeviceListener>>();
        foreach (var group in settings.Groups)
        {
            var groupRef = Context.ActorOf(PersistentChild.Props(GroupActor.Props(group, GroupPolicy.From(group, settings.Devices), agents, Self, clock), "group"),
                GroupChildName(group.Id));
            foreach (var member in group.Members.Where(devices.ContainsKey))
                (groupsOf.TryGetValue(member, out var list) ? list : groupsOf[member] = [])
                    .Add(new DeviceListener(groupRef, group.Id, group.TriggersFor(devices[member])));
        }
        var redactor = SecretRedactor.For(settings); // every configured secret, not only each device's own
        foreach (var device in settings.Devices)
            Context.ActorOf(DeviceActor.Props(device, driverFactory, (IReadOnlyList<DeviceListener>?)groupsOf.GetValueOrDefault(device.Id) ?? [], clock, redactor),
                DeviceChildName(device.Id));

        Receive<RequestDeviceReports>(r =>
        {
            var ask = r.GroupId is null ? GetDeviceReport.Instance : new GetDeviceReport(r.GroupId);
            foreach (var id in r.DeviceIds)
                Context.Child(DeviceChildName(id)).Forward(ask);
        });

        var inspection = new RootInspection(settings, Context);
        ReceiveAsync<StatusRequest>(async _ => Sender.Tell(await inspection.StatusAsync()));
        ReceiveAsync<PartitionStatusRequest>(async _ => Sender.Tell(await inspection.StatusAsync(withSagas: false)));
        ReceiveAsync<SagaListRequest>(async _ => Sender.Tell(await inspection.SagasAsync()));
        ReceiveAsync<SagaDetailRequest>(async r => Sender.Tell(await inspection.SagaAsync(r.SagaId)));
        var aborts = new Sagas.SagaAbortCoordinator(inspection.SagaAsync, Context);
        ReceiveAsync<Sagas.SagaAbortRequest>(async r => Sender.Tell(await aborts.AbortAsync(r)));
        var maintenance = new MaintenanceCoordinator(settings, Context);
        ReceiveAsync<MaintenanceStart>(async r => Sender.Tell(await maintenance.StartAsync(r)));
        ReceiveAsync<MaintenanceEnd>(async r => Sender.Tell(await maintenance.EndAsync(r)));
        ReceiveAsync<MaintenanceList>(async _ => Sender.Tell(await maintenance.ListAsync()));
        // One membership watcher per cluster: in the singleton, or in partition 0 when sharded. Not in a plain actor system (unit tests).
        if ((partition is null || partition.StartsWith("0/", StringComparison.Ordinal)) &&
            ((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.ClusterActorRefProvider)
            Context.ActorOf(Events.MembershipWatcher.Props(clock), "membership-watcher");
        _log.Info("Supervisor{0}: watching {1} device(s) in {2} group(s)", partition is null ? "" : $" partition {partition}", settings.Devices.Count, settings.Groups.Count);
    }

    /// <param name="partition">Sharded placement: "i/n", for the log; null for the singleton (the whole fleet).</param>
    public static Props Props(SupervisorSettings settings, Func<DeviceSettings, IDeviceDriver> driverFactory, IActorRef agents, TimeProvider? clock = null,
        string? partition = null) =>
        Akka.Actor.Props.Create(() => new SupervisorRootActor(settings, driverFactory, agents, clock ?? TimeProvider.System, partition));

    /// <summary>A partition stops when sharding moves it (rebalance, a node leaving): say so, or its groups seem to vanish from this node's log.</summary>
    protected override void PostStop()
    {
        if (_partition is not null) _log.Info("Supervisor partition {0}: stopped (moving to another node, or this node is leaving)", _partition);
    }

    public static string DeviceChildName(string id) => $"device-{Uri.EscapeDataString(id)}";
    public static string GroupChildName(string id) => $"group-{Uri.EscapeDataString(id)}";

    /// <summary>Restart any failed child (Akka logs the failure itself); the process keeps running.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: -1, withinTimeRange: Timeout.InfiniteTimeSpan, localOnlyDecider: _ => Directive.Restart);
}
