using Supervisor.Actions;
using Supervisor.Domain.Agents;
using Supervisor.Domain.Doctor;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// Every allow-listed action of this node's agent, probed as dry-run would (the program exists, the host answers and
/// accepts the login, what would be stopped), one row each. Nothing is changed: probes never act. Used by
/// <c>supervisor agent check</c> and by <c>doctor</c>.
/// </summary>
internal static class AgentChecks
{
    private const string DryRunPrefix = "dry-run: ";

    public static async Task<List<DoctorCheck>> RunAsync(AgentSettings agent, CancellationToken ct)
    {
        // One at a time, in config order: the table reads like the plan, and no host gets all probes at once.
        var rows = new List<DoctorCheck>();
        foreach (var action in agent.Actions) rows.Add(await ProbeAsync(action, ct));
        return rows;
    }

    private static async Task<DoctorCheck> ProbeAsync(AgentAction action, CancellationToken ct)
    {
        var check = $"action {action.Name} ({action.Spec.Type})";
        ActionOutcome outcome;
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(action.Timeout + TimeSpan.FromSeconds(5)); // the probe keeps its own timeout; this only bounds a stuck one
            outcome = await ShutdownActionFactory.Create(action.Spec).ProbeAsync(new ActionRun(action, TimeProvider.System), limit.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            outcome = ActionOutcome.Failed($"the probe did not finish within {action.Timeout.TotalSeconds:0.#}s; the host or program may hang");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcome = ActionOutcome.Failed($"the probe failed: {e.GetType().Name}: {e.Message}");
        }
        var detail = Describe(outcome);
        return outcome.Succeeded
            ? DoctorCheck.Ok(check, detail)
            : DoctorCheck.FromMessage(check, CheckStatus.Fail, detail, "see docs/actions.md for this action type");
    }

    /// <summary>The probe's summary without its "dry-run: " prefix (this is not a saga), then each target.</summary>
    private static string Describe(ActionOutcome o)
    {
        var text = o.Output.StartsWith(DryRunPrefix, StringComparison.Ordinal) ? o.Output[DryRunPrefix.Length..] : o.Output;
        return o.Targets.Count == 0 ? text : $"{text} [{string.Join("; ", o.Targets)}]";
    }
}
