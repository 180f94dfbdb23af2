using Akka.Actor;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Placement;

/// <summary>
/// Stands where the singleton's proxy stands for the inspector when the fleet is sharded: asks every partition and
/// merges the answers into one <see cref="StatusView"/> in config order. A partition that does not answer in time
/// (its node just died, it is restarting elsewhere) shows its devices UNKNOWN and its groups NO ANSWER, naming the
/// partition, instead of failing the whole request. Sagas are read here, once, from the shared journal.
/// </summary>
public sealed class ShardedFleetInspection : ReceiveActor
{
    /// <summary>Below the inspector's own 4 s, so a slow partition still leaves time to answer with the rest.</summary>
    private static readonly TimeSpan PartitionTimeout = TimeSpan.FromSeconds(3);

    public ShardedFleetInspection(IActorRef region, SupervisorSettings fleet, IReadOnlyList<SupervisorSettings> partitions)
    {
        var sagas = new SagaInspection(Context.System);
        ReceiveAsync<StatusRequest>(async _ =>
        {
            var sender = Sender;
            var reading = sagas.ListAsync();
            var answers = await Task.WhenAll(partitions.Select((_, p) => AskAsync(region, new PartitionStatusRequest(p))));
            sender.Tell(await reading is SagaListView list ? Merge(fleet, partitions, answers, list.Sagas) : await reading);
        });
        ReceiveAsync<SagaListRequest>(async _ => Sender.Tell(await sagas.ListAsync()));
        ReceiveAsync<SagaDetailRequest>(async r => Sender.Tell(await sagas.DetailAsync(r.SagaId)));
        // A saga runs in its group's partition: the journal names the group, the partition that holds it aborts.
        ReceiveAsync<Sagas.SagaAbortRequest>(async r =>
        {
            var sender = Sender;
            var read = await sagas.DetailAsync(r.SagaId);
            if (read is not SagaDetailView detail)
            {
                sender.Tell(read); // the journal could not be read
                return;
            }
            if (Sagas.SagaAbortCheck.Refusal(detail) is { } refused)
            {
                sender.Tell(refused);
                return;
            }
            var partition = partitions.Select((settings, p) => (settings, p)).FirstOrDefault(x => x.settings.Groups.Any(g => g.Id == detail.Saga!.GroupId));
            if (partition.settings is null) sender.Tell(new InspectionFailed($"saga {r.SagaId}'s group {detail.Saga!.GroupId} is in no partition of this fleet's config"));
            else region.Tell(r with { Partition = partition.p }, sender);
        });
        // A device and all its groups live in one partition: a start or an end goes there; a list asks them all.
        Receive<Groups.MaintenanceStart>(r => ToPartitionOf(r.Device, fleet, partitions, p => r with { Partition = p }, region));
        Receive<Groups.MaintenanceEnd>(r => ToPartitionOf(r.Device, fleet, partitions, p => r with { Partition = p }, region));
        ReceiveAsync<Groups.MaintenanceList>(async _ =>
        {
            var sender = Sender;
            var answers = await Task.WhenAll(partitions.Select((_, p) => AskListAsync(region, p)));
            var failed = answers.OfType<string>().ToList();
            sender.Tell(failed.Count > 0
                ? new InspectionFailed(string.Join("; ", failed))
                : new Groups.MaintenanceListView(answers.OfType<Groups.MaintenanceListView>().SelectMany(v => v.Windows).OrderBy(w => w.Device, StringComparer.Ordinal).ToList()));
        });
    }

    private void ToPartitionOf(string device, SupervisorSettings fleet, IReadOnlyList<SupervisorSettings> partitions, Func<int, object> addressed, IActorRef region)
    {
        var partition = partitions.Select((settings, p) => (settings, p)).FirstOrDefault(x => x.settings.Devices.Any(d => d.Id == device));
        if (partition.settings is null)
        {
            Sender.Tell(new Groups.MaintenanceResult(false, $"unknown device \"{device}\"; known devices: {string.Join(", ", fleet.Devices.Select(d => d.Id))}", []));
            return;
        }
        region.Forward(addressed(partition.p));
    }

    public static Props Props(IActorRef region, SupervisorSettings fleet, IReadOnlyList<SupervisorSettings> partitions) =>
        Akka.Actor.Props.Create(() => new ShardedFleetInspection(region, fleet, partitions));

    /// <summary>One partition's maintenance list, or why it did not answer (a list that leaves a partition out would mislead).</summary>
    private static async Task<object> AskListAsync(IActorRef region, int partition)
    {
        try { return await region.Ask<Groups.MaintenanceListView>(new Groups.MaintenanceList { Partition = partition }, PartitionTimeout); }
        catch (Exception e) { return $"partition {partition} did not answer within {PartitionTimeout.TotalSeconds:0}s ({e.GetType().Name})"; }
    }

    private static async Task<object> AskAsync(IActorRef region, PartitionStatusRequest request)
    {
        try { return await region.Ask<object>(request, PartitionTimeout); }
        catch (Exception e) { return new InspectionFailed($"partition {request.Partition} did not answer within {PartitionTimeout.TotalSeconds:0}s ({e.GetType().Name})"); }
    }

    /// <summary>One view of the whole fleet; <see cref="StatusView.SupervisorNode"/> lists every node that answered.</summary>
    public static object Merge(SupervisorSettings fleet, IReadOnlyList<SupervisorSettings> partitions, IReadOnlyList<object> answers, IReadOnlyList<SagaView> sagas)
    {
        var devices = new List<DeviceView>();
        var groups = new List<GroupView>();
        var nodes = new SortedSet<string>(StringComparer.Ordinal);
        var persistence = new Dictionary<string, PersistenceView>(StringComparer.Ordinal);
        for (var p = 0; p < partitions.Count; p++)
        {
            if (answers[p] is StatusView view)
            {
                devices.AddRange(view.Devices);
                groups.AddRange(view.Groups);
                nodes.Add(view.SupervisorNode);
                foreach (var journal in view.Persistence ?? []) persistence.TryAdd(journal.Node, journal);
                continue;
            }
            var why = answers[p] is InspectionFailed f ? f.Message : $"partition {p} answered {answers[p].GetType().Name}";
            devices.AddRange(partitions[p].Devices.Select(d => new DeviceView(d.Id, d.Driver, "UNKNOWN", why, null, null, null, false, null, null, null)));
            groups.AddRange(partitions[p].Groups.Select(g => new GroupView(g.Id, $"NO ANSWER ({why})", 0, null, null, g.MinHealthy, g.Members.Count, null)));
        }
        if (nodes.Count == 0)
            return new InspectionFailed("no fleet partition answered: is a node with role \"supervisor\" up and joined? (`supervisor cluster show` lists members)");
        // Each partition keeps file order; this restores it across partitions.
        var deviceOrder = fleet.Devices.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var groupOrder = fleet.Groups.Select((g, i) => (g.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return new StatusView(string.Join(", ", nodes),
            devices.OrderBy(d => deviceOrder.GetValueOrDefault(d.Id, int.MaxValue)).ToList(),
            groups.OrderBy(g => groupOrder.GetValueOrDefault(g.Id, int.MaxValue)).ToList(),
            sagas, persistence.Values.OrderBy(v => v.Node, StringComparer.Ordinal).ToList());
    }
}
