using System.Text.Json.Serialization;
using Supervisor.Domain.Agents;

namespace Supervisor.Actors.Agents;

/// <summary>
/// Saga → agent (over DistributedPubSub topic <c>agent/&lt;host&gt;</c>): run allow-listed action
/// <paramref name="Action"/> for this saga step. Re-sent until acked; the agent runs a (saga, step) at most once.
/// </summary>
public sealed record ExecuteStep(string SagaId, string StepId, string Host, string Action, int Attempt, DateTimeOffset Deadline) : IWireMessage;

/// <summary>
/// Agent → saga: the outcome of a step. <paramref name="Succeeded"/> is the positive ack the saga waits
/// for; a refusal (action not allow-listed) or a non-zero exit is <c>false</c> with the reason in
/// <paramref name="Output"/>. <paramref name="Duplicate"/> marks a replayed answer to a re-sent step.
/// <paramref name="Targets"/>: a typed action's outcome per VM / container / host (absent from older agents).
/// </summary>
public sealed record StepResult(
    string SagaId, string StepId, string Host, bool Succeeded, int? ExitCode, string Output, bool DryRun, bool Duplicate,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<TargetOutcome>? Targets = null) : IWireMessage;

/// <summary>
/// Group → the agents of every host in its shutdown plan (topic <c>agent/&lt;host&gt;</c>), on every change and
/// every 2 s: whether the group is on battery. It doubles as the supervisor's heartbeat for the agent fail-safe.
/// </summary>
public sealed record GroupPowerState(string GroupId, bool OnBattery, string Reason, DateTimeOffset At) : IWireMessage;
