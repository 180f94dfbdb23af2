using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions;

/// <summary>
/// One allow-listed action of an agent, built by <see cref="ShutdownActionFactory"/> from its <see cref="ActionSpec"/>.
/// <see cref="RunAsync"/> acts, then confirms the result per target; <see cref="ProbeAsync"/> (dry-run and
/// <c>supervisor agent check</c>) changes nothing and proves the plan: the program exists, the host answers and
/// authenticates, the VMs or containers it would stop are listed. Both stay within <see cref="ActionRun.Timeout"/>
/// and end with an outcome rather than an exception for anything the host or the network does.
/// </summary>
public interface IShutdownAction
{
    Task<ActionOutcome> RunAsync(ActionRun run, CancellationToken ct);

    Task<ActionOutcome> ProbeAsync(ActionRun run, CancellationToken ct);
}

/// <summary>The context of one run: the action as configured and the clock (tests pass a fake one).</summary>
public sealed record ActionRun(AgentAction Action, TimeProvider Clock)
{
    public TimeSpan Timeout => Action.Timeout;
}
