using System.Globalization;

namespace Supervisor.Domain.Events;

/// <summary>
/// One journaled step of a shutdown saga (started, phase started, step dispatched / succeeded / failed / timed out,
/// deadlines shortened, aborted, completed), flattened so every consumer can read it without the saga's types.
/// Its id is the saga's persistence id and sequence number: the same event after a fail-over replay.
/// Built by <see cref="SagaFacts.From"/>.
/// </summary>
/// <param name="Change">The saga event's kind without the prefix: <c>step-dispatched</c>, <c>completed</c>, …</param>
public sealed record SagaProgressed(
    string SagaId,
    string Group,
    long SequenceNr,
    string Change,
    EventSeverity Level,
    string Text,
    string? StepId,
    string? Host,
    string? Action,
    int? Attempt,
    DateTimeOffset At) : FleetEvent(At)
{
    public override string Id => $"saga-{SagaId}#{SequenceNr.ToString(CultureInfo.InvariantCulture)}";
    public override string Kind => "saga." + Change;
    public override EventSeverity Severity => Level;
    public override EventSubject Subject => new(SubjectKind.Saga, SagaId);
    public override string? GroupId => Group;
    public override string Message => Text;
}

/// <summary>An agent lost every supervisor while a group it serves was on battery, and ran its local sequence itself.</summary>
public sealed record AgentFailsafeFired(string Host, string RunId, string Reason, DateTimeOffset At) : FleetEvent(At)
{
    public override string Id => $"agent-{Host}:failsafe:{RunId}";
    public override string Kind => "agent.failsafe-fired";
    public override EventSeverity Severity => EventSeverity.Critical;
    public override EventSubject Subject => new(SubjectKind.Agent, Host);
    public override string Message => $"Agent {Host}: fail-safe fired (run {RunId}): {Reason}";
}

/// <summary>A cluster member changed: joined (up), became unreachable or reachable again, left, was removed.</summary>
/// <param name="Change">"up", "unreachable", "reachable", "leaving", "removed".</param>
public sealed record NodeMembershipChanged(string Address, IReadOnlyList<string> Roles, string Change, DateTimeOffset At) : FleetEvent(At)
{
    public override string Id => $"node-{Address}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{Change}";
    public override string Kind => "node." + Change;
    public override EventSeverity Severity => Change is "unreachable" or "removed" ? EventSeverity.Warning : EventSeverity.Info;
    public override EventSubject Subject => new(SubjectKind.Node, Address);
    public override string Message => $"Node {Address} [{string.Join(", ", Roles)}]: {Change}";
}

/// <summary>A config warning found at start-up (validate's warnings), so it is in the event log and not only in one console.</summary>
public sealed record ConfigWarningRaised(string Node, string Path, string Text, DateTimeOffset At) : FleetEvent(At)
{
    public override string Id => $"config-{Node}@{At.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}:{Path}";
    public override string Kind => "config.warning";
    public override EventSeverity Severity => EventSeverity.Warning;
    public override EventSubject Subject => new(SubjectKind.Config, Path);
    public override string Message => $"Config {Path}: {Text}";
}
