namespace Supervisor.Domain.Configuration;

/// <summary>How a member in a given health counts toward <c>min-healthy</c>.</summary>
public enum CountsAs
{
    Healthy,
    Critical,
    /// <summary>
    /// Only for <c>unknown-counts-as</c>: an UNKNOWN member counts like a DEGRADED one, so it follows
    /// <c>degraded-counts-as</c>. (As a <c>degraded-counts-as</c> it would say nothing; the validator rejects it.)
    /// </summary>
    Degraded,
}

/// <summary>What a running saga does when its group regains quorum (<c>on-power-restored</c>).</summary>
public enum PowerRestoredPolicy { Abort, Continue }

/// <summary>One redundancy group under <c>supervisor.groups.&lt;id&gt;</c>.</summary>
/// <param name="Id">Group key.</param>
/// <param name="Members">Device ids (must exist under <c>supervisor.devices</c>).</param>
/// <param name="MinHealthy">Quorum: at least this many members must count as healthy.</param>
/// <param name="DegradedCountsAs">How a DEGRADED (on battery, no trigger) member counts.</param>
/// <param name="UnknownCountsAs">How an UNKNOWN (stale / never read) member counts; <see cref="CountsAs.Degraded"/> means as a DEGRADED one.</param>
/// <param name="StartupGrace">No saga during this long after start unless every member is CRITICAL. Null = 5 × the slowest member poll interval + 5 s.</param>
/// <param name="RearmAfter">After a completed shutdown, the group must hold quorum this long before a new episode may start.</param>
/// <param name="Shutdown">What to do when quorum is lost.</param>
public sealed record GroupSettings(
    string Id,
    IReadOnlyList<string> Members,
    int MinHealthy,
    CountsAs DegradedCountsAs,
    CountsAs UnknownCountsAs,
    TimeSpan? StartupGrace,
    TimeSpan RearmAfter,
    ShutdownSettings Shutdown)
{
    /// <summary>Watts the group's members may draw together (<c>power-budget-watts</c>); the report flags a group over it.</summary>
    public double? PowerBudgetWatts { get; init; }

    /// <summary>The group's own trigger settings for its members (<c>triggers { … }</c>); null: each member's own triggers.</summary>
    public TriggerOverrides? Triggers { get; init; }

    /// <summary>The triggers this group judges <paramref name="member"/> by.</summary>
    public TriggerSettings TriggersFor(DeviceSettings member) => Triggers?.ApplyTo(member.Triggers) ?? member.Triggers;
}

/// <summary>The <c>shutdown { … }</c> block of a group.</summary>
/// <param name="SafetyMargin">Runtime kept in reserve: deadlines are shortened so the last phase starts while runtime − margin remains.</param>
/// <param name="OnPowerRestored">Abort or continue when quorum returns before an irreversible step.</param>
/// <param name="RetryInterval">A dispatched step without an ack is re-sent this often until its deadline.</param>
/// <param name="Phases">Ordered phases; every phase runs, one after another.</param>
public sealed record ShutdownSettings(
    TimeSpan SafetyMargin,
    PowerRestoredPolicy OnPowerRestored,
    TimeSpan RetryInterval,
    IReadOnlyList<PhaseSettings> Phases);

/// <summary>One phase: its steps run in parallel; the phase ends when every step has an outcome.</summary>
public sealed record PhaseSettings(string Name, IReadOnlyList<StepSettings> Steps);

/// <summary>One step: ask the agent on <paramref name="Host"/> to run its local action <paramref name="Action"/>.</summary>
/// <param name="Irreversible">Once dispatched, power returning no longer aborts the saga (host power-off). Default: true in phases named <c>remote-hosts</c> and <c>local-host</c>.</param>
public sealed record StepSettings(string Host, string Action, TimeSpan Timeout, bool Irreversible);
