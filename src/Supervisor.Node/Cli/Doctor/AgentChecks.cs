using Supervisor.Actions;
using Supervisor.Actors.Agents;
using Supervisor.Domain.Doctor;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// Doctor rows for agent probes: every allow-listed action probed as dry-run would (the program exists, the host answers
/// and accepts the login, what would be stopped), one row each. Nothing is changed: probes never act. Used by
/// <c>supervisor agent check</c> and <c>doctor</c> (this node's agent), and by <c>doctor --node</c> (every agent's answer).
/// </summary>
internal static class AgentChecks
{
    public static async Task<List<DoctorCheck>> RunAsync(AgentSettings agent, CancellationToken ct) =>
        (await ActionProbes.ProbeAllAsync(agent.Actions, ct))
            .Select(p => Row($"action {p.Action.Name} ({p.Action.Spec.Type})", p.Outcome.Succeeded, ActionProbes.Describe(p.Outcome)))
            .ToList();

    /// <summary>The rows of one agent's answer to <c>doctor --node</c>, named by its host.</summary>
    public static IEnumerable<DoctorCheck> FromReport(AgentProbeReport report) =>
        report.Actions.Select(a => Row($"agent {report.Host} action {a.Action} ({a.Type})", a.Succeeded, a.Detail));

    private static DoctorCheck Row(string check, bool succeeded, string detail) =>
        succeeded ? DoctorCheck.Ok(check, detail) : DoctorCheck.FromMessage(check, CheckStatus.Fail, detail, "see docs/actions.md for this action type");
}
