using Supervisor.Domain.Notifications;
using Supervisor.Domain.Notifications.Outbox;
using Supervisor.Domain.Agents;

namespace Supervisor.Actors.Tests.Serialization;

/// <summary>
/// One realistic instance per serialized type (two where a nullable is worth checking both set and null).
/// Offsets other than UTC and sub-millisecond ticks are on purpose: a journal must give back exactly what it got.
/// </summary>
internal static class SerializerSamples
{
    private static readonly DateTimeOffset At = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.FromHours(2)).AddTicks(5_358_979);
    private static readonly DateTimeOffset Deadline = new DateTimeOffset(2026, 3, 14, 7, 31, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static SagaPlan Plan { get; } = new("rack-a-1", "rack-a",
        [
            new PlannedPhase("vms",
            [
                new PlannedStep("1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", TimeSpan.FromSeconds(120), false),
                new PlannedStep("1.2-vms-hv-2-stop-vms", "hv-2", "stop-vms", TimeSpan.FromMilliseconds(90_500), false),
            ]),
            new PlannedPhase("local-host", [new PlannedStep("2.1-local-host-hv-1-poweroff", "hv-1", "poweroff", TimeSpan.FromSeconds(30), true)]),
        ],
        TimeSpan.FromSeconds(60), PowerRestoredPolicy.Continue, TimeSpan.FromSeconds(1.5));

    private static readonly SagaView Saga = new("rack-a-1", "rack-a", "RUNNING", "vms", 1, 2, At, null, null, 3, 1, 0, 0, 2);

    /// <summary>Name → instance; the name is what the theory shows.</summary>
    private static readonly Supervisor.Domain.Readings.Reading Reading = new("ups-a", At, false, true, false, false, 96, 1750, 31, 229.5, 250, "OB DISCHRG")
    {
        FrequencyHz = 50, EnergyKwh = 12.5,
    };

    public static IReadOnlyDictionary<string, object> All { get; } = new Dictionary<string, object>
    {
        ["EpisodeStarted"] = new EpisodeStarted("rack-a", 3, "rack-a-3", "quorum lost: 0 of 2 healthy (min 1)", At),
        ["EpisodeSagaEnded"] = new EpisodeSagaEnded("rack-a", "rack-a-3", SagaOutcome.Aborted, "power restored", At),
        ["GroupRearmed"] = new GroupRearmed("rack-a", "quorum held for 5s", At),
        ["SagaStarted"] = new SagaStarted("rack-a-1", Plan, At),
        ["DeadlinesShortened"] = new DeadlinesShortened("rack-a-1", 0.4375, "runtime 130s − margin 60s < plan 160s", At),
        ["PhaseStarted"] = new PhaseStarted("rack-a-1", 1, At),
        ["StepDispatched"] = new StepDispatched("rack-a-1", "1.2-vms-hv-2-stop-vms", 2, Deadline, At),
        ["StepSucceeded"] = new StepSucceeded("rack-a-1", "1.1-vms-hv-1-stop-vms", 0, "dry-run: virsh shutdown --all", At),
        ["StepSucceeded-no-exit-code"] = new StepSucceeded("rack-a-1", "1.1-vms-hv-1-stop-vms", null, "ok", At),
        ["StepFailed"] = new StepFailed("rack-a-1", "1.2-vms-hv-2-stop-vms", 3, "exit 3: \"domain not found\"\nline two", At),
        ["StepFailed-no-exit-code"] = new StepFailed("rack-a-1", "1.2-vms-hv-2-stop-vms", null, "action \"rm-rf\" is not allow-listed", At),
        ["StepTimedOut"] = new StepTimedOut("rack-a-1", "2.1-local-host-hv-1-poweroff", "no answer within 30s (3 attempts)", At),
        ["PhaseCompleted"] = new PhaseCompleted("rack-a-1", 0, At),
        ["PowerRestoredIgnored"] = new PowerRestoredIgnored("rack-a-1", "irreversible step dispatched", At),
        ["SagaAborted"] = new SagaAborted("rack-a-1", "power restored: ups-a on line", At),
        ["SagaCompleted"] = new SagaCompleted("rack-a-1", "COMPLETE: 3 step(s): 2 succeeded, 1 timed out", At),
        ["AgentStepStarted"] = new AgentStepStarted("hv-1", "rack-a-1", "1.1-vms-hv-1-stop-vms", "stop-vms", At),
        ["AgentStepFinished"] = new AgentStepFinished("hv-1", "rack-a-1", "1.1-vms-hv-1-stop-vms", false, 137, "killed: timeout 300s", false, At),
        ["AgentStepFinished-no-exit-code"] = new AgentStepFinished("hv-1", "rack-a-1", "1.1-vms-hv-1-stop-vms", true, null, "", true, At),
        ["ExecuteStep"] = new ExecuteStep("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 4, Deadline),
        ["StepResult"] = new StepResult("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", true, 0, "dry-run", true, true),
        ["StepResult-no-exit-code"] = new StepResult("rack-a-1", "1.1-vms-hv-1-stop-vms", "hv-1", false, null, "refused", false, false),
        ["GroupPowerState"] = new GroupPowerState("rack-a", true, "DEGRADED; on battery: ups-a", At),
        ["GroupPowerNoted"] = new Supervisor.Domain.Agents.GroupPowerNoted("rack-a", true, At),
        ["FailsafeFired"] = new Supervisor.Domain.Agents.FailsafeFired("failsafe-hv-1-20260314T072653", "no supervisor heard for 60s", At),
        ["FailsafeRearmed"] = new Supervisor.Domain.Agents.FailsafeRearmed(At),
        ["JournalWarmedUp"] = new Supervisor.Actors.Hosting.JournalWarmedUp("supervisor", At),
        ["ClusterRequest"] = ClusterRequest.Instance,
        ["ClusterView"] = new ClusterView("akka.tcp://supervisor@127.0.0.1:4053", null,
            [new MemberView("akka.tcp://supervisor@127.0.0.1:4053", "Up", ["agent", "supervisor"], true, true, true)], "akka.tcp://supervisor@127.0.0.1:4053"),
        ["DownMemberRequest"] = new DownMemberRequest("akka.tcp://supervisor@127.0.0.1:4054"),
        ["LeaveMemberRequest"] = new LeaveMemberRequest("akka.tcp://supervisor@127.0.0.1:4054"),
        ["CommandResult"] = new CommandResult(false, "not a member"),
        ["StatusRequest"] = StatusRequest.Instance,
        ["StatusView"] = new StatusView("akka.tcp://supervisor@127.0.0.1:4053",
            [new DeviceView("ups-a", "nut", "DEGRADED", "on battery for 3s", true, 88.5, 1500, true, 230, "OB", At),
             new DeviceView("ups-b", "nut", "UNKNOWN", "no reading yet", null, null, null, false, null, null, null)],
            [new GroupView("rack-a", "QUORUMLOST", 2, "rack-a-2-20260314T072653", 0, 1, 2, 1500)],
            [Saga]),
        ["SagaListRequest"] = SagaListRequest.Instance,
        ["SagaListView"] = new SagaListView([Saga]),
        ["SagaDetailRequest"] = new SagaDetailRequest("rack-a-1"),
        ["SagaDetailView"] = new SagaDetailView("rack-a-1", Saga,
            [new SagaStepView("1.1-vms-hv-1-stop-vms", "vms", "hv-1", "stop-vms", false, "SUCCEEDED", 1, At, Deadline, 2.5, 0, "dry-run")]),
        ["SagaDetailView-not-found"] = new SagaDetailView("nope", null, []),
        ["InspectionFailed"] = new InspectionFailed("no answer from the supervisor"),
        ["PartitionStatusRequest"] = new Supervisor.Actors.Placement.PartitionStatusRequest(7),
        ["FleetAnnouncement"] = new Supervisor.Actors.Placement.FleetAnnouncement("akka.tcp://supervisor@10.0.0.2:4053", "0123456789ab",
            "sharded over 30 partitions, 2 device(s), 1 group(s), fingerprint 0123456789ab"),
        ["DeviceSampled"] = new Supervisor.Domain.Events.DeviceSampled("ups-a", "nut", Reading, Supervisor.Domain.Health.DeviceHealth.Degraded,
            "on battery for 4s (status: OB)", null, At),
        ["DeviceSampled-failed"] = new Supervisor.Domain.Events.DeviceSampled("ups-a", "nut", null, Supervisor.Domain.Health.DeviceHealth.Healthy,
            "on line (status: OL)", "connection refused by upsd at 127.0.0.1:3493", At),
        ["GroupSampled"] = new Supervisor.Domain.Events.GroupSampled("rack-a", GroupState.Degraded, 1, 1, 2, 812, At),
        ["DeviceHealthChanged"] = new Supervisor.Domain.Events.DeviceHealthChanged("ups-a", Supervisor.Domain.Health.DeviceHealth.Healthy,
            Supervisor.Domain.Health.DeviceHealth.Degraded, "on battery for 0s (status: OB)", Reading, At),
        ["GroupStateChanged"] = new Supervisor.Domain.Events.GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", At),
        ["GroupEpisodeChanged"] = new Supervisor.Domain.Events.GroupEpisodeChanged("rack-a", 4, "saga-ended", null, "rack-a-3", "aborted", "power restored", At),
        ["SagaProgressed"] = new Supervisor.Domain.Events.SagaProgressed("rack-a-1", "rack-a", 3, "step-dispatched", Supervisor.Domain.Events.EventSeverity.Info,
            "Saga rack-a-1: step 1.1-vms-hv-1-stop-vms dispatched to host hv-1 (action stop-vms, deadline in 120s)", "1.1-vms-hv-1-stop-vms", "hv-1", "stop-vms", 1, At),
        ["AgentFailsafeFired"] = new Supervisor.Domain.Events.AgentFailsafeFired("hv-1", "failsafe-hv-1-1", "no supervisor for 60s while rack-a on battery", At),
        ["NodeMembershipChanged"] = new Supervisor.Domain.Events.NodeMembershipChanged("akka.tcp://supervisor@10.0.0.2:4053", ["agent", "supervisor"], "unreachable", At),
        ["ConfigWarningRaised"] = new Supervisor.Domain.Events.ConfigWarningRaised("akka.tcp://supervisor@10.0.0.2:4053", "supervisor.devices.ups-b",
            "device is in no group", At),
        ["PowerEventRaised"] = new Supervisor.Domain.Alerts.PowerEventRaised("ups-a", Supervisor.Domain.Alerts.PowerEventKind.Online, false,
            81, 2460, 23, 229.5, 252, null, At),
        ["AlertRaised"] = new Supervisor.Domain.Alerts.AlertRaised("load-high", Supervisor.Domain.Events.SubjectKind.Device, "ups-a",
            Supervisor.Domain.Alerts.AlertDecision.NotifyFiring, "load", ">", 80, 85.5, null, Supervisor.Domain.Events.EventSeverity.Warning,
            ["ops-webhook"], At),
        ["BridgedFleetEvent"] = new Supervisor.Actors.Events.BridgedFleetEvent("akka.tcp://supervisor@10.0.0.2:4053",
            new Supervisor.Domain.Events.GroupStateChanged("rack-a", GroupState.Degraded, GroupState.QuorumLost, "0 of 2 healthy, need 1", At)),
        ["HistoryRequest"] = new HistoryRequest("ups-a", "charge", At, Deadline, 120),
        ["HistoryView"] = new HistoryView("ups-a", "device", "charge", "%", "Raw", ["charge", "load"], [new HistoryPointView(At, 40, 60, 51.5, 42, 12)], null),
        ["HistoryView-error"] = new HistoryView("nope", null, null, null, null, [], [], "no device or group \"nope\" in the history"),
        ["EventsRequest"] = new EventsRequest(At, "ups-a", null, null, "saga", "1733490000000:saga-rack-a-1#3", 100),
        ["EventsView"] = new EventsView([new EventView("saga-rack-a-1#3", At, "saga.step-dispatched", "Info", "saga rack-a-1", "Saga rack-a-1: step …")],
            "1733490000000:saga-rack-a-1#3", null),
        ["HistoryStoreStatusRequest"] = HistoryStoreStatusRequest.Instance,
        ["HistoryStoreView"] = new HistoryStoreView("/var/lib/supervisor/stats.db", 12345, 7, 0, 12, At, null, null),
        ["HistoryStoreView-failing"] = new HistoryStoreView("/var/lib/supervisor/stats.db", 12345, 7, 0, 12, At, At, "database or disk is full"),
        ["NotificationQueued"] = new NotificationQueued(Note, ["hook", "mail"], [new NotificationCondition("device:ups-a:power", "ONBATT"), new NotificationCondition("device:ups-a:low-battery", "off")], At),
        ["NotificationQueued-no-conditions"] = new NotificationQueued(Note, ["hook"], [], At),
        ["NotificationDelivered"] = new NotificationDelivered(Note.Id, "hook", 2, At),
        ["DeliveryRetryScheduled"] = new DeliveryRetryScheduled(Note.Id, "hook", 1, "503 from webhook channel hook", At.AddSeconds(5), At),
        ["DeliveryAbandoned"] = new DeliveryAbandoned(Note.Id, "hook", 3, "400 from webhook channel hook", true, At),
        ["GetOutboxStatus"] = Supervisor.Actors.Notifications.GetOutboxStatus.Instance,
        ["OutboxStatus"] = new Supervisor.Actors.Notifications.OutboxStatus([new("hook", 2, 3, "503 from webhook channel hook")]),
        ["NotifyTestRequest"] = new Supervisor.Actors.Notifications.NotifyTestRequest("hook", "cli on ops-1"),
        ["NotifyTestRequest-all"] = new Supervisor.Actors.Notifications.NotifyTestRequest(null, "cli on ops-1"),
        ["NotifyTestResult"] = new Supervisor.Actors.Notifications.NotifyTestResult("test-1", [new("hook", true, "delivered (attempt 1)")], null),
        ["NotifyTestResult-error"] = new Supervisor.Actors.Notifications.NotifyTestResult(null, [], "no channel \"x\"; configured: hook"),
        ["MaintenanceStarted"] = new MaintenanceStarted("rack-a", "ups-b", Deadline, "battery swap", "ops@hv-1", At),
        ["MaintenanceEnded"] = new MaintenanceEnded("rack-a", "ups-b", MaintenanceEndCause.Expired, "battery swap", MaintenanceRules.ExpiryActor, At),
        ["DeviceMaintenanceChanged"] = new Supervisor.Domain.Events.DeviceMaintenanceChanged("ups-b", "rack-a", 7, "started", Deadline, "battery swap", "ops@hv-1", At),
        ["MaintenanceStart"] = new Supervisor.Actors.Groups.MaintenanceStart("ups-b", TimeSpan.FromMinutes(90.5), "battery swap", "ops@hv-1"),
        ["MaintenanceStart-partition"] = new Supervisor.Actors.Groups.MaintenanceStart("ups-b", TimeSpan.FromHours(2), "service", "ops@hv-1") { Partition = 3 },
        ["MaintenanceEnd"] = new Supervisor.Actors.Groups.MaintenanceEnd("ups-b", "ops@hv-1") { Partition = 0 },
        ["MaintenanceList"] = Supervisor.Actors.Groups.MaintenanceList.Instance,
        ["MaintenanceResult"] = new Supervisor.Actors.Groups.MaintenanceResult(true, "ups-b is in MAINTENANCE", [MaintenanceRow]),
        ["MaintenanceResult-refused"] = new Supervisor.Actors.Groups.MaintenanceResult(false, "quorum would be impossible", []),
        ["MaintenanceListView"] = new Supervisor.Actors.Groups.MaintenanceListView([MaintenanceRow]),
        ["StatusView-maintenance"] = new StatusView("akka.tcp://supervisor@127.0.0.1:4053", [],
            [new GroupView("rack-a", "HEALTHY", 0, null, 1, 1, 2, null) { InMaintenance = ["ups-b"] }], []),
        ["AlertStateRecorded"] = new Supervisor.Domain.Alerts.AlertStateRecorded(Supervisor.Domain.Events.SubjectKind.Device,
            new Supervisor.Domain.Alerts.AlertState("load-high", "ups-a", Supervisor.Domain.Alerts.AlertStatus.Firing, At, 85.5, null, At, At, "alice"),
            new Supervisor.Domain.Alerts.AlertRaised("load-high", Supervisor.Domain.Events.SubjectKind.Device, "ups-a",
                Supervisor.Domain.Alerts.AlertDecision.NotifyFiring, "load", ">", 80, 85.5, null, Supervisor.Domain.Events.EventSeverity.Warning, [], At)),
        ["AlertStateRecorded-no-notice"] = new Supervisor.Domain.Alerts.AlertStateRecorded(Supervisor.Domain.Events.SubjectKind.Group,
            Supervisor.Domain.Alerts.AlertState.Initial("quorum-thin", "rack-a", At) with { Status = Supervisor.Domain.Alerts.AlertStatus.Pending, PendingSince = At }, null),
        ["AlertSilenceSet"] = new Supervisor.Domain.Alerts.AlertSilenceSet("load-high", At.AddHours(2), "alice@ops-1", At),
        ["AlertSilenceLifted"] = new Supervisor.Domain.Alerts.AlertSilenceLifted("load-high", "alice@ops-1", At),
        ["AlertObserved"] = new Supervisor.Actors.Alerts.AlertObserved("load-high", Supervisor.Domain.Events.SubjectKind.Device, "ups-a", 85.5, At),
        ["AlertsListRequest"] = Supervisor.Actors.Alerts.AlertsListRequest.Instance,
        ["AlertsListView"] = new Supervisor.Actors.Alerts.AlertsListView(
            [new("load-high", "ups-a", Supervisor.Domain.Alerts.AlertStatus.Firing, At, 85.5, "alice", At.AddHours(2))],
            [new Supervisor.Domain.Alerts.AlertSilence("load-high", At.AddHours(2), "alice@ops-1")]),
        ["AlertAckRequest"] = new Supervisor.Actors.Alerts.AlertAckRequest("load-high/ups-a", "alice@ops-1"),
        ["AlertSilenceRequest"] = new Supervisor.Actors.Alerts.AlertSilenceRequest("ups-*", TimeSpan.FromHours(2), "alice@ops-1"),
        ["AlertUnsilenceRequest"] = new Supervisor.Actors.Alerts.AlertUnsilenceRequest("ups-*", "alice@ops-1"),
        ["LiveReadingsWanted"] = Supervisor.Actors.Live.LiveReadingsWanted.Instance,
        ["FleetMismatchChanged"] = new Supervisor.Domain.Events.FleetMismatchChanged("akka.tcp://supervisor@10.0.0.1:4053", false,
            [new("0123456789ab", "singleton, 2 device(s), 1 group(s), fingerprint 0123456789ab", ["akka.tcp://supervisor@10.0.0.1:4053"]),
             new("ba9876543210", "sharded over 30 partitions, 2 device(s), 1 group(s), fingerprint ba9876543210", ["akka.tcp://supervisor@10.0.0.2:4053"])], At),
        ["FactReplayRequested"] = Supervisor.Actors.Notifications.FactReplayRequested.Instance,
        ["MutationRequested"] = new Supervisor.Domain.Events.MutationRequested("saga-abort", "abort of saga rack-a-1",
            new Supervisor.Domain.Events.EventSubject(Supervisor.Domain.Events.SubjectKind.Saga, "rack-a-1"), "API key ops", "operator", "10.0.0.7",
            "akka.tcp://supervisor@10.0.0.2:4053", "5f0c2a9e", At),
        ["SagaAbortRequest"] = new Supervisor.Actors.Sagas.SagaAbortRequest("rack-a-1", "alice@ops-1") { Partition = 1 },
        ["SagaAbortResult"] = new Supervisor.Actors.Sagas.SagaAbortResult(Supervisor.Actors.Sagas.SagaAbortOutcome.AlreadyEnded,
            "saga rack-a-1 already ended: COMPLETED", "COMPLETED"),
        ["AgentProbeRequest"] = new AgentProbeRequest("5f0c2a9e"),
        ["AgentProbeReport"] = new AgentProbeReport("5f0c2a9e", "hv-1", At, true, ProbeRows),
        ["AgentsProbeRequest"] = new Supervisor.Actors.Inspection.AgentsProbeRequest(TimeSpan.FromSeconds(10)),
        ["AgentsProbeView"] = new Supervisor.Actors.Inspection.AgentsProbeView(At, [new AgentProbeReport("5f0c2a9e", "hv-1", At, false, ProbeRows)], 2),
    };

    private static IReadOnlyList<ActionProbe> ProbeRows { get; } = [new("stop-vms", "command", true, "would run systemctl stop libvirt-guests.service")];

    private static Supervisor.Actors.Groups.MaintenanceView MaintenanceRow => new("ups-b", ["rack-a", "rack-b"], At, Deadline, "battery swap", "ops@hv-1");

    private static Notification Note => new("saga-rack-a-1#3", "ONBATT", Supervisor.Domain.Events.EventSeverity.Critical,
        new Supervisor.Domain.Events.EventSubject(Supervisor.Domain.Events.SubjectKind.Device, "ups-a"), "ups-a on battery",
        "ups-a on battery: charge 97 %, runtime 41 min", At, new Dictionary<string, string> { ["device"] = "ups-a", ["charge"] = "97" });

    public static IEnumerable<object[]> Names => All.Keys.Select(k => new object[] { k });
}
