using System.Collections.Concurrent;
using System.Diagnostics;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real NUT <c>upsmon</c> as a secondary of one UPS, whose SHUTDOWNCMD only writes a marker file (never a real shutdown;
/// recipe: shared/test-servers.md §5, fast settings POLLFREQ 1 / FINALDELAY 0). upsmon's pid file is fixed at
/// /run/nut/upsmon.pid, so it runs in its own mount namespace with a tmpfs there (<c>unshare -m</c>): another upsmon on
/// this machine (another test, a stock service) is never in its way, and nothing of it is left behind.
/// </summary>
public sealed class UpsmonSecondary : IDisposable
{
    public const string UpsmonPath = "/lib/nut/upsmon";
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Process _process;

    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "supervisor-upsmon-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Written by SHUTDOWNCMD (the time it ran, as seconds since the epoch).</summary>
    public string Marker => Path.Combine(Directory, "shutdown-at");

    public bool ShutdownRan => File.Exists(Marker);

    private UpsmonSecondary(string monitor)
    {
        if (!File.Exists(UpsmonPath)) throw new InvalidOperationException("NUT upsmon is not installed: run scripts/install-test-deps.sh");
        System.IO.Directory.CreateDirectory(Directory);
        var conf = Path.Combine(Directory, "upsmon.conf");
        File.WriteAllText(conf, $"""
            MONITOR {monitor}
            MINSUPPLIES 1
            SHUTDOWNCMD "/bin/sh -c 'date +%s.%N > {Marker}'"
            POWERDOWNFLAG {Path.Combine(Directory, "killpower")}
            POLLFREQ 1
            POLLFREQALERT 1
            HOSTSYNC 15
            DEADTIME 15
            FINALDELAY 0
            """ + "\n");
        File.SetUnixFileMode(conf, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var start = new ProcessStartInfo("unshare", ["-m", "/bin/sh", "-c", $"mkdir -p /run/nut && mount -t tmpfs tmpfs /run/nut && exec {UpsmonPath} -D -F -u root"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        start.Environment["NUT_CONFPATH"] = Directory;
        start.Environment["NUT_STATEPATH"] = Directory;
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start upsmon");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Starts upsmon watching <paramref name="ups"/> at <paramref name="host"/>:<paramref name="port"/> as a secondary.</summary>
    public static UpsmonSecondary Start(string ups, string host, int port, string user, string password) =>
        new($"{ups}@{host}:{port} 1 {user} {password} secondary");

    public bool HasExited => _process.HasExited;

    /// <summary>upsmon's output so far (it runs with -D), for failure messages.</summary>
    public string Log() => string.Join("\n", _log.TakeLast(60));

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } // the parent and the child it forks as root
        catch (InvalidOperationException) { /* already gone */ }
        _process.WaitForExit(5000);
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { /* best effort: a temp dir */ }
    }
}
