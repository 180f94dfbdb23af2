using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Agents;

/// <summary>Inputs of the host agent's rules.</summary>
public abstract record AgentCommand(string SagaId, string StepId, DateTimeOffset At)
{
    public AgentStepKey Key => new(SagaId, StepId);
}

/// <summary>A saga (or the agent's own fail-safe) asks for a step; re-sent until answered, so it may come many times.</summary>
public sealed record StepRequested(string SagaId, string StepId, string Host, string Action, DateTimeOffset At) : AgentCommand(SagaId, StepId, At);

/// <summary>The action of a running step ended (or was dry-run) with this outcome.</summary>
public sealed record ActionEnded(string SagaId, string StepId, bool Succeeded, int? ExitCode, string Output, DateTimeOffset At,
    IReadOnlyList<TargetOutcome>? Targets = null) : AgentCommand(SagaId, StepId, At);

/// <summary>What the agent does about a command: the events to journal first, and what the actor does after.</summary>
public abstract record AgentDecision
{
    public virtual IReadOnlyList<IAgentStepEvent> Events => [];
}

/// <summary>The step already ran: answer with its record (a duplicate), run nothing.</summary>
public sealed record AnswerFromRecord(AgentStepFinished Record) : AgentDecision;

/// <summary>The step is running now: answer the latest asker when it ends.</summary>
public sealed record AwaitRunningStep : AgentDecision
{
    public static AwaitRunningStep Instance { get; } = new();
}

/// <summary>The step started before the agent restarted: at most once, so it is recorded failed and reported, not run again.</summary>
public sealed record ReportInterrupted(AgentStepFinished Record) : AgentDecision
{
    public override IReadOnlyList<IAgentStepEvent> Events => [Record];
}

/// <summary>The step is not this agent's to run (another host, or an action outside the allow-list): answer why, record nothing.</summary>
public sealed record RefuseStep(string Reason) : AgentDecision;

/// <summary>Journal the start, then run <paramref name="Action"/> — or only log it when <paramref name="DryRun"/>.</summary>
public sealed record StartAction(AgentStepStarted Started, AgentAction Action, bool DryRun) : AgentDecision
{
    public override IReadOnlyList<IAgentStepEvent> Events => [Started];
}

/// <summary>Journal the outcome of a running step, then answer whoever asked last.</summary>
public sealed record RecordOutcome(AgentStepFinished Record) : AgentDecision
{
    public override IReadOnlyList<IAgentStepEvent> Events => [Record];
}

/// <summary>
/// An outcome for a step that is not running in this incarnation. Unreachable today (an action's end is sent to the
/// agent that ran it, and dies with it); the record of such a step already says how it ended, so nothing is written.
/// </summary>
public sealed record IgnoreOutcome : AgentDecision
{
    public static IgnoreOutcome Instance { get; } = new();
}
