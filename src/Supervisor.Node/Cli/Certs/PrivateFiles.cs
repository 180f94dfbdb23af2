namespace Supervisor.Node.Cli.Certs;

/// <summary>A file that could not be written as asked; the message names it and what to do.</summary>
public sealed class CertsException(string message) : Exception(message);

/// <summary>
/// Writes the files of <c>supervisor certs</c>. Keys and passwords are created with mode 0600 from the first byte
/// (never written world-readable and tightened afterwards), through a temp file and a rename, so a node that reads
/// its certificate while it is being replaced sees the old file or the new one, never half of one.
/// </summary>
internal static class PrivateFiles
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode Public = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="dir"/> as 0700 when it does not exist yet (an existing one is left as it is).</summary>
    public static string EnsureDirectory(string dir)
    {
        var full = Path.GetFullPath(dir);
        try
        {
            if (!Directory.Exists(full))
            {
                if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
                else Directory.CreateDirectory(full, PrivateDirectory);
            }
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CertsException($"cannot create directory \"{full}\" ({e.Message}); pick another --dir or check its parent's permissions");
        }
    }

    /// <summary>Fails when any of <paramref name="paths"/> exists and <paramref name="overwrite"/> is off, before anything is written.</summary>
    public static void RefuseExisting(bool overwrite, string why, params string[] paths)
    {
        if (overwrite) return;
        var existing = paths.Where(File.Exists).ToList();
        if (existing.Count > 0)
            throw new CertsException($"{string.Join(" and ", existing.Select(p => $"\"{p}\""))} already exist{(existing.Count == 1 ? "s" : "")}; {why}");
    }

    public static void Write(string path, byte[] content, UnixFileMode mode)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = mode;
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
            // The umask can only take bits away; set the mode exactly, so 0644 stays 0644 and 0600 is 0600 whatever it is.
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, mode);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new CertsException($"cannot write \"{path}\" ({e.Message}); check the directory's permissions");
        }
    }

    public static void Write(string path, string content, UnixFileMode mode) => Write(path, System.Text.Encoding.UTF8.GetBytes(content), mode);
}
