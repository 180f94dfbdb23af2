using Akka.Actor;
using Supervisor.Actors.Devices;
using Supervisor.Actors.Groups;
using Supervisor.Actors.Sagas;
using Supervisor.Actors.Supervision;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actors.Inspection;

/// <summary>What the supervisor root answers to the inspector: live device and group state, and sagas from the journal.</summary>
internal sealed class RootInspection(SupervisorSettings settings, IActorContext context)
{
    private static readonly TimeSpan ChildTimeout = TimeSpan.FromSeconds(2);
    private readonly SagaInspection _sagas = new(context.System);
    private readonly string _node = ((ExtendedActorSystem)context.System).Provider.DefaultAddress.ToString();

    /// <param name="withSagas">False for one partition of a sharded fleet: the merging side reads the sagas once, not per partition.</param>
    public async Task<object> StatusAsync(bool withSagas = true)
    {
        var answers = await Task.WhenAll(settings.Groups.Select(GroupAsync));
        var groups = answers.Select(a => a.View).ToList();
        // A device in maintenance shows MAINTENANCE (with its live health in the reason) wherever it appears.
        var windows = answers.SelectMany(a => a.Maintenance).GroupBy(w => w.DeviceId, StringComparer.Ordinal)
            .ToDictionary(d => d.Key, d => d.MinBy(w => w.Until)!, StringComparer.Ordinal);
        var devices = (await Task.WhenAll(settings.Devices.Select(DeviceAsync)))
            .Select(d => windows.TryGetValue(d.Id, out var w) ? InMaintenance(d, w) : d).ToList();
        IReadOnlyList<PersistenceView> journal = [Persistence.JournalHealth.Get(context.System).View(_node)];
        if (!withSagas) return new StatusView(_node, devices, groups, [], journal);
        var sagas = await _sagas.ListAsync();
        return sagas is SagaListView list
            ? new StatusView(_node, devices, groups, list.Sagas, journal) { HistoryStore = await HistoryStoreAsync() }
            : sagas;
    }

    /// <summary>The writer on this node (where the devices publish their samples); null when history is off or it is slow to say.</summary>
    private async Task<HistoryStoreView?> HistoryStoreAsync()
    {
        try
        {
            return await context.ActorSelection(HistoryStoreStatusRequest.WriterPath).Ask<HistoryStoreView>(HistoryStoreStatusRequest.Instance, ChildTimeout);
        }
        catch (Exception e) when (e is AskTimeoutException or ActorNotFoundException or TaskCanceledException)
        {
            return null;
        }
    }

    public Task<object> SagasAsync() => _sagas.ListAsync();

    public Task<object> SagaAsync(string sagaId) => _sagas.DetailAsync(sagaId);
    private async Task<DeviceView> DeviceAsync(DeviceSettings d)
    {
        try
        {
            var r = await context.Child(SupervisorRootActor.DeviceChildName(d.Id)).Ask<DeviceReport>(GetDeviceReport.Instance, ChildTimeout);
            return DeviceView.Of(d.Id, d.Driver, r.Assessment.Health, r.Assessment.Reason, r.LastReading) with { BatteryProgress = r.BatteryProgress, OnBatterySince = r.OnBatterySince };
        }
        catch (Exception e)
        {
            return new DeviceView(d.Id, d.Driver, "UNKNOWN", $"device actor did not answer: {e.Message}", null, null, null, false, null, null, null);
        }
    }

    /// <summary>The health column says MAINTENANCE; the reason keeps the live health, so a battery swap that went wrong shows.</summary>
    public static DeviceView InMaintenance(DeviceView d, Domain.Groups.MaintenanceWindow w) => d with
    {
        Health = "MAINTENANCE",
        Reason = $"in maintenance until {Domain.Groups.MaintenanceRules.Stamp(w.Until)} (by {w.By}: {w.Reason}); live health {d.Health}: {d.Reason}",
    };

    private async Task<(GroupView View, IReadOnlyList<Domain.Groups.MaintenanceWindow> Maintenance)> GroupAsync(GroupSettings g)
    {
        try
        {
            var s = await context.Child(SupervisorRootActor.GroupChildName(g.Id)).Ask<GroupStatus>(GetGroupStatus.Instance, ChildTimeout);
            return (new GroupView(g.Id, s.State.ToString().ToUpperInvariant(), s.Episode, s.ActiveSagaId, s.Count?.Healthy, g.MinHealthy, g.Members.Count,
                s.RuntimeEstimate?.TotalSeconds) { InMaintenance = s.Maintenance.Select(w => w.DeviceId).ToList(), MemberIds = g.Members }, s.Maintenance);
        }
        catch (Exception e)
        {
            return (new GroupView(g.Id, $"NO ANSWER ({e.Message})", 0, null, null, g.MinHealthy, g.Members.Count, null) { MemberIds = g.Members }, []);
        }
    }
}
