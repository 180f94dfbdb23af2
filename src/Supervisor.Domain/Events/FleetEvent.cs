namespace Supervisor.Domain.Events;

/// <summary>How much a person should care about an event.</summary>
public enum EventSeverity { Info, Warning, Critical }

/// <summary>What kind of thing an event is about.</summary>
public enum SubjectKind { Device, Group, Saga, Agent, Node, Config }

/// <summary>What an event is about: a device, group, saga, agent host, cluster node or config path, by id.</summary>
public sealed record EventSubject(SubjectKind Kind, string Id)
{
    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} {Id}";
}

/// <summary>
/// One event on topic <see cref="ClusterNames.Topics.Events"/>. Every kind has the same five things a store, a notifier or
/// a feed needs (id, kind, severity, subject, message) plus its own typed fields, so consumers may stay
/// kind-agnostic or match on the record type.
/// </summary>
public abstract record FleetEvent(DateTimeOffset At) : IFleetFact
{
    /// <summary>
    /// Stable identity. A fact re-published after a restart or a fail-over (a saga replaying its journal) has the same
    /// id, so a store that keys on it keeps each event once. Journaled facts use their persistence id and sequence number.
    /// </summary>
    public abstract string Id { get; }

    /// <summary>Dotted, lower-case kind: <c>device.health-changed</c>, <c>saga.step-dispatched</c>, …</summary>
    public abstract string Kind { get; }

    public abstract EventSeverity Severity { get; }

    public abstract EventSubject Subject { get; }

    /// <summary>One line a person can read, with the numbers they want.</summary>
    public abstract string Message { get; }

    /// <summary>The group the event belongs to, when there is one (filters such as <c>events --group</c>).</summary>
    public virtual string? GroupId => null;
}
