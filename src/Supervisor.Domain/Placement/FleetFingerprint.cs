using System.Security.Cryptography;
using System.Text;
using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Placement;

/// <summary>
/// What every supervisor node must agree on for placement to be safe: the placement mode and partition count, the
/// device ids, and each group's members. Two nodes that differ here can run the same group at once (in sharded
/// placement a group may fall in different partitions; a singleton node and a sharded node both run it). Order and
/// every other setting (thresholds, phases, addresses) do not count: they change how a group behaves, not where it runs.
/// </summary>
public sealed record FleetFingerprint(string Hash, string Summary)
{
    public static FleetFingerprint Of(SupervisorSettings s)
    {
        var text = new StringBuilder();
        text.Append("placement ").Append(s.Placement.Mode).Append(' ').Append(s.Placement.Mode == PlacementMode.Sharded ? s.Placement.Partitions : 1).Append('\n');
        foreach (var id in s.Devices.Select(d => d.Id).Order(StringComparer.Ordinal)) text.Append("device ").Append(id).Append('\n');
        foreach (var g in s.Groups.OrderBy(g => g.Id, StringComparer.Ordinal))
            text.Append("group ").Append(g.Id).Append(" = ").AppendJoin(',', g.Members.Order(StringComparer.Ordinal)).Append('\n');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        var placement = s.Placement.Mode == PlacementMode.Sharded ? $"sharded over {s.Placement.Partitions} partitions" : "singleton";
        return new FleetFingerprint(hash, $"{placement}, {s.Devices.Count} device(s), {s.Groups.Count} group(s), fingerprint {hash}");
    }
}
