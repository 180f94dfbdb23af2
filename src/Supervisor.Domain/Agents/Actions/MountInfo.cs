using System.Text;

namespace Supervisor.Domain.Agents.Actions;

/// <summary>One line of /proc/self/mountinfo: where it is mounted, what file system, from which source.</summary>
public sealed record MountEntry(string MountPoint, string FsType, string Source);

/// <summary>
/// Parses /proc/self/mountinfo (proc(5)): <c>36 35 98:0 /root /mnt/data rw,noatime master:1 - ext4 /dev/sda1 rw</c>.
/// The kernel writes a space, tab, newline and backslash in a path as the octal escapes \040, \011, \012 and \134.
/// </summary>
public static class MountInfo
{
    public static IReadOnlyList<MountEntry> Parse(string text)
    {
        var entries = new List<MountEntry>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var dash = Array.IndexOf(fields, "-");
            // Fields 0-5 are fixed, optional fields follow until "-", then fstype and source; anything shorter is not a mount line.
            if (fields.Length < 7 || dash < 6 || dash + 2 >= fields.Length) continue;
            entries.Add(new MountEntry(Unescape(fields[4]), Unescape(fields[dash + 1]), Unescape(fields[dash + 2])));
        }
        return entries;
    }

    /// <summary>How many file systems are mounted on <paramref name="mountPoint"/> (more than one when stacked).</summary>
    public static int CountAt(IReadOnlyList<MountEntry> entries, string mountPoint) => entries.Count(e => e.MountPoint == mountPoint);

    /// <summary>\ooo (three octal digits) to its character; anything else is kept as written.</summary>
    public static string Unescape(string field)
    {
        if (!field.Contains('\\')) return field;
        var sb = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                sb.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else sb.Append(field[i]);
        }
        return sb.ToString();
    }

    private static bool IsOctal(string s, int at) =>
        at + 3 <= s.Length && s[at] is >= '0' and <= '3' && s[at + 1] is >= '0' and <= '7' && s[at + 2] is >= '0' and <= '7';
}
