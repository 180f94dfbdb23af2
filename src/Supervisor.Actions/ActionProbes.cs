using Supervisor.Domain.Agents;
using Supervisor.Domain.Configuration;

namespace Supervisor.Actions;

/// <summary>
/// The dry-run probe of allow-listed actions on demand (<c>supervisor agent check</c> on this host, <c>doctor --node</c>
/// for every agent of the cluster): never acts, always ends with an outcome, bounded by each action's own timeout.
/// </summary>
public static class ActionProbes
{
    private const string DryRunPrefix = "dry-run: ";

    /// <summary>Each action in config order, one at a time: the answer reads like the plan, and no host gets all probes at once.</summary>
    public static async Task<IReadOnlyList<(AgentAction Action, ActionOutcome Outcome)>> ProbeAllAsync(IEnumerable<AgentAction> actions, CancellationToken ct)
    {
        var result = new List<(AgentAction, ActionOutcome)>();
        foreach (var action in actions) result.Add((action, await ProbeAsync(action, ct)));
        return result;
    }

    public static async Task<ActionOutcome> ProbeAsync(AgentAction action, CancellationToken ct)
    {
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(action.Timeout + TimeSpan.FromSeconds(5)); // the probe keeps its own timeout; this only bounds a stuck one
            return await ShutdownActionFactory.Create(action.Spec).ProbeAsync(new ActionRun(action, TimeProvider.System), limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return ActionOutcome.Failed($"the probe did not finish within {action.Timeout.TotalSeconds:0.#}s; the host or program may hang");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ActionOutcome.Failed($"the probe failed: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The probe's summary without its "dry-run: " prefix (this is not a saga), then each target.</summary>
    public static string Describe(ActionOutcome o)
    {
        var text = o.Output.StartsWith(DryRunPrefix, StringComparison.Ordinal) ? o.Output[DryRunPrefix.Length..] : o.Output;
        return o.Targets.Count == 0 ? text : $"{text} [{string.Join("; ", o.Targets)}]";
    }
}
