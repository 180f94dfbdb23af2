using Supervisor.Domain.Configuration;
using Supervisor.Domain.Storage;

namespace Supervisor.Actors.Hosting;

/// <summary>What <see cref="DataDirectory.Check"/> found: errors stop a node from starting, warnings do not.</summary>
public sealed record DataDirCheck(string FullPath, IReadOnlyList<ConfigError> Errors, IReadOnlyList<ConfigError> Warnings);

/// <summary>
/// The data dir (<c>supervisor.data-dir</c>) as <c>run</c> uses it. <see cref="Check"/> changes nothing, so <c>validate</c>
/// can say in advance what <c>run</c> would meet: a path that is a file, a directory this user cannot write (or on a
/// read-only file system), a parent in which it cannot be created. <see cref="Prepare"/> then creates it owner-only, or
/// narrows an existing one that other users can read (see <see cref="FilePermissions"/>).
/// </summary>
public static class DataDirectory
{
    public const string HoconPath = ConfigPath.Root + ".data-dir";

    /// <summary>Files Supervisor itself keeps in the data dir (besides the action log, whose name is configurable).</summary>
    public static readonly string[] OwnFileNames = [SqliteJournalFile.FileName, SqliteJournalFile.FileName + "-wal", SqliteJournalFile.FileName + "-shm",
                                                    SqliteJournalFile.FileName + "-journal", DataDirLockName];

    public const string DataDirLockName = "supervisor.lock";

    public static DataDirCheck Check(string dataDir)
    {
        var errors = new List<ConfigError>();
        var warnings = new List<ConfigError>();
        string full;
        try { full = Path.GetFullPath(dataDir); }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add(new(HoconPath, $"\"{dataDir}\" is not a usable path ({e.Message}); write a directory path, e.g. data-dir = \"/var/lib/supervisor\""));
            return new(dataDir, errors, warnings);
        }

        if (File.Exists(full))
            errors.Add(new(HoconPath, $"{full} is a file, not a directory; point data-dir at a directory (a missing one is created) or move the file away"));
        else if (Directory.Exists(full))
            CheckExisting(full, errors, warnings);
        else
            CheckCreatable(full, errors);
        return new(full, errors, warnings);
    }

    private static void CheckExisting(string full, List<ConfigError> errors, List<ConfigError> warnings)
    {
        if (UnixFiles.WhyNotWritable(full) is { } why)
        {
            errors.Add(new(HoconPath, $"{full} is not writable by this user ({Environment.UserName}): {why}; " +
                                      (IsReadOnlyFileSystem(why)
                                          ? "it is on a read-only file system: remount it read-write or choose a data-dir on a writable one"
                                          : $"give the service user write access (chown {Environment.UserName} {full}) or choose another data-dir")));
            return;
        }
        var journal = Path.Combine(full, SqliteJournalFile.FileName);
        if (Directory.Exists(journal))
            warnings.Add(new(HoconPath, $"{journal} is a directory, not a journal file; `run` moves it aside and starts with an empty journal"));
        else if (File.Exists(journal) && UnixFiles.WhyNotWritable(journal, directory: false) is { } fileWhy)
            errors.Add(new(HoconPath, $"{journal} is not writable by this user ({Environment.UserName}): {fileWhy}; make it writable by the service user (chown/chmod u+w {journal})"));
    }

    private static void CheckCreatable(string full, List<ConfigError> errors)
    {
        var parent = Path.GetDirectoryName(full);
        while (parent is not null && !Directory.Exists(parent) && !File.Exists(parent)) parent = Path.GetDirectoryName(parent);
        if (parent is null) return;
        if (File.Exists(parent))
            errors.Add(new(HoconPath, $"{full} cannot be created: {parent} is a file, not a directory; choose another data-dir"));
        else if (UnixFiles.WhyNotWritable(parent) is { } why)
            errors.Add(new(HoconPath, $"{full} does not exist and cannot be created: {parent} is not writable by this user ({Environment.UserName}): {why}; " +
                                      $"create {full} for the service user (mkdir -m 700 {full}; chown …) or choose another data-dir"));
    }

    private static bool IsReadOnlyFileSystem(string why) => why.Contains("read-only", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Creates the data dir owner-only (whatever the umask), or narrows an existing one other users can read. Narrowing
    /// is done only to a directory that holds nothing but Supervisor's own files: a data dir pointed at a shared
    /// directory (/var/lib, a home) is reported, never chmod-ed. Returns what to tell the operator.
    /// </summary>
    /// <param name="ownNames">Names (in the data dir) of files that count as Supervisor's besides <see cref="OwnFileNames"/>, e.g. the action log.</param>
    public static IReadOnlyList<string> Prepare(string dataDir, IEnumerable<string> ownNames)
    {
        var full = Path.GetFullPath(dataDir);
        var notices = new List<string>();
        if (!Directory.Exists(full))
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
            else Directory.CreateDirectory(full, FilePermissions.NewDirectory);
            SetMode(full, FilePermissions.NewDirectory); // the umask may have taken bits away
            return notices;
        }
        if (OperatingSystem.IsWindows()) return notices;

        var own = OwnFileNames.Concat(ownNames).ToHashSet(StringComparer.Ordinal);
        var entries = Directory.EnumerateFileSystemEntries(full).Select(Path.GetFileName).OfType<string>().ToList();
        var dedicated = entries.All(e => own.Contains(e) || e.StartsWith(SqliteJournalFile.FileName + ".corrupt-", StringComparison.Ordinal));
        var mode = File.GetUnixFileMode(full);
        if (FilePermissions.IsTooOpen(mode))
        {
            var narrowed = FilePermissions.Narrowed(mode);
            if (dedicated && (mode & UnixFileMode.StickyBit) == 0 && TrySetMode(full, narrowed))
                notices.Add($"data dir {full} was {FilePermissions.Octal(mode)}, so other users could read the journal (command output) and the action log; narrowed it to {FilePermissions.Octal(narrowed)}");
            else
                notices.Add($"data dir {full} is {FilePermissions.Octal(mode)}: other users can read the journal (command output) and the action log. " +
                            $"It holds other files too, so Supervisor leaves it alone: chmod {FilePermissions.Octal(narrowed)} {full}, or give data-dir a directory of its own");
        }
        foreach (var name in entries.Where(own.Contains))
        {
            var path = Path.Combine(full, name);
            if (!File.Exists(path)) continue;
            var fileMode = File.GetUnixFileMode(path);
            if (FilePermissions.IsTooOpen(fileMode) && TrySetMode(path, FilePermissions.Narrowed(fileMode)))
                notices.Add($"{path} was {FilePermissions.Octal(fileMode)}; narrowed it to {FilePermissions.Octal(FilePermissions.Narrowed(fileMode))}");
        }
        return notices;
    }

    /// <summary>Creates <paramref name="path"/> empty and owner-only if it does not exist (so whatever opens it next, SQLite included, keeps that mode).</summary>
    public static void CreatePrivateFile(string path)
    {
        if (File.Exists(path)) return;
        try
        {
            using var _ = new FileStream(path, PrivateFileOptions(FileMode.CreateNew, FileAccess.Write));
        }
        catch (IOException) when (File.Exists(path)) { /* created meanwhile: fine */ }
        SetMode(path, FilePermissions.NewFile);
    }

    /// <summary>Options that create the file owner-only (rw-------), whatever the umask adds; Windows has no such mode.</summary>
    public static FileStreamOptions PrivateFileOptions(FileMode mode, FileAccess access, FileShare share = FileShare.Read)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = share };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FilePermissions.NewFile;
        return options;
    }

    private static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, mode);
    }

    private static bool TrySetMode(string path, UnixFileMode mode)
    {
        try
        {
            SetMode(path, mode);
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }
}
