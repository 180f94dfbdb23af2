using Prometheus;
using Supervisor.Domain.Metrics;

namespace Supervisor.Node.Http.Metrics;

/// <summary>Group quorum gauges, group membership and the saga counters, per configured group.</summary>
internal sealed class GroupFamilies
{
    private readonly Gauge _healthy, _minHealthy, _members, _state, _runtime, _member;
    private readonly Counter _sagas, _steps;

    public GroupFamilies(IMetricFactory factory)
    {
        _healthy = factory.CreateGauge("supervisor_group_healthy_members", "Members that count as healthy for the group's quorum.", ["group"]);
        _minHealthy = factory.CreateGauge("supervisor_group_min_healthy_members", "The group's min-healthy: below it, quorum is lost.", ["group"]);
        _members = factory.CreateGauge("supervisor_group_members", "Members the group has (maintenance included).", ["group"]);
        _state = factory.CreateGauge("supervisor_group_state", "Quorum state, one-hot: 1 for the group's current state, 0 for the others.", ["group", "state"]);
        _runtime = factory.CreateGauge("supervisor_group_runtime_seconds", "The group's remaining-runtime estimate, seconds (when its members report one).", ["group"]);
        _member = factory.CreateGauge("supervisor_group_member", "1 for each device configured in the group (join device series to groups on it).", ["group", "device"]);
        _sagas = factory.CreateCounter("supervisor_sagas_total", "Shutdown sagas by how they went: started, completed, aborted.", ["group", "outcome"]);
        _steps = factory.CreateCounter("supervisor_saga_steps_total", "Saga steps by outcome: dispatched (each attempt), succeeded, failed, timed-out.", ["group", "outcome"]);
    }

    public void Write(MetricsView book, IReadOnlyDictionary<string, IReadOnlyList<string>> groupMembers)
    {
        foreach (var g in book.Groups)
        {
            _healthy.WithLabels(g.GroupId).Set(g.Healthy);
            _minHealthy.WithLabels(g.GroupId).Set(g.MinHealthy);
            _members.WithLabels(g.GroupId).Set(g.Members);
            var state = DeviceMetricMapping.Label(g.State);
            foreach (var s in DeviceMetricMapping.GroupStates) _state.WithLabels(g.GroupId, s).Set(s == state ? 1 : 0);
            if (g.RuntimeSeconds is { } runtime) _runtime.WithLabels(g.GroupId).Set(runtime);
            else _runtime.RemoveLabelled(g.GroupId);
        }
        foreach (var (group, devices) in groupMembers)
            foreach (var device in devices) _member.WithLabels(group, device).Set(1);
        foreach (var (group, counts) in book.SagaCounts)
        foreach (var (outcome, count) in counts)
        {
            var counter = MetricsBook.StepOutcomes.Contains(outcome) ? _steps.WithLabels(group, outcome["step-".Length..]) : _sagas.WithLabels(group, outcome);
            counter.IncTo(count);
        }
    }
}
