using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Placement;

/// <summary>
/// Splits a fleet into partitions for sharded placement. A group and every device it watches must live in the same
/// partition (a group evaluates its members' reports in-process), so the unit of placement is a connected component
/// of the device–group graph: groups that share a device travel together. A component goes to partition
/// <c>hash(its smallest group id, else device id) mod n</c>: the same config gives the same split on every node and
/// in every release, and adding or removing an unrelated group moves nothing else.
/// </summary>
public static class FleetPartitioner
{
    /// <summary>Partition i holds settings with only its devices and groups (file order kept); some may be empty.</summary>
    public static IReadOnlyList<SupervisorSettings> Split(SupervisorSettings fleet, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        var partitionOf = PartitionOfEveryDeviceAndGroup(fleet, partitions);
        return Enumerable.Range(0, partitions).Select(p => fleet with
        {
            Devices = fleet.Devices.Where(d => partitionOf[Device(d.Id)] == p).ToList(),
            Groups = fleet.Groups.Where(g => partitionOf[Group(g.Id)] == p).ToList(),
        }).ToList();
    }

    /// <summary>Partition of every device and group (keyed by <see cref="Device"/>/<see cref="Group"/>): that of its component.</summary>
    private static Dictionary<string, int> PartitionOfEveryDeviceAndGroup(SupervisorSettings fleet, int partitions)
    {
        var components = new UnionFind();
        foreach (var d in fleet.Devices) components.Add(Device(d.Id));
        foreach (var g in fleet.Groups)
        {
            components.Add(Group(g.Id));
            foreach (var member in g.Members) components.Union(Group(g.Id), Device(member));
        }
        // A component is named by its smallest group id (groups are what operators think in), else its device id.
        var name = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var node in components.Nodes.OrderBy(n => n[0] == 'g' ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal))
            name.TryAdd(components.Find(node), node);
        return components.Nodes.ToList() // Find compresses paths: do not enumerate the live map while it may change
            .ToDictionary(n => n, n => Bucket(name[components.Find(n)], partitions), StringComparer.Ordinal);
    }

    private static string Device(string id) => "d:" + id;
    private static string Group(string id) => "g:" + id;

    /// <summary>FNV-1a over UTF-16 code units: stable across processes (string.GetHashCode is randomised per process).</summary>
    public static int Bucket(string key, int partitions)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 16777619u;
        }
        return (int)(hash % (uint)partitions);
    }

    private sealed class UnionFind
    {
        private readonly Dictionary<string, string> _parent = new(StringComparer.Ordinal);

        public IEnumerable<string> Nodes => _parent.Keys;

        public void Add(string node) => _parent.TryAdd(node, node);

        public string Find(string node)
        {
            Add(node);
            var root = node;
            while (_parent[root] != root) root = _parent[root];
            while (node != root) // path compression: point everything on the way straight at the root
            {
                var next = _parent[node];
                _parent[node] = root;
                node = next;
            }
            return root;
        }

        public void Union(string a, string b)
        {
            var (ra, rb) = (Find(a), Find(b));
            if (ra != rb) _parent[ra] = rb;
        }
    }
}
