using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using Supervisor.Actors.Serialization;
using Supervisor.Domain.Agents;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>The serializer on its own (no actor system needed): round trips, manifests and the on-disk format.</summary>
public class SupervisorSerializerTests
{
    private readonly SupervisorSerializer _serializer = new(null!);

    private object RoundTrip(object o) => _serializer.FromBinary(_serializer.ToBinary(o), _serializer.Manifest(o));

    /// <summary>Records holding lists compare them by reference, so compare what would be written instead.</summary>
    private static string Json(object o) => JsonSerializer.Serialize(o, o.GetType(), SupervisorSerializer.Json);

    [Theory]
    [MemberData(nameof(SerializerSamples.Names), MemberType = typeof(SerializerSamples))]
    public void Serializer_should_give_back_an_equal_object_when_round_tripping(string sample)
    {
        var original = SerializerSamples.All[sample];
        var copy = RoundTrip(original);

        Assert.IsType(original.GetType(), copy);
        Assert.Equal(Json(original), Json(copy));
        // Records holding lists compare them by reference, so for those the JSON comparison above is the check.
        if (!HoldsLists(original)) Assert.Equal(original, copy);
    }

    private static bool HoldsLists(object o) => HoldsLists(o.GetType(), depth: 3);

    // Nested records count too (an offer holding a notification holding its fields).
    private static bool HoldsLists(Type type, int depth) => depth > 0 && type.GetProperties()
        .Any(p => p.PropertyType != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(p.PropertyType)
                  || p.PropertyType == typeof(SagaPlan)
                  || p.PropertyType.Namespace?.StartsWith("Supervisor", StringComparison.Ordinal) == true && HoldsLists(p.PropertyType, depth - 1));

    [Fact]
    public void Serializer_should_restore_a_saga_plan_field_by_field_when_round_tripping_saga_started()
    {
        var original = (SagaStarted)SerializerSamples.All["SagaStarted"];
        var copy = (SagaStarted)RoundTrip(original);

        Assert.Equal((original.SagaId, original.At, original.At.Offset), (copy.SagaId, copy.At, copy.At.Offset));
        var (plan, restored) = (original.Plan, copy.Plan);
        Assert.Equal((plan.SagaId, plan.GroupId, plan.SafetyMargin, plan.OnPowerRestored, plan.RetryInterval),
            (restored.SagaId, restored.GroupId, restored.SafetyMargin, restored.OnPowerRestored, restored.RetryInterval));
        Assert.Equal(2, restored.Phases.Count);
        Assert.Equal(plan.Phases.Select(p => p.Name), restored.Phases.Select(p => p.Name));
        Assert.Equal(plan.AllSteps, restored.AllSteps); // PlannedStep holds no list: record equality per step
        Assert.Equal(TimeSpan.FromMilliseconds(90_500), restored.Phases[0].Steps[1].Timeout);
        Assert.True(restored.Phases[1].Steps[0].Irreversible);
    }

    [Fact]
    public void Serializer_should_have_a_sample_for_every_manifest_when_round_trip_tests_run()
    {
        var sampled = SerializerSamples.All.Values.Select(v => v.GetType()).ToHashSet();
        var missing = SupervisorSerializer.Manifests.Where(kv => !sampled.Contains(kv.Value)).Select(kv => kv.Key).ToList();
        Assert.True(missing.Count == 0, $"add a sample to {nameof(SerializerSamples)} for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Serializer_should_have_a_manifest_for_every_persisted_event_and_wire_message_when_scanning_assemblies()
    {
        var markers = new[] { typeof(IPersistedEvent), typeof(IWireMessage), typeof(Supervisor.Domain.Events.IFleetFact) };
        var concrete = new[] { typeof(IPersistedEvent).Assembly, typeof(IWireMessage).Assembly }
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && markers.Any(m => m.IsAssignableFrom(t)))
            .ToList();

        Assert.True(concrete.Count >= SupervisorSerializer.Manifests.Count, "the scan found fewer types than there are manifests");
        var registered = SupervisorSerializer.Manifests.Values.ToHashSet();
        var missing = concrete.Where(t => !registered.Contains(t)).Select(t => t.FullName).ToList();
        Assert.True(missing.Count == 0, $"no manifest in SupervisorSerializer.Manifests for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Serializer_should_only_register_types_akka_routes_to_it_when_checking_the_markers()
    {
        var unbound = SupervisorSerializer.Manifests.Values
            .Where(t => !typeof(IPersistedEvent).IsAssignableFrom(t) && !typeof(IWireMessage).IsAssignableFrom(t)
                        && !typeof(Supervisor.Domain.Events.IFleetFact).IsAssignableFrom(t))
            .Select(t => t.Name).ToList();
        Assert.Empty(unbound);
    }

    [Fact]
    public void Serializer_should_keep_every_manifest_string_when_types_evolve()
    {
        // Journals on disk store these strings. Adding one is fine; changing or removing one breaks recovery.
        var expected = new Dictionary<string, Type>
        {
            ["g.episode-started"] = typeof(EpisodeStarted),
            ["g.saga-ended"] = typeof(EpisodeSagaEnded),
            ["g.rearmed"] = typeof(GroupRearmed),
            ["s.started"] = typeof(SagaStarted),
            ["s.deadlines-shortened"] = typeof(DeadlinesShortened),
            ["s.phase-started"] = typeof(PhaseStarted),
            ["s.step-dispatched"] = typeof(StepDispatched),
            ["s.step-succeeded"] = typeof(StepSucceeded),
            ["s.step-failed"] = typeof(StepFailed),
            ["s.step-timed-out"] = typeof(StepTimedOut),
            ["s.phase-completed"] = typeof(PhaseCompleted),
            ["s.power-restored-ignored"] = typeof(PowerRestoredIgnored),
            ["s.aborted"] = typeof(SagaAborted),
            ["s.completed"] = typeof(SagaCompleted),
            ["a.step-started"] = typeof(AgentStepStarted),
            ["a.step-finished"] = typeof(AgentStepFinished),
            ["w.execute-step"] = typeof(ExecuteStep),
            ["w.step-result"] = typeof(StepResult),
            ["h.warmup"] = typeof(Supervisor.Actors.Hosting.JournalWarmedUp),
            ["w.group-power"] = typeof(GroupPowerState),
            ["f.group-power-noted"] = typeof(Supervisor.Domain.Agents.GroupPowerNoted),
            ["f.fired"] = typeof(Supervisor.Domain.Agents.FailsafeFired),
            ["f.rearmed"] = typeof(Supervisor.Domain.Agents.FailsafeRearmed),
            ["i.cluster-request"] = typeof(ClusterRequest),
            ["i.cluster-view"] = typeof(ClusterView),
            ["i.down-member"] = typeof(DownMemberRequest),
            ["i.leave-member"] = typeof(LeaveMemberRequest),
            ["i.command-result"] = typeof(CommandResult),
            ["i.status-request"] = typeof(StatusRequest),
            ["i.status-view"] = typeof(StatusView),
            ["i.saga-list-request"] = typeof(SagaListRequest),
            ["i.saga-list-view"] = typeof(SagaListView),
            ["i.saga-detail-request"] = typeof(SagaDetailRequest),
            ["i.saga-detail-view"] = typeof(SagaDetailView),
            ["i.failed"] = typeof(InspectionFailed),
            ["i.partition-status-request"] = typeof(Supervisor.Actors.Placement.PartitionStatusRequest),
            ["p.fleet-announcement"] = typeof(Supervisor.Actors.Placement.FleetAnnouncement),
            ["e.device-sampled"] = typeof(Supervisor.Domain.Events.DeviceSampled),
            ["e.group-sampled"] = typeof(Supervisor.Domain.Events.GroupSampled),
            ["e.device-health-changed"] = typeof(Supervisor.Domain.Events.DeviceHealthChanged),
            ["e.group-state-changed"] = typeof(Supervisor.Domain.Events.GroupStateChanged),
            ["e.group-episode-changed"] = typeof(Supervisor.Domain.Events.GroupEpisodeChanged),
            ["e.saga-progressed"] = typeof(Supervisor.Domain.Events.SagaProgressed),
            ["e.agent-failsafe-fired"] = typeof(Supervisor.Domain.Events.AgentFailsafeFired),
            ["e.node-membership-changed"] = typeof(Supervisor.Domain.Events.NodeMembershipChanged),
            ["e.config-warning-raised"] = typeof(Supervisor.Domain.Events.ConfigWarningRaised),
            ["e.power-event-raised"] = typeof(Supervisor.Domain.Alerts.PowerEventRaised),
            ["e.alert-raised"] = typeof(Supervisor.Domain.Alerts.AlertRaised),
            ["e.bridged"] = typeof(Supervisor.Actors.Events.BridgedFleetEvent),
            ["i.history-request"] = typeof(HistoryRequest),
            ["i.history-view"] = typeof(HistoryView),
            ["i.events-request"] = typeof(EventsRequest),
            ["i.events-view"] = typeof(EventsView),
            ["i.history-store-status-request"] = typeof(HistoryStoreStatusRequest),
            ["i.history-store-view"] = typeof(HistoryStoreView),
            ["n.queued"] = typeof(Supervisor.Domain.Notifications.Outbox.NotificationQueued),
            ["n.delivered"] = typeof(Supervisor.Domain.Notifications.Outbox.NotificationDelivered),
            ["n.retry-scheduled"] = typeof(Supervisor.Domain.Notifications.Outbox.DeliveryRetryScheduled),
            ["n.abandoned"] = typeof(Supervisor.Domain.Notifications.Outbox.DeliveryAbandoned),
            ["i.outbox-status-request"] = typeof(Supervisor.Actors.Notifications.GetOutboxStatus),
            ["i.outbox-status"] = typeof(Supervisor.Actors.Notifications.OutboxStatus),
            ["i.notify-test-request"] = typeof(Supervisor.Actors.Notifications.NotifyTestRequest),
            ["i.notify-test-result"] = typeof(Supervisor.Actors.Notifications.NotifyTestResult),
            ["g.maintenance-started"] = typeof(MaintenanceStarted),
            ["g.maintenance-ended"] = typeof(MaintenanceEnded),
            ["e.device-maintenance-changed"] = typeof(Supervisor.Domain.Events.DeviceMaintenanceChanged),
            ["i.maintenance-start"] = typeof(Supervisor.Actors.Groups.MaintenanceStart),
            ["i.maintenance-end"] = typeof(Supervisor.Actors.Groups.MaintenanceEnd),
            ["i.maintenance-list"] = typeof(Supervisor.Actors.Groups.MaintenanceList),
            ["i.maintenance-result"] = typeof(Supervisor.Actors.Groups.MaintenanceResult),
            ["i.maintenance-list-view"] = typeof(Supervisor.Actors.Groups.MaintenanceListView),
            ["a.state-recorded"] = typeof(Supervisor.Domain.Alerts.AlertStateRecorded),
            ["a.silence-set"] = typeof(Supervisor.Domain.Alerts.AlertSilenceSet),
            ["a.silence-lifted"] = typeof(Supervisor.Domain.Alerts.AlertSilenceLifted),
            ["a.observed"] = typeof(Supervisor.Actors.Alerts.AlertObserved),
            ["i.alerts-list-request"] = typeof(Supervisor.Actors.Alerts.AlertsListRequest),
            ["i.alerts-list-view"] = typeof(Supervisor.Actors.Alerts.AlertsListView),
            ["i.alert-ack-request"] = typeof(Supervisor.Actors.Alerts.AlertAckRequest),
            ["i.alert-silence-request"] = typeof(Supervisor.Actors.Alerts.AlertSilenceRequest),
            ["i.alert-unsilence-request"] = typeof(Supervisor.Actors.Alerts.AlertUnsilenceRequest),
            ["l.readings-wanted"] = typeof(Supervisor.Actors.Live.LiveReadingsWanted),
            ["e.fleet-mismatch-changed"] = typeof(Supervisor.Domain.Events.FleetMismatchChanged),
            ["n.fact-replay-requested"] = typeof(Supervisor.Actors.Notifications.FactReplayRequested),
            ["e.mutation-requested"] = typeof(Supervisor.Domain.Events.MutationRequested),
            ["i.saga-abort-request"] = typeof(Supervisor.Actors.Sagas.SagaAbortRequest),
            ["i.saga-abort-result"] = typeof(Supervisor.Actors.Sagas.SagaAbortResult),
            ["w.agent-probe-request"] = typeof(AgentProbeRequest),
            ["w.agent-probe-report"] = typeof(AgentProbeReport),
            ["i.agents-probe-request"] = typeof(Supervisor.Actors.Inspection.AgentsProbeRequest),
            ["i.agents-probe-view"] = typeof(Supervisor.Actors.Inspection.AgentsProbeView),
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), SupervisorSerializer.Manifests.OrderBy(kv => kv.Key));
        foreach (var (manifest, type) in expected)
            Assert.Equal(manifest, _serializer.Manifest(SampleOf(type)));
    }

    [Fact]
    public void Serializer_should_throw_a_serialization_exception_naming_the_manifest_when_manifest_is_unknown()
    {
        var bytes = _serializer.ToBinary(SerializerSamples.All["PhaseStarted"]);
        var ex = Assert.Throws<SerializationException>(() => _serializer.FromBinary(bytes, "s.phase-exploded"));
        Assert.Contains("unknown manifest \"s.phase-exploded\"", ex.Message);
    }

    [Fact]
    public void Serializer_should_refuse_to_write_a_type_without_a_manifest_when_asked_to_serialize_it()
    {
        var ex = Assert.Throws<SerializationException>(() => _serializer.ToBinary(new Unregistered("x")));
        Assert.Contains(typeof(Unregistered).FullName!, ex.Message);
        Assert.Contains("no manifest", ex.Message);
    }

    [Fact]
    public void Serializer_should_write_enums_as_names_and_properties_in_camel_case_when_writing_json()
    {
        var json = JsonDocument.Parse(_serializer.ToBinary(SerializerSamples.All["EpisodeSagaEnded"])).RootElement;
        Assert.Equal("Aborted", json.GetProperty("outcome").GetString());
        Assert.Equal("rack-a-3", json.GetProperty("sagaId").GetString());
    }

    [Fact]
    public void Serializer_should_read_events_as_journaled_today_when_recovering_an_existing_journal()
    {
        // Payloads exactly as the current format writes them: property renames or format changes must not break these.
        const string ended = """{"sagaId":"rack-a-3","outcome":"Aborted","reason":"power restored","groupId":"rack-a","at":"2026-03-14T09:26:53.5358979+02:00"}""";
        const string result = """{"sagaId":"rack-a-1","stepId":"1.1-vms-hv-1-stop-vms","host":"hv-1","succeeded":false,"exitCode":null,"output":"refused","dryRun":false,"duplicate":false}""";
        const string started = """
            {"plan":{"sagaId":"rack-a-1","groupId":"rack-a","phases":[
              {"name":"vms","steps":[{"stepId":"1.1-vms-hv-1-stop-vms","host":"hv-1","action":"stop-vms","timeout":"00:02:00","irreversible":false}],"longestTimeout":"00:02:00"},
              {"name":"local-host","steps":[{"stepId":"2.1-local-host-hv-1-poweroff","host":"hv-1","action":"poweroff","timeout":"00:00:30","irreversible":true}],"longestTimeout":"00:00:30"}],
             "safetyMargin":"00:01:00","onPowerRestored":"Abort","retryInterval":"00:00:01","allSteps":[]},
             "sagaId":"rack-a-1","at":"2026-03-14T09:26:53.5358979+02:00"}
            """;

        Assert.Equal(SerializerSamples.All["EpisodeSagaEnded"], _serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(ended), "g.saga-ended"));
        Assert.Equal(SerializerSamples.All["StepResult-no-exit-code"], _serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(result), "w.step-result"));
        var plan = ((SagaStarted)_serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(started), "s.started")).Plan;
        Assert.Equal(["1.1-vms-hv-1-stop-vms", "2.1-local-host-hv-1-poweroff"], plan.AllSteps.Select(s => s.StepId));
        Assert.Equal((PowerRestoredPolicy.Abort, TimeSpan.FromMinutes(1)), (plan.OnPowerRestored, plan.SafetyMargin));
        Assert.Equal(TimeSpan.FromMinutes(2), plan.Phases[0].Steps[0].Timeout);
    }

    /// <summary>The sample of a registered type (every manifest type has one, see the sample test).</summary>
    private static object SampleOf(Type type) => SerializerSamples.All.Values.First(v => v.GetType() == type);

    private sealed record Unregistered(string Name) : IPersistedEvent;
}
