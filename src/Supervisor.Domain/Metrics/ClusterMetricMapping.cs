namespace Supervisor.Domain.Metrics;

/// <summary>Cluster member gauges: how many members are in each status, every status always present. Pure.</summary>
public static class ClusterMetricMapping
{
    public static readonly MetricSpec Members = new("supervisor_cluster_members", "Cluster members this node sees, by membership status.");
    public static readonly MetricSpec Unreachable = new("supervisor_cluster_unreachable_members", "Cluster members this node's failure detector marks unreachable.");

    /// <summary>Akka's member statuses, lower-case, as the <c>status</c> label spells them.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["joining", "weaklyup", "up", "leaving", "exiting", "down", "removed"];

    /// <summary>Every status with its count (0 when none); a status outside <see cref="Statuses"/> is counted under its own name.</summary>
    public static IReadOnlyDictionary<string, int> Count(IEnumerable<string> memberStatuses)
    {
        var counts = Statuses.ToDictionary(s => s, _ => 0);
        foreach (var status in memberStatuses.Select(s => s.ToLowerInvariant()))
            counts[status] = counts.GetValueOrDefault(status) + 1;
        return counts;
    }
}
