using System.Globalization;
using Supervisor.Domain.Doctor;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// <c>doctor --node</c>'s rows for the cluster's agents: each answers (dry-run or live), its clock agrees with the
/// node's, and each of its actions' probes passes; an agent-role member that did not answer is a warning.
/// </summary>
internal static class AgentProbeRows
{
    /// <summary>How long the node waits for the agents' probes (an ssh or nut-fsd probe can take a few seconds).</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    /// <summary>Beyond this, deadlines and "last heard" ages read differently on two hosts.</summary>
    private static readonly TimeSpan SkewWarn = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SkewFail = TimeSpan.FromSeconds(60);
    private const string ClockFix = "run a time service on both hosts (chrony or systemd-timesyncd) and check `timedatectl`";

    public static IEnumerable<DoctorCheck> From(AgentsProbeView view, string node)
    {
        foreach (var r in view.Agents)
        {
            yield return DoctorCheck.Ok($"agent {r.Host}", $"answers ({(r.DryRun ? "dry-run" : "LIVE")}, {r.Actions.Count} action(s))");
            yield return Clock(r.Host, r.ReceivedAt - view.SentAt, node);
            foreach (var row in AgentChecks.FromReport(r)) yield return row;
        }
        if (view.Agents.Count < view.AgentNodes)
            yield return DoctorCheck.Warn("agents", $"{view.AgentNodes} member(s) with role agent are up, {view.Agents.Count} agent(s) answered within {Wait.TotalSeconds:0}s",
                "check those nodes' logs; a member with role agent but no supervisor.agent section runs no agent (give it roles = [supervisor])");
    }

    /// <summary>The agent's clock when the question arrived minus the node's when it asked: the skew plus one network hop.</summary>
    internal static DoctorCheck Clock(string host, TimeSpan skew, string node)
    {
        var text = $"{(skew >= TimeSpan.Zero ? "+" : "-")}{Math.Abs(skew.TotalSeconds).ToString("0.0", CultureInfo.InvariantCulture)}s from {node}";
        var check = $"agent {host} clock";
        var size = skew.Duration();
        return size > SkewFail ? DoctorCheck.Fail(check, $"{text}: the clocks disagree by more than a minute", ClockFix)
            : size > SkewWarn ? DoctorCheck.Warn(check, $"{text}: more than {SkewWarn.TotalSeconds:0}s apart", ClockFix)
            : DoctorCheck.Ok(check, text);
    }
}
