namespace Supervisor.Domain.Agents.Actions;

/// <summary>One guest to shut down, or a configured vmid that is not on the node (<see cref="Guest"/> null).</summary>
public sealed record ProxmoxTarget(int Vmid, ProxmoxGuest? Guest)
{
    public string Label => Guest?.Label ?? Vmid.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool Running => Guest?.Status == "running";
}

/// <summary>Which guests a proxmox action shuts down, from its configured vmids and the node's VMs and CTs.</summary>
public static class ProxmoxPlan
{
    /// <summary>Empty <paramref name="vms"/>: every running guest, VMs first. Otherwise each vmid, found among the node's guests or not.</summary>
    public static IReadOnlyList<ProxmoxTarget> Targets(IReadOnlyList<int> vms, IReadOnlyList<ProxmoxGuest> guests) =>
        vms.Count == 0
            ? [.. guests.Where(g => g.Status == "running").OrderBy(g => g.Kind == "qemu" ? 0 : 1).ThenBy(g => g.Vmid).Select(g => new ProxmoxTarget(g.Vmid, g))]
            : [.. vms.Distinct().Select(id => new ProxmoxTarget(id, guests.FirstOrDefault(g => g.Vmid == id)))];
}
