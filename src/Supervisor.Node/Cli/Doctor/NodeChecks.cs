using Supervisor.Domain.Doctor;
using Supervisor.Node.Cli.Inspection;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// With <c>--node</c>: the running node answers (as <c>status</c> asks it), every cluster member is reachable, and every
/// journal that took part in the answer is healthy; every agent answers, its clock agrees with the node's, and its
/// actions' probes pass (<see cref="AgentProbeRows"/>).
/// </summary>
internal static class NodeChecks
{
    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(string node, TlsSettings tls)
    {
        var checks = new List<DoctorCheck>();
        try
        {
            await using var client = await InspectorClient.ConnectAsync(node, tls);
            var cluster = await client.AskAsync<ClusterView>(ClusterRequest.Instance);
            checks.Add(DoctorCheck.Ok("node", $"{client.NodeAddress} answers; {cluster.Members.Count} member(s), leader {cluster.Leader ?? "none"}, supervisor on {cluster.SupervisorNode ?? "none"}"));
            checks.AddRange(cluster.Members.Where(m => !m.Reachable).Select(m => DoctorCheck.Fail($"member {m.Address}", $"unreachable ({m.Status}, roles [{string.Join(", ", m.Roles)}])",
                $"check that node runs and its port is open from the others; if it is gone for good: supervisor cluster down {m.Address}")));
            if (cluster.SupervisorNode is null)
                checks.Add(DoctorCheck.Fail("supervisor singleton", "no member runs the supervisor: nothing watches the devices",
                    "start a node with role supervisor (the default) or let the cluster form (supervisor cluster show)"));
            var status = await client.AskAsync<StatusView>(StatusRequest.Instance);
            foreach (var p in status.Persistence ?? [])
                checks.Add(p.Impaired
                    ? DoctorCheck.Fail($"journal on {p.Node}", $"{p.Journal}: {p.Summary}", p.Fix ?? "see `supervisor status` on that node")
                    : DoctorCheck.Ok($"journal on {p.Node}", $"{p.Journal}: {p.Summary}"));
            var agents = await client.AskAsync<AgentsProbeView>(new AgentsProbeRequest(AgentProbeRows.Wait), AgentProbeRows.Wait + TimeSpan.FromSeconds(5));
            checks.AddRange(AgentProbeRows.From(agents, client.NodeAddress));
        }
        catch (InspectorUnavailableException e)
        {
            checks.Add(DoctorCheck.Fail("node", e.Message, "start the node, or pass --node host:port of a running one"));
        }
        return checks;
    }
}
