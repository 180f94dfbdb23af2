namespace Supervisor.Actors.Inspection;

// The inspection protocol: the `supervisor status | cluster | sagas` CLI (a remote-only ActorSystem that never
// joins the cluster) asks the inspector at /user/inspector on any node. Plain data only, serialized with
// explicit manifests so CLI and node can differ in version without Newtonsoft type names in between.

/// <summary>CLI → inspector: who is in the cluster.</summary>
public sealed record ClusterRequest : IWireMessage
{
    public static ClusterRequest Instance { get; } = new();
}

/// <summary>The cluster as the asked node sees it.</summary>
/// <param name="SupervisorNode">Where the supervisor singleton runs: the oldest Up member with role supervisor.</param>
public sealed record ClusterView(string Self, string? Leader, IReadOnlyList<MemberView> Members, string? SupervisorNode) : IWireMessage;

public sealed record MemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable, bool IsLeader, bool RunsSupervisor);

/// <summary>CLI → inspector: mark a member down (it is removed; use for a member that is unreachable for good).</summary>
public sealed record DownMemberRequest(string Address) : IWireMessage;

/// <summary>CLI → inspector: ask a member to leave gracefully (its singletons and sagas hand over first).</summary>
public sealed record LeaveMemberRequest(string Address) : IWireMessage;

/// <summary>Outcome of a down/leave request.</summary>
public sealed record CommandResult(bool Ok, string Message) : IWireMessage;

/// <summary>CLI → inspector → supervisor: devices, groups and sagas.</summary>
public sealed record StatusRequest : IWireMessage
{
    public static StatusRequest Instance { get; } = new();
}

/// <param name="Persistence">The journal of each node that took part in the answer (the supervisor's, and the asked node's); null from an older node.</param>
public sealed record StatusView(string SupervisorNode, IReadOnlyList<DeviceView> Devices, IReadOnlyList<GroupView> Groups, IReadOnlyList<SagaView> Sagas,
    IReadOnlyList<PersistenceView>? Persistence = null) : IWireMessage
{
    /// <summary>The history store's writer on the node where the devices run; null when history is off there (or, sharded, not asked).</summary>
    public HistoryStoreView? HistoryStore { get; init; }
}

/// <summary>Supervisor root → the history writer on its node (<c>/user/stats-writer</c>): how is writing going.</summary>
public sealed record HistoryStoreStatusRequest : IWireMessage
{
    public static HistoryStoreStatusRequest Instance { get; } = new();

    /// <summary>Where the writer runs on every node that has one (History's hosting starts it there).</summary>
    public const string WriterPath = "/user/stats-writer";
}

/// <summary>
/// The history writer's counters: where it writes, what it wrote and dropped (a full queue drops the oldest samples),
/// what waits, and since when it fails with which error. Dropping or failing never holds back anything else.
/// </summary>
public sealed record HistoryStoreView(string Where, long FactsWritten, long DroppedSamples, long DroppedEvents, int Queued,
    DateTimeOffset? LastWriteAt, DateTimeOffset? FailingSince, string? LastError) : IWireMessage;

/// <summary>
/// How one node's journal is doing. <see cref="Impaired"/>: writes are held in memory (they are lost if the node stops
/// before the journal takes them), or reads fail (a restarted group or saga cannot recover). Shutdowns still run.
/// </summary>
/// <param name="Notices">Things that happened to the journal at start, e.g. a damaged journal moved aside.</param>
public sealed record PersistenceView(string Node, string Journal, bool Impaired, string Summary, string? Fix, int EventsInMemory,
    DateTimeOffset? Since, IReadOnlyList<string> Notices);

public sealed record DeviceView(
    string Id, string Driver, string Health, string Reason, bool? OnBattery, double? ChargePercent, double? RuntimeSeconds,
    bool RuntimeEstimated, double? PowerWatts, string? RawStatus, DateTimeOffset? LastReadingAt)
{
    /// <summary>On battery: how long, the figures, and where each enabled trigger fires ("runtime ≤ 600s (in 212s)"), as the log's progress line; null on line.</summary>
    public string? BatteryProgress { get; init; }

    /// <summary>Output load (percent) and mains voltage of the last good reading, for `watch`; null when the device does not report them.</summary>
    public double? LoadPercent { get; init; }
    public double? InputVoltage { get; init; }

    /// <summary>When this on-battery episode began (in the snapshot `status` answers; null on line, in live frames, and from an older node).</summary>
    public DateTimeOffset? OnBatterySince { get; init; }

    /// <summary>A device as <c>status</c> shows it: its health in capitals, and the figures of its last good reading (none yet: null).</summary>
    public static DeviceView Of(string id, string driver, Domain.Health.DeviceHealth health, string reason, Domain.Readings.Reading? lastReading) =>
        new(id, driver, health.ToString().ToUpperInvariant(), reason, lastReading?.OnBattery, lastReading?.ChargePercent, lastReading?.RuntimeSeconds,
            lastReading?.RuntimeEstimated ?? false, lastReading?.PowerWatts, lastReading?.RawStatus, lastReading?.Time)
        { LoadPercent = lastReading?.LoadPercent, InputVoltage = lastReading?.InputVoltage };
}

/// <param name="Healthy">Healthy members among those not in maintenance.</param>
/// <param name="Members">Every configured member, those in maintenance included.</param>
public sealed record GroupView(string Id, string State, int Episode, string? ActiveSagaId, int? Healthy, int MinHealthy, int Members, double? RuntimeSeconds)
{
    /// <summary>Members in maintenance (left out of the quorum); empty from an older node.</summary>
    public IReadOnlyList<string> InMaintenance { get; init; } = [];

    /// <summary>The configured member device ids, in config order (the dashboard lists them under the quorum); empty from an older node.</summary>
    public IReadOnlyList<string> MemberIds { get; init; } = [];
}

/// <summary>CLI → inspector → supervisor: every saga in the journal, oldest first.</summary>
public sealed record SagaListRequest : IWireMessage
{
    public static SagaListRequest Instance { get; } = new();
}

public sealed record SagaListView(IReadOnlyList<SagaView> Sagas) : IWireMessage;

public sealed record SagaView(
    string SagaId, string GroupId, string Status, string? Phase, int PhaseNumber, int Phases,
    DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, string? EndReason,
    int Steps, int Succeeded, int Failed, int TimedOut, int Unfinished);

/// <summary>CLI → inspector → supervisor: one saga with every step.</summary>
public sealed record SagaDetailRequest(string SagaId) : IWireMessage;

/// <summary>A saga and its steps, or <see cref="Saga"/> null when no saga has that id.</summary>
public sealed record SagaDetailView(string SagaId, SagaView? Saga, IReadOnlyList<SagaStepView> Steps) : IWireMessage;

public sealed record SagaStepView(
    string StepId, string Phase, string Host, string Action, bool Irreversible, string Status, int Attempts,
    DateTimeOffset? DispatchedAt, DateTimeOffset? EndedAt, double? Seconds, int? ExitCode, string? Detail)
{
    /// <summary>The step's configured timeout: with <see cref="DispatchedAt"/> it gives the deadline `watch` counts down to; null from an older node.</summary>
    public double? TimeoutSeconds { get; init; }

    /// <summary>A typed action's outcome per VM / container / host (empty for a command, or from an older node).</summary>
    public IReadOnlyList<Domain.Agents.TargetOutcome> Targets { get; init; } = [];
}

/// <summary>The node could not answer (e.g. no supervisor reachable); the message says why and what to do.</summary>
public sealed record InspectionFailed(string Message) : IWireMessage;
