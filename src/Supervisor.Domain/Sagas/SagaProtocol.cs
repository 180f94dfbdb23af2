using System.Text.Json.Serialization;
using Supervisor.Domain.Agents;
namespace Supervisor.Domain.Sagas;

/// <summary>Overall saga status.</summary>
public enum SagaStatus { NotStarted, Running, Completed, Aborted }

/// <summary>Status of one step. Only an agent's positive ack makes a step <see cref="Succeeded"/>.</summary>
public enum StepStatus { Pending, Dispatched, Succeeded, Failed, TimedOut }

/// <summary>Inputs of the saga state machine.</summary>
public abstract record SagaCommand(DateTimeOffset At);

/// <summary>Start the saga with its plan; <paramref name="RuntimeLeft"/> is the group's runtime estimate if any.</summary>
public sealed record BeginSaga(SagaPlan Plan, TimeSpan? RuntimeLeft, DateTimeOffset At) : SagaCommand(At);

/// <summary>Time passed: resend unacked steps, time out overdue ones, advance phases.</summary>
public sealed record SagaTick(DateTimeOffset At) : SagaCommand(At);

/// <summary>The saga actor recovered from its journal mid-saga: re-send every unacked step of the current phase now
/// (agents dedupe by saga and step id, so a step that already ran is answered from the agent's record, not run again).</summary>
public sealed record ResumeSaga(DateTimeOffset At) : SagaCommand(At);

/// <summary>An agent answered a step (positive ack with exit code, or refusal / failure with a reason).</summary>
public sealed record StepReported(string StepId, bool Succeeded, int? ExitCode, string Detail, DateTimeOffset At,
    IReadOnlyList<TargetOutcome>? Targets = null) : SagaCommand(At);

/// <summary>The group regained quorum.</summary>
public sealed record PowerRestored(string Reason, DateTimeOffset At) : SagaCommand(At);

/// <summary>The group's remaining-runtime estimate changed.</summary>
public sealed record RuntimeEstimated(TimeSpan RuntimeLeft, DateTimeOffset At) : SagaCommand(At);

/// <summary>
/// A person aborts the running saga (<c>supervisor sagas abort</c>, <c>POST /api/v1/sagas/{id}/abort</c>): no further step
/// is sent. Unlike power returning, it aborts even after an irreversible step was dispatched (a person decided; the
/// reason says that step may still run).
/// </summary>
/// <param name="By">Who: "alice@ops-1" from the CLI, "API key ops (operator) from 10.0.0.7" from the API.</param>
public sealed record AbortRequested(string By, DateTimeOffset At) : SagaCommand(At);

/// <summary>Persisted saga events; replaying them yields exactly the state before a crash.</summary>
public abstract record SagaEvent(string SagaId, DateTimeOffset At) : IPersistedEvent;

public sealed record SagaStarted(string SagaId, SagaPlan Plan, DateTimeOffset At) : SagaEvent(SagaId, At);

/// <summary>The runtime budget was too small: deadlines of non-final phases are scaled by <paramref name="Factor"/> (≤ 1).</summary>
public sealed record DeadlinesShortened(string SagaId, double Factor, string Reason, DateTimeOffset At) : SagaEvent(SagaId, At);

public sealed record PhaseStarted(string SagaId, int PhaseIndex, DateTimeOffset At) : SagaEvent(SagaId, At);

/// <summary>A step was sent to its agent (attempt 1) or re-sent (attempt &gt; 1). Persisted before the send.</summary>
public sealed record StepDispatched(string SagaId, string StepId, int Attempt, DateTimeOffset Deadline, DateTimeOffset At) : SagaEvent(SagaId, At);

public sealed record StepSucceeded(string SagaId, string StepId, int? ExitCode, string Detail, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TargetOutcome>? Targets = null) : SagaEvent(SagaId, At);

public sealed record StepFailed(string SagaId, string StepId, int? ExitCode, string Detail, DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TargetOutcome>? Targets = null) : SagaEvent(SagaId, At);

public sealed record StepTimedOut(string SagaId, string StepId, string Detail, DateTimeOffset At) : SagaEvent(SagaId, At);

public sealed record PhaseCompleted(string SagaId, int PhaseIndex, DateTimeOffset At) : SagaEvent(SagaId, At);

/// <summary>Power returned but the saga goes on (policy continue, or an irreversible step was already dispatched).</summary>
public sealed record PowerRestoredIgnored(string SagaId, string Reason, DateTimeOffset At) : SagaEvent(SagaId, At);

public sealed record SagaAborted(string SagaId, string Reason, DateTimeOffset At) : SagaEvent(SagaId, At);

public sealed record SagaCompleted(string SagaId, string Summary, DateTimeOffset At) : SagaEvent(SagaId, At);
