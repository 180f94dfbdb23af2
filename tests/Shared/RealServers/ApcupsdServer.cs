using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real apcupsd 3.14 (<c>UPSTYPE apcsmart</c>) talking to a <see cref="SmartUpsSimulator"/> on a pty, with its
/// NIS on a free loopback port. Recipe: shared/test-servers.md §4. Its SCRIPTDIR holds an apccontrol that only
/// logs: the stock one runs /sbin/shutdown on doshutdown. Fails (never skips) when apcupsd is not unpacked.
/// </summary>
public sealed class ApcupsdServer : IAsyncLifetime, IDisposable
{
    /// <summary>Where scripts/test-deps/apcupsd.sh unpacks the package (SUPERVISOR_APCUPSD_DIR overrides).</summary>
    public const string DefaultInstallDir = "/opt/supervisor-test/apcupsd";
    public const string NotInstalled = "apcupsd is not installed: run scripts/install-test-deps.sh";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _apcupsdPath;
    private Process? _apcupsd;

    /// <summary>For <c>IClassFixture</c> (xunit needs exactly one public constructor).</summary>
    public ApcupsdServer() : this(Environment.GetEnvironmentVariable("SUPERVISOR_APCUPSD_DIR") ?? DefaultInstallDir) { }

    /// <summary>Lets a test point at a missing install to check the "not installed" failure.</summary>
    internal ApcupsdServer(string installDir) => _apcupsdPath = Path.Combine(installDir, "sbin", "apcupsd");

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "supervisor-apcupsd-" + Guid.NewGuid().ToString("N")[..8]);
    public SmartUpsSimulator Ups { get; private set; } = null!;

    /// <summary>apcupsd's own PID while it runs (benchmarks read its CPU time from /proc).</summary>
    public int? ProcessId => _apcupsd?.Id;

    /// <summary>Events apcupsd handed to apccontrol (<c>powerout</c>, <c>onbattery</c>, <c>doshutdown</c>, …), one a line.</summary>
    public string ApccontrolLog => File.Exists(Path.Combine(Directory, "apccontrol.log")) ? File.ReadAllText(Path.Combine(Directory, "apccontrol.log")) : "";

    /// <summary>apcupsd's stdout/stderr since the last call.</summary>
    public string DrainLog()
    {
        var lines = new List<string>();
        while (_log.TryDequeue(out var line)) lines.Add(line);
        return string.Join('\n', lines);
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(_apcupsdPath)) throw new InvalidOperationException($"{NotInstalled} ({_apcupsdPath} not found)");
        Port = LoopbackPort.Free();
        Ups = SmartUpsSimulator.Start();
        WriteConfig();
        await StartApcupsdAsync();
    }

    /// <summary>Fresh apcupsd and a reset UPS: clears SHUTTING DOWN, which apcupsd keeps until it restarts.</summary>
    public async Task RestartAsync()
    {
        await StopApcupsdAsync();
        Ups.Reset();
        File.Delete(Path.Combine(Directory, "powerfail"));
        File.Delete(Path.Combine(Directory, "apccontrol.log"));
        await StartApcupsdAsync();
    }

    /// <summary>Starts apcupsd on the same port and waits until its NIS serves an on-line status read from the UPS.</summary>
    public async Task StartApcupsdAsync()
    {
        if (_apcupsd is not null) return;
        // -b: stay in the foreground so the PID we hold is apcupsd itself (we kill exactly that one).
        var info = new ProcessStartInfo(_apcupsdPath) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-b", "-f", Path.Combine(Directory, "apcupsd.conf"), "-P", Path.Combine(Directory, "apcupsd.pid") })
            info.ArgumentList.Add(arg);
        _apcupsd = Process.Start(info) ?? throw new InvalidOperationException($"could not start {_apcupsdPath}");
        _apcupsd.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue("apcupsd: " + e.Data); };
        _apcupsd.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue("apcupsd: " + e.Data); };
        _apcupsd.BeginOutputReadLine();
        _apcupsd.BeginErrorReadLine();
        await WaitForStatusAsync(s => s.GetValueOrDefault("STATUS")?.Trim() == "ONLINE" && s.ContainsKey("BCHARGE"), "STATUS ONLINE", ReadyTimeout);
    }

    /// <summary>Stops apcupsd only (the UPS stays): clients see connection refused.</summary>
    public async Task StopApcupsdAsync()
    {
        var process = _apcupsd;
        _apcupsd = null;
        if (process is null) return;
        using (process)
        {
            if (process.HasExited) return;
            _ = Kill(process.Id, 15); // SIGTERM: apcupsd removes its pid and lock files (takes 1-2 s)
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await process.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
        }
    }

    /// <summary>Mains off or on at the UPS, then waits until apcupsd's NIS shows it.</summary>
    public Task SetOnBatteryAsync(bool onBattery)
    {
        Ups.SetOnBattery(onBattery);
        var word = onBattery ? "ONBATT" : "ONLINE";
        return WaitForStatusAsync(s => Words(s).Contains(word), "STATUS " + word);
    }

    /// <summary>The UPS's low-battery flag, then waits until apcupsd's NIS shows LOWBATT (or no longer does).</summary>
    public Task SetLowBatteryAsync(bool low)
    {
        Ups.SetLowBattery(low);
        return WaitForStatusAsync(s => Words(s).Contains("LOWBATT") == low, (low ? "" : "no ") + "LOWBATT");
    }

    /// <summary>Sets UPS measurements, then waits until apcupsd serves the new charge (it reads all of them together).</summary>
    public Task SetAsync(double batteryPercent, double minutesLeft, double loadPercent, double lineVolts)
    {
        Ups.Set(batteryPercent, minutesLeft, loadPercent, lineVolts);
        var charge = batteryPercent.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " Percent";
        var volts = lineVolts.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " Volts";
        return WaitForStatusAsync(s => s.GetValueOrDefault("BCHARGE") == charge && s.GetValueOrDefault("LINEV") == volts, $"BCHARGE {charge}, LINEV {volts}");
    }

    /// <summary>The UPS stops answering; waits (apcupsd takes tens of seconds) until NIS says COMMLOST.</summary>
    public Task LoseCommsAsync()
    {
        Ups.CommFail = true;
        return WaitForStatusAsync(s => Words(s).Contains("COMMLOST"), "STATUS COMMLOST", TimeSpan.FromSeconds(60));
    }

    public async Task WaitForStatusAsync(Func<IReadOnlyDictionary<string, string>, bool> done, string expected, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        var last = "(no reply)";
        while (true)
        {
            if (_apcupsd is { HasExited: true } p) throw new InvalidOperationException($"apcupsd exited with {p.ExitCode}:\n{DrainLog()}");
            try
            {
                var status = await QueryStatusAsync();
                if (done(status)) return;
                last = "STATUS " + status.GetValueOrDefault("STATUS", "(none)");
            }
            catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException)
            {
                last = ex.Message; // not listening yet
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"apcupsd on {Host}:{Port} never showed {expected}; last: {last}\n{DrainLog()}\napccontrol: {ApccontrolLog}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// A NIS <c>status</c> request with its own minimal client (independent of the driver under test): 2-byte
    /// big-endian length + command; records of 2-byte length + text; a zero length ends the reply.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> QueryStatusAsync()
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(Host, Port, cts.Token);
        var stream = client.GetStream();
        await stream.WriteAsync("\0\u0006status"u8.ToArray(), cts.Token);
        var result = new Dictionary<string, string>();
        var header = new byte[2];
        while (true)
        {
            await stream.ReadExactlyAsync(header, cts.Token);
            var length = BinaryPrimitives.ReadUInt16BigEndian(header);
            if (length == 0) return result;
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, cts.Token);
            var line = Encoding.UTF8.GetString(body);
            var colon = line.IndexOf(':');
            if (colon > 0) result[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
    }

    private static HashSet<string> Words(IReadOnlyDictionary<string, string> status) =>
        status.GetValueOrDefault("STATUS", "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();

    private void WriteConfig()
    {
        if (!OperatingSystem.IsLinux()) throw new PlatformNotSupportedException("the apcupsd test server runs on Linux only");
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "scripts"));
        // Only logs, and exits 0 so apcupsd sees the event handled. Never the stock apccontrol (it shuts down).
        var apccontrol = Path.Combine(Directory, "scripts", "apccontrol");
        File.WriteAllText(apccontrol, $"#!/bin/sh\necho \"$(date +%s.%N) $*\" >> '{Directory}/apccontrol.log'\nexit 0\n");
        File.SetUnixFileMode(apccontrol, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // The first line avoids an "old config" warning. ONBATTERYDELAY/BATTERYLEVEL/MINUTES as in the recipe.
        // POLLTIME 1: on line, apcupsd otherwise re-reads the UPS only every 60 s (or on an alert byte), so new
        // values and a silent UPS would take a minute to show. STATTIME 0 and the *DIR keys keep every file
        // apcupsd writes inside this directory.
        File.WriteAllText(Path.Combine(Directory, "apcupsd.conf"), $"""
            ## apcupsd.conf v1.1 ##
            UPSNAME simups
            UPSCABLE smart
            UPSTYPE apcsmart
            DEVICE {Ups.DevicePath}
            LOCKFILE {Directory}
            SCRIPTDIR {Directory}/scripts
            PWRFAILDIR {Directory}
            NOLOGINDIR {Directory}
            ONBATTERYDELAY 6
            BATTERYLEVEL 5
            MINUTES 3
            TIMEOUT 0
            NETSERVER on
            NISIP {Host}
            NISPORT {Port}
            EVENTSFILE {Directory}/apcupsd.events
            UPSCLASS standalone
            UPSMODE disable
            POLLTIME 1
            STATTIME 0
            LOGSTATS off
            DATATIME 0

            """);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public async Task DisposeAsync()
    {
        await StopApcupsdAsync();
        Ups?.Dispose();
        // InitializeAsync may have failed before creating anything.
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
