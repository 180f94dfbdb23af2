using Supervisor.Domain.Health;

namespace Supervisor.Domain.Groups;

/// <summary>Where a group stands. Documented transitions:
/// <c>Starting → Healthy ⇄ Degraded → QuorumLost (saga running) → ShutdownComplete | Aborted → (re-armed) Healthy/Degraded</c>.</summary>
public enum GroupState
{
    /// <summary>Inside the start-up grace: no saga unless every member is CRITICAL.</summary>
    Starting,
    /// <summary>Armed; quorum holds and every member is HEALTHY.</summary>
    Healthy,
    /// <summary>Armed; quorum holds but some member is not HEALTHY.</summary>
    Degraded,
    /// <summary>Quorum was lost; this episode's saga is running.</summary>
    QuorumLost,
    /// <summary>The saga completed; a new episode needs quorum held for <c>rearm-after</c> first.</summary>
    ShutdownComplete,
    /// <summary>The saga was aborted (power returned); the group re-arms as soon as quorum holds.</summary>
    Aborted,
}

/// <summary>The persisted part of a group's life: whether a new episode may start.</summary>
public enum EpisodePhase { Armed, Running, Completed, Aborted }

/// <summary>How a saga ended, as its group learns it.</summary>
public enum SagaOutcome { Completed, Aborted }

/// <summary>Something the group's state machine reacts to.</summary>
public abstract record GroupInput(DateTimeOffset At);

/// <summary>A member device's health changed (from its device actor).</summary>
public sealed record MemberHealthChanged(string DeviceId, DeviceHealth Health, DateTimeOffset At) : GroupInput(At);

/// <summary>Time passed (grace end, re-arm timer).</summary>
public sealed record GroupTick(DateTimeOffset At) : GroupInput(At);

/// <summary>The episode's saga finished (from the saga actor).</summary>
public sealed record SagaFinished(string SagaId, SagaOutcome Outcome, string Reason, DateTimeOffset At) : GroupInput(At);

/// <summary>Persisted group events. Replaying them rebuilds the episode counter and phase.</summary>
public abstract record GroupEvent(string GroupId, DateTimeOffset At) : IPersistedEvent;

/// <summary>Quorum was lost (after grace): episode <paramref name="Episode"/> begins and its saga must start.</summary>
public sealed record EpisodeStarted(string GroupId, int Episode, string SagaId, string Reason, DateTimeOffset At) : GroupEvent(GroupId, At);

/// <summary>The running episode's saga ended.</summary>
public sealed record EpisodeSagaEnded(string GroupId, string SagaId, SagaOutcome Outcome, string Reason, DateTimeOffset At) : GroupEvent(GroupId, At);

/// <summary>The group may start a new episode again.</summary>
public sealed record GroupRearmed(string GroupId, string Reason, DateTimeOffset At) : GroupEvent(GroupId, At);

/// <summary>Something the group actor must do after persisting.</summary>
public abstract record GroupEffect;

/// <summary>Start (or, after recovery, resume) the saga of an episode.</summary>
public sealed record StartSaga(string SagaId, int Episode, string Reason) : GroupEffect;

/// <summary>Tell the running saga that quorum is back (it aborts or continues per policy).</summary>
public sealed record NotifyPowerRestored(string SagaId, string Reason) : GroupEffect;
