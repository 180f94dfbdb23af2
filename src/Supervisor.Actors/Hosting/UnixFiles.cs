using System.Runtime.InteropServices;
using System.Text;

namespace Supervisor.Actors.Hosting;

/// <summary>
/// The few POSIX calls .NET does not offer: access(2), to tell whether a directory is writable without creating
/// anything in it (<c>validate</c> must not), and a plain open/read, to read a file another process holds an
/// exclusive lock on (.NET takes a shared advisory lock on every open, which that lock refuses).
/// </summary>
public static class UnixFiles
{
    private const int WriteOk = 2, ExecuteOk = 1, ReadOnlyFlag = 0;

    [DllImport("libc", EntryPoint = "access", SetLastError = true)]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, [Out] byte[] buffer, nint count);

    [DllImport("libc", EntryPoint = "close")]
    private static extern int Close(int fd);

    /// <summary>Null when this process may write <paramref name="path"/> (a directory: create files in it), else why not (e.g. "Read-only file system").</summary>
    public static string? WhyNotWritable(string path, bool directory = true)
    {
        if (OperatingSystem.IsWindows()) return null; // not a target; let the real write say it
        if (Access(path, directory ? WriteOk | ExecuteOk : WriteOk) == 0) return null;
        return Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());
    }

    /// <summary>The start of a file, read without .NET's advisory locking; null when it cannot be read.</summary>
    public static string? ReadUnlocked(string path, int maxBytes = 4096)
    {
        if (OperatingSystem.IsWindows()) return null;
        var fd = Open(path, ReadOnlyFlag);
        if (fd < 0) return null;
        try
        {
            var buffer = new byte[maxBytes];
            var n = Read(fd, buffer, buffer.Length);
            return n < 0 ? null : Encoding.UTF8.GetString(buffer, 0, (int)n);
        }
        finally
        {
            Close(fd);
        }
    }
}
