using Supervisor.Domain.Configuration;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>The unmount action's decisions, pure: in what order, and what each umount's answer means for its target.</summary>
public static class UnmountRules
{
    /// <summary>
    /// In the order given, except that a mount point goes before every one it is mounted inside: /mnt/a/b before /mnt/a,
    /// which stays busy while b is mounted in it.
    /// </summary>
    public static IReadOnlyList<string> Order(IEnumerable<string> mountPoints)
    {
        var result = new List<string>();
        foreach (var p in mountPoints.Select(UnmountSpec.Normalize).Distinct())
        {
            var ancestor = result.FindIndex(a => IsInside(p, a));
            if (ancestor < 0) result.Add(p);
            else result.Insert(ancestor, p);
        }
        return result;
    }

    private static bool IsInside(string path, string parent) =>
        parent == "/" ? path != "/" : path.StartsWith(parent + "/", StringComparison.Ordinal);

    /// <summary>The kernel's EBUSY as umount(8) words it.</summary>
    public static bool IsBusy(string umountOutput) => umountOutput.Contains("busy", StringComparison.OrdinalIgnoreCase);

    /// <summary>What one mount point's umount ended as, given its output and whether mountinfo still lists it.</summary>
    /// <param name="exitedZero">umount exited 0.</param>
    /// <param name="stillMounted">The path is still in /proc/self/mountinfo after umount.</param>
    public static TargetOutcome Outcome(string mountPoint, bool lazy, bool exitedZero, string umountOutput, bool stillMounted)
    {
        var said = umountOutput.Trim();
        if (!stillMounted)
            return new(mountPoint, true, lazy ? "unmounted lazily (detached now; the kernel frees it when the last user closes it)" : "unmounted");
        if (IsBusy(said))
            return new(mountPoint, false, $"busy: {said}; stop what holds it open (fuser -vm {mountPoint} lists it)" +
                                          (lazy ? "" : ", or set lazy = on to detach it now"));
        if (exitedZero)
            return new(mountPoint, false, "umount exited 0 but it is still mounted (another file system stacked there?); findmnt " + mountPoint + " shows what is");
        return new(mountPoint, false, said.Length == 0 ? "umount failed and said nothing; it is still mounted" : $"umount failed: {said}");
    }

    public static TargetOutcome NotMounted(string mountPoint) => new(mountPoint, true, "not mounted");

    /// <summary>One line: "2 of 2 mount points unmounted" plus each failure.</summary>
    public static string Summary(IReadOnlyList<TargetOutcome> outcomes, string? syncProblem)
    {
        var line = TargetSummary.Of(outcomes, outcomes.Count == 1 ? "mount point" : "mount points", "unmounted");
        return syncProblem is null ? line : $"sync: {syncProblem}; {line}";
    }
}
