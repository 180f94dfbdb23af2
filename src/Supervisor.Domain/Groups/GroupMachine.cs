using System.Collections.Immutable;
using Supervisor.Domain.Health;

namespace Supervisor.Domain.Groups;

/// <summary>
/// The whole state of one group. <see cref="Phase"/>, <see cref="Episode"/>, <see cref="ActiveSagaId"/> and
/// <see cref="Maintenance"/> are rebuilt from the journal; the rest is volatile and rebuilt from live device reports after a restart
/// (a restarted group re-enters its start-up grace, but a running saga keeps running).
/// </summary>
public sealed record GroupMachine(
    EpisodePhase Phase,
    int Episode,
    string? ActiveSagaId,
    ImmutableDictionary<string, DeviceHealth> Members,
    DateTimeOffset StartedAt,
    bool GraceOver,
    DateTimeOffset? QuorumHeldSince,
    bool PowerRestoredNotified,
    QuorumCount? LastCount)
{
    public static GroupMachine Initial(DateTimeOffset startedAt) => new(
        EpisodePhase.Armed, 0, null, ImmutableDictionary<string, DeviceHealth>.Empty.WithComparers(StringComparer.Ordinal),
        startedAt, false, null, false, null);

    /// <summary>Members in maintenance, by device id: left out of the quorum until their window ends (journaled).</summary>
    public ImmutableDictionary<string, MaintenanceWindow> Maintenance { get; init; } =
        ImmutableDictionary<string, MaintenanceWindow>.Empty.WithComparers(StringComparer.Ordinal);

    /// <summary>The documented state, derived from the persisted phase and the live quorum.</summary>
    public GroupState State => Phase switch
    {
        EpisodePhase.Running => GroupState.QuorumLost,
        EpisodePhase.Completed => GroupState.ShutdownComplete,
        EpisodePhase.Aborted => GroupState.Aborted,
        _ when !GraceOver => GroupState.Starting,
        _ when LastCount is { AllHealthy: true } => GroupState.Healthy,
        _ => GroupState.Degraded,
    };
}

/// <summary>Result of one input: the next state, events to persist (already applied to <see cref="Next"/>) and effects to run after persisting.</summary>
public sealed record GroupStep(GroupMachine Next, IReadOnlyList<GroupEvent> Events, IReadOnlyList<GroupEffect> Effects)
{
    /// <summary>
    /// Why a maintenance request was refused (the request itself changed nothing; the step is what a tick at that time would
    /// do); null when it was accepted or was no such request. The group actor journals nothing for a refused request.
    /// </summary>
    public string? Refusal { get; init; }
}
