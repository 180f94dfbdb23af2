using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using Akka.Serialization;
using Supervisor.Actors.Agents;
using Supervisor.Actors.Inspection;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Sagas;

namespace Supervisor.Actors.Serialization;

/// <summary>
/// System.Text.Json serializer for journal events and cross-node messages, with an explicit, short
/// manifest per type. The journal stores the manifest, never a CLR type name, so renaming or moving a
/// C# type cannot break recovery — only changing a manifest here can, and a test pins them.
/// </summary>
public sealed class SupervisorSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>Outside Akka's reserved 0–40.</summary>
    public const int Id = 9317;

    /// <summary>Manifest ↔ type. Never change an existing manifest: journals on disk refer to it.</summary>
    public static readonly IReadOnlyDictionary<string, Type> Manifests = new Dictionary<string, Type>
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
        ["h.warmup"] = typeof(Hosting.JournalWarmedUp),
        ["w.group-power"] = typeof(GroupPowerState),
        ["f.group-power-noted"] = typeof(GroupPowerNoted),
        ["f.fired"] = typeof(FailsafeFired),
        ["f.rearmed"] = typeof(FailsafeRearmed),
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
        ["i.partition-status-request"] = typeof(Placement.PartitionStatusRequest),
        ["p.fleet-announcement"] = typeof(Placement.FleetAnnouncement),
        ["e.device-sampled"] = typeof(DeviceSampled),
        ["e.group-sampled"] = typeof(GroupSampled),
        ["e.device-health-changed"] = typeof(DeviceHealthChanged),
        ["e.group-state-changed"] = typeof(GroupStateChanged),
        ["e.group-episode-changed"] = typeof(GroupEpisodeChanged),
        ["e.saga-progressed"] = typeof(SagaProgressed),
        ["e.agent-failsafe-fired"] = typeof(AgentFailsafeFired),
        ["e.node-membership-changed"] = typeof(NodeMembershipChanged),
        ["e.config-warning-raised"] = typeof(ConfigWarningRaised),
        ["e.bridged"] = typeof(Events.BridgedFleetEvent),
        ["e.power-event-raised"] = typeof(Supervisor.Domain.Alerts.PowerEventRaised),
        ["e.alert-raised"] = typeof(Supervisor.Domain.Alerts.AlertRaised),
        ["i.history-request"] = typeof(HistoryRequest),
        ["i.history-view"] = typeof(HistoryView),
        ["i.events-request"] = typeof(EventsRequest),
        ["i.events-view"] = typeof(EventsView),
        ["i.history-store-status-request"] = typeof(HistoryStoreStatusRequest),
        ["i.history-store-view"] = typeof(HistoryStoreView),
        ["n.queued"] = typeof(Domain.Notifications.Outbox.NotificationQueued),
        ["n.delivered"] = typeof(Domain.Notifications.Outbox.NotificationDelivered),
        ["n.retry-scheduled"] = typeof(Domain.Notifications.Outbox.DeliveryRetryScheduled),
        ["n.abandoned"] = typeof(Domain.Notifications.Outbox.DeliveryAbandoned),
        ["i.outbox-status-request"] = typeof(Notifications.GetOutboxStatus),
        ["i.outbox-status"] = typeof(Notifications.OutboxStatus),
        ["i.notify-test-request"] = typeof(Notifications.NotifyTestRequest),
        ["i.notify-test-result"] = typeof(Notifications.NotifyTestResult),
        ["g.maintenance-started"] = typeof(MaintenanceStarted),
        ["g.maintenance-ended"] = typeof(MaintenanceEnded),
        ["e.device-maintenance-changed"] = typeof(DeviceMaintenanceChanged),
        ["i.maintenance-start"] = typeof(Groups.MaintenanceStart),
        ["i.maintenance-end"] = typeof(Groups.MaintenanceEnd),
        ["i.maintenance-list"] = typeof(Groups.MaintenanceList),
        ["i.maintenance-result"] = typeof(Groups.MaintenanceResult),
        ["i.maintenance-list-view"] = typeof(Groups.MaintenanceListView),
        ["a.state-recorded"] = typeof(Domain.Alerts.AlertStateRecorded),
        ["a.silence-set"] = typeof(Domain.Alerts.AlertSilenceSet),
        ["a.silence-lifted"] = typeof(Domain.Alerts.AlertSilenceLifted),
        ["a.observed"] = typeof(Alerts.AlertObserved),
        ["i.alerts-list-request"] = typeof(Alerts.AlertsListRequest),
        ["i.alerts-list-view"] = typeof(Alerts.AlertsListView),
        ["i.alert-ack-request"] = typeof(Alerts.AlertAckRequest),
        ["i.alert-silence-request"] = typeof(Alerts.AlertSilenceRequest),
        ["i.alert-unsilence-request"] = typeof(Alerts.AlertUnsilenceRequest),
        ["l.readings-wanted"] = typeof(Live.LiveReadingsWanted),
        ["e.fleet-mismatch-changed"] = typeof(FleetMismatchChanged),
        ["n.fact-replay-requested"] = typeof(Notifications.FactReplayRequested),
        ["e.mutation-requested"] = typeof(MutationRequested),
        ["i.saga-abort-request"] = typeof(Sagas.SagaAbortRequest),
        ["i.saga-abort-result"] = typeof(Sagas.SagaAbortResult),
        ["w.agent-probe-request"] = typeof(AgentProbeRequest),
        ["w.agent-probe-report"] = typeof(AgentProbeReport),
        ["i.agents-probe-request"] = typeof(AgentsProbeRequest),
        ["i.agents-probe-view"] = typeof(AgentsProbeView),
    };

    private static readonly Dictionary<Type, string> ManifestByType = Manifests.ToDictionary(kv => kv.Value, kv => kv.Key);

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>HOCON that binds the markers to this serializer; added by the hosting wiring.</summary>
    public static string Hocon => $$"""
        akka.actor {
          serializers.supervisor = "{{typeof(SupervisorSerializer).AssemblyQualifiedNameWithoutVersion()}}"
          serialization-bindings {
            "{{typeof(Supervisor.Domain.IPersistedEvent).AssemblyQualifiedNameWithoutVersion()}}" = supervisor
            "{{typeof(IWireMessage).AssemblyQualifiedNameWithoutVersion()}}" = supervisor
            "{{typeof(IFleetFact).AssemblyQualifiedNameWithoutVersion()}}" = supervisor
          }
          serialization-identifiers { "{{typeof(SupervisorSerializer).AssemblyQualifiedNameWithoutVersion()}}" = {{Id}} }
        }
        """;

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        ManifestByType.TryGetValue(o.GetType(), out var m)
            ? m
            : throw new SerializationException($"{o.GetType().FullName} has no manifest in {nameof(SupervisorSerializer)}.{nameof(Manifests)}; add one");

    public override byte[] ToBinary(object obj)
    {
        _ = Manifest(obj); // fail loudly for an unregistered type rather than write an unreadable event
        if (obj is Events.BridgedFleetEvent bridged) return BridgedJson.Write(bridged, Manifest(bridged.Event));
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Manifests.TryGetValue(manifest, out var type))
            throw new SerializationException($"unknown manifest \"{manifest}\" (journal written by a newer version?)");
        if (type == typeof(Events.BridgedFleetEvent)) return BridgedJson.Read(bytes, inner => FromBinary(inner.Bytes, inner.Manifest));
        return JsonSerializer.Deserialize(bytes, type, Json)
               ?? throw new SerializationException($"manifest \"{manifest}\": empty payload {Encoding.UTF8.GetString(bytes)}");
    }
}

internal static class TypeNames
{
    /// <summary>"Namespace.Type, Assembly" — the form Akka HOCON bindings expect.</summary>
    public static string AssemblyQualifiedNameWithoutVersion(this Type t) => $"{t.FullName}, {t.Assembly.GetName().Name}";
}
