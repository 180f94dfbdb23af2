namespace Supervisor.Domain.Configuration;

/// <summary>
/// <c>type = unmount</c>: <c>sync</c>, then <c>umount</c> each of <paramref name="MountPoints"/> (<c>umount -l</c> only
/// when <paramref name="Lazy"/>), and confirm each is gone from /proc/self/mountinfo. Not mounted counts as done.
/// </summary>
public sealed record UnmountSpec(IReadOnlyList<string> MountPoints, bool Lazy) : ActionSpec
{
    public override string Type => "unmount";

    public override string Describe() =>
        $"unmount {string.Join(", ", MountPoints)}{(Lazy ? " (lazy)" : "")}";

    public override IEnumerable<(string Key, string Problem)> Problems()
    {
        if (MountPoints.Count == 0)
            yield return ("mount-points", "no mount points; list them, e.g. mount-points = [\"/mnt/data\"]");
        for (var i = 0; i < MountPoints.Count; i++)
        {
            var p = MountPoints[i];
            if (p.Length == 0 || p[0] != '/' || p.Any(char.IsControl))
                yield return ($"mount-points[{i}]", $"\"{Text.ForeignText.Escape(p)}\" is not an absolute path; write the mount point from /, e.g. \"/mnt/data\" (findmnt lists them)");
            else if (p.Split('/').Contains(".."))
                yield return ($"mount-points[{i}]", $"\"{Text.ForeignText.Escape(p)}\" holds a .. segment; write the mount point itself, as findmnt shows it");
            else if (Normalize(p) == "/")
                yield return ($"mount-points[{i}]", "/ is the root file system, which cannot be unmounted while the host runs; remove it (poweroff unmounts it)");
        }
        foreach (var twice in MountPoints.Where(p => p.StartsWith('/')).GroupBy(Normalize).Where(g => g.Count() > 1))
            yield return ("mount-points", $"\"{Text.ForeignText.Escape(twice.Key)}\" is listed twice; keep one");
    }

    /// <summary>The path as /proc/self/mountinfo writes it: no trailing slash, no doubled slashes, no . segments.</summary>
    public static string Normalize(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".");
        return "/" + string.Join('/', parts);
    }
}
