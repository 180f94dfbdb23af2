using Supervisor.Actors.Hosting;
using Supervisor.Domain.Doctor;
using Supervisor.Domain.Storage;

namespace Supervisor.Node.Cli.Doctor;

/// <summary>
/// The data dir as <c>run</c> will use it: usable (the same check <c>validate</c> makes), really writable (a probe file
/// written, synced and deleted), on a local file system, with room to grow, and readable by its owner only.
/// </summary>
internal static class DataDirChecks
{
    private const string MountInfoFile = "/proc/self/mountinfo";

    public static IReadOnlyList<DoctorCheck> Run(string dataDir)
    {
        var checks = new List<DoctorCheck>();
        var verdict = DataDirectory.Check(dataDir);
        var full = verdict.FullPath;
        const string see = "see the detail; `supervisor validate FILE` says the same";
        foreach (var e in verdict.Errors) checks.Add(DoctorCheck.FromMessage("data dir", CheckStatus.Fail, e.Message, see));
        foreach (var w in verdict.Warnings) checks.Add(DoctorCheck.FromMessage("data dir", CheckStatus.Warn, w.Message, see));
        if (verdict.Errors.Count > 0) return checks;

        var exists = Directory.Exists(full);
        checks.Add(exists ? Probe(full) : DoctorCheck.Ok("data dir", $"{full} does not exist yet; `run` creates it (mode 0700)"));
        // Where it is (or will be) stored: the directory itself, else the nearest parent that exists.
        var existing = exists ? full : NearestExisting(full);
        if (existing is not null)
        {
            checks.Add(FileSystem(full, existing));
            checks.Add(FreeSpace(existing));
        }
        if (exists && !OperatingSystem.IsWindows()) checks.Add(Permissions(full));
        return checks;
    }

    private static DoctorCheck Probe(string full)
    {
        var probe = Path.Combine(full, $".doctor-probe-{Environment.ProcessId}");
        try
        {
            using (var stream = new FileStream(probe, DataDirectory.PrivateFileOptions(FileMode.CreateNew, FileAccess.Write)))
            {
                stream.Write("supervisor doctor probe\n"u8);
                stream.Flush(flushToDisk: true);
            }
            File.Delete(probe);
            return DoctorCheck.Ok("data dir writable", $"{full}: a probe file was written, synced and deleted");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(probe); } catch (Exception) { /* it was never created */ }
            return DoctorCheck.Fail("data dir writable", $"{full}: writing a probe file failed: {e.Message}",
                $"give the service user write access (chown {Environment.UserName} {full}), free space, or choose another data-dir");
        }
    }

    private static DoctorCheck FileSystem(string full, string existing)
    {
        const string check = "data dir local";
        IReadOnlyList<MountEntry> mounts;
        try { mounts = MountInfo.Parse(File.ReadAllText(MountInfoFile)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorCheck.Warn(check, $"cannot read {MountInfoFile} ({e.Message}), so the file system of {full} is unknown", "make sure data-dir is on a local disk, not NFS/CIFS/sshfs");
        }
        if (MountInfo.For(ResolveLinks(existing), mounts) is not { } mount)
            return DoctorCheck.Warn(check, $"no mount in {MountInfoFile} holds {full}", "make sure data-dir is on a local disk, not NFS/CIFS/sshfs");
        if (MountInfo.IsNetworkFileSystem(mount.FileSystemType))
            return DoctorCheck.Fail(check, $"{full} is on {mount.FileSystemType} ({mount.Source} at {mount.MountPoint}), a network file system: " +
                                           "SQLite's locking is not reliable there and the journal can be corrupted",
                "point data-dir at a local disk (e.g. /var/lib/supervisor); for fail-over between hosts use journal.provider = postgresql");
        return DoctorCheck.Ok(check, $"{mount.FileSystemType} at {mount.MountPoint}");
    }

    private static DoctorCheck FreeSpace(string existing)
    {
        try { return DoctorRules.FreeSpace("data dir free space", existing, new DriveInfo(existing).AvailableFreeSpace); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return DoctorCheck.Warn("data dir free space", $"cannot tell the free space of {existing}: {e.Message}", "check it with df -h");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static DoctorCheck Permissions(string full)
    {
        var mode = File.GetUnixFileMode(full);
        if (!FilePermissions.IsTooOpen(mode)) return DoctorCheck.Ok("data dir permissions", $"{FilePermissions.Octal(mode)}, owner only");
        return DoctorCheck.Warn("data dir permissions", $"{full} is {FilePermissions.Octal(mode)}: other users can read the journal (command output) and the action log",
            $"chmod {FilePermissions.Octal(FilePermissions.Narrowed(mode))} {full} (`run` does it itself when the directory holds only Supervisor's files)");
    }

    private static string? NearestExisting(string full)
    {
        var parent = Path.GetDirectoryName(full);
        while (parent is not null && !Directory.Exists(parent)) parent = Path.GetDirectoryName(parent);
        return parent;
    }

    /// <summary>mountinfo lists real paths: a data dir reached through a symlink is judged by where it leads.</summary>
    private static string ResolveLinks(string path)
    {
        try { return new DirectoryInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path; }
        catch (IOException) { return path; }
    }
}
