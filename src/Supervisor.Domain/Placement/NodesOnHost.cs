namespace Supervisor.Domain.Placement;

/// <summary>One running node as the per-host registry records it (see the Node's HostRegistry).</summary>
/// <param name="Fingerprint">The fleet's <see cref="FleetFingerprint"/> hash; null for a node that supervises nothing (agent only).</param>
/// <param name="Journal">Which journal it writes (a SQLite file, or a PostgreSQL server and database).</param>
public sealed record NodeOnHost(int Pid, string Address, string DataDir, string Journal, string? Fingerprint, string? Fleet, DateTimeOffset Started);

/// <summary>
/// Which other supervisor nodes on this host watch the same fleet with a journal of their own. Two such nodes that are
/// not one cluster both start a saga for every power event (two saga ids, so the agents' dedupe cannot help); in one
/// cluster, a fail-over between them loses the journal. Sharing a journal (PostgreSQL) is the fail-over setup: fine.
/// </summary>
public static class NodesOnHost
{
    public static IReadOnlyList<NodeOnHost> SameFleetOtherJournal(NodeOnHost self, IEnumerable<NodeOnHost> others) =>
        self.Fingerprint is null
            ? []
            : others.Where(o => o.Pid != self.Pid || o.Address != self.Address)
                .Where(o => o.Fingerprint == self.Fingerprint && !string.Equals(o.Journal, self.Journal, StringComparison.Ordinal))
                .OrderBy(o => o.Started).ToList();

    public static string Warning(NodeOnHost self, NodeOnHost other) =>
        $"another supervisor on this host watches the same fleet ({self.Fleet}) with a journal of its own: pid {other.Pid}, {other.Address}, " +
        $"data dir {other.DataDir}, {other.Journal}. Unless the two are one cluster, BOTH start a shutdown saga for every power event " +
        "and every step runs twice; even in one cluster, a fail-over between them loses the journal. Run one supervisor per fleet " +
        "(stop the manual `supervisor run` next to the service), or let them share a PostgreSQL journal";
}
