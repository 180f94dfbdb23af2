using System.Text;

namespace Supervisor.Domain.Doctor;

/// <summary>One line of <c>/proc/self/mountinfo</c>: where a file system is mounted, its type and what it mounts.</summary>
public sealed record MountEntry(string MountPoint, string FileSystemType, string Source);

/// <summary>
/// Reads <c>/proc/self/mountinfo</c> (proc(5)) to say which file system a path lives on. Why: the SQLite journal needs
/// POSIX locks that work, and on NFS, CIFS/SMB, sshfs or 9p they are missing, emulated or silently local, so two nodes
/// (or a node and a backup job) can corrupt the file. A data dir there must be refused before it hurts.
/// </summary>
public static class MountInfo
{
    /// <summary>File system types whose locking SQLite cannot trust (fuse.sshfs is sshfs as FUSE names it).</summary>
    private static readonly HashSet<string> Network = new(StringComparer.Ordinal)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs", "fuse.glusterfs", "davfs", "fuse.rclone",
    };

    /// <summary>True for a file system that is another machine's disk reached over the network.</summary>
    public static bool IsNetworkFileSystem(string type) => Network.Contains(type);

    /// <summary>
    /// Parses mountinfo text. A line is "id parent major:minor root mount-point options [optional…] - type source super-options";
    /// the optional fields end at the lone "-". Lines that do not have that shape are skipped, never thrown on.
    /// </summary>
    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            if (fields.Length < 7) continue;
            var separator = Array.IndexOf(fields, "-", 6);
            if (separator < 0 || separator + 2 >= fields.Length) continue;
            entries.Add(new MountEntry(Unescape(fields[4]), fields[separator + 1], Unescape(fields[separator + 2])));
        }
        return entries;
    }

    /// <summary>
    /// The mount that holds <paramref name="fullPath"/>: the longest mount point that is the path or one of its parents.
    /// When a point is mounted over twice, the later line (the one on top) wins.
    /// </summary>
    public static MountEntry? For(string fullPath, IReadOnlyList<MountEntry> mounts)
    {
        MountEntry? best = null;
        foreach (var m in mounts)
            if (Contains(m.MountPoint, fullPath) && (best is null || m.MountPoint.Length >= best.MountPoint.Length))
                best = m;
        return best;
    }

    /// <summary>How many file systems are mounted exactly on <paramref name="mountPoint"/> (more than one when stacked); the unmount action's check.</summary>
    public static int CountAt(IReadOnlyList<MountEntry> mounts, string mountPoint) => mounts.Count(m => m.MountPoint == mountPoint);

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/" || path == mountPoint || path.StartsWith(mountPoint.TrimEnd('/') + "/", StringComparison.Ordinal);

    /// <summary>The kernel writes space, tab, newline and backslash in paths as octal escapes (\040 …).</summary>
    private static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var s = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                s.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else s.Append(field[i]);
        }
        return s.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '7' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
