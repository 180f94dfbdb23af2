using System.Globalization;
using Supervisor.Actors.Hosting;

namespace Supervisor.Node.Hosting;

/// <summary>
/// One node per data dir: <c>supervisor.lock</c> in the data dir, held with an exclusive advisory lock (flock) for the
/// life of the process and released by the kernel when the process ends, however it ends — a stale file from a crash
/// never blocks a restart. It holds the holder's pid, address and start time, which a refused second node quotes.
/// Without it a second <c>supervisor run</c> next to the service shared the journal (and, from another working
/// directory, started a second fleet with its own journal), and the live shutdown ran twice under two saga ids.
/// </summary>
public sealed class DataDirLock : IDisposable
{
    private readonly FileStream _file;

    public string Path { get; }

    private DataDirLock(string path, FileStream file)
    {
        Path = path;
        _file = file;
    }

    /// <exception cref="NodeStartupException">Another process holds the lock.</exception>
    public static DataDirLock Acquire(string dataDir, string address)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetFullPath(dataDir), DataDirectory.DataDirLockName);
        FileStream file;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix: it conflicts with any other open of this file by .NET, this process included.
            file = new FileStream(path, DataDirectory.PrivateFileOptions(FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new NodeStartupException(DataDirectory.HoconPath,
                $"{System.IO.Path.GetDirectoryName(path)} is in use by another supervisor node ({Holder(path)}): one node per data dir, or both would write one " +
                "journal and run each shutdown twice. Stop that node first (a manual `supervisor run` next to the service?), or give this one its own --data-dir");
        }
        var held = new DataDirLock(path, file);
        held.WriteHolder(address);
        return held;
    }

    /// <summary>What the lock file says about its holder (written by <see cref="WriteHolder"/>), read past the lock.</summary>
    private static string Holder(string path)
    {
        var text = UnixFiles.ReadUnlocked(path)?.Trim();
        return string.IsNullOrEmpty(text) ? $"its lock file {path} says nothing more" : $"{text.ReplaceLineEndings(", ")}; lock file {path}";
    }

    /// <summary>Best effort: on a full disk the pid cannot be written, but the lock holds all the same.</summary>
    private void WriteHolder(string address)
    {
        try
        {
            var text = string.Create(CultureInfo.InvariantCulture,
                $"pid {Environment.ProcessId}\naddress {address}\nstarted {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}\n");
            _file.SetLength(0);
            _file.Write(System.Text.Encoding.UTF8.GetBytes(text));
            _file.Flush();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"warning: could not write the holder into {Path} ({e.Message}); the data dir is locked all the same");
        }
    }

    public void Dispose() => _file.Dispose();
}
