namespace Supervisor.Domain.Storage;

/// <summary>
/// How private the data dir and the files Supervisor keeps in it are, whatever the process umask. The journal holds
/// the output tails of the commands the agent ran and the action log is the audit trail of what was (or would have
/// been) run: nobody but the service user needs them, so new ones are owner-only. An existing directory or file that
/// other users can read or anyone but its owner can write is narrowed (other: nothing, group: no write); a group read
/// bit the operator gave on purpose (e.g. 0750 for a log-reading group) is kept.
/// </summary>
public static class FilePermissions
{
    /// <summary>rwx------ for a data dir Supervisor creates.</summary>
    public const UnixFileMode NewDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>rw------- for the journal, its -wal and -shm, the lock file and the action log.</summary>
    public const UnixFileMode NewFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode TooOpen = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.GroupWrite;

    /// <summary>The mode an existing entry should have: <paramref name="current"/> without world access and group write; unchanged when already private enough.</summary>
    public static UnixFileMode Narrowed(UnixFileMode current) => current & ~TooOpen;

    public static bool IsTooOpen(UnixFileMode current) => (current & TooOpen) != 0;

    /// <summary>Octal as ls and chmod show it, e.g. 0750.</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0xFFF, 8).PadLeft(3, '0');
}
