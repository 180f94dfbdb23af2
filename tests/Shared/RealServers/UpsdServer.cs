using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A real NUT upsd + dummy-ups in a temp dir on a free loopback port (recipe: shared/test-servers.md §5).
/// Use as an xunit class fixture (<c>IClassFixture&lt;UpsdServer&gt;</c>) or standalone via <see cref="StartAsync"/>.
/// Fails (never skips) when NUT is missing, so a green run always means upsd was really exercised.
/// </summary>
public sealed partial class UpsdServer : IAsyncLifetime, IDisposable
{
    /// <summary>Where Debian's nut-server puts the daemons (the /usr/sbin wrappers want /etc/nut/nut.conf).</summary>
    public const string DefaultNutDir = "/lib/nut";
    public const string NotInstalled = "NUT is not installed: run scripts/install-test-deps.sh";

    /// <summary>upsd.users entry allowed to SET, FSD and log in as upsmon primary.</summary>
    public const string AdminUser = "admin", AdminPassword = "secret";
    /// <summary>upsd.users entry with only <c>upsmon secondary</c> (enough for LOGIN).</summary>
    public const string MonitorUser = "mon", MonitorPassword = "pw";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _upsdPath;
    private readonly string _driverPath;
    private Process? _upsd;
    private Process? _driver;

    /// <summary>For <c>IClassFixture</c> (xunit needs exactly one public constructor).</summary>
    public UpsdServer() : this(DefaultNutDir) { }

    /// <summary>Lets a test point at a missing install to check the "not installed" failure.</summary>
    internal UpsdServer(string nutDir)
    {
        _upsdPath = Path.Combine(nutDir, "upsd");
        _driverPath = Path.Combine(nutDir, "dummy-ups");
    }

    /// <summary>
    /// More upsd.users entries, each with <c>upsmon secondary</c> (user → password): for a test that logs in as several
    /// users with passwords of its own. Set before <see cref="InitializeAsync"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string> ExtraMonitors { get; init; } = new Dictionary<string, string>();

    /// <summary>More lines for the first UPS's dummy-ups file ("name: value\n" each), for a test of variables beyond the defaults.</summary>
    public string ExtraVariables { get; init; } = "";

    /// <summary>
    /// More UPSes on this upsd (each its own dummy-ups, on line, desc "Supervisor test UPS NAME"), for a test of what
    /// serves several (LIST UPS). The <c>Set…</c> helpers act on <see cref="UpsName"/> only. Set before <see cref="InitializeAsync"/>.
    /// </summary>
    public IReadOnlyList<string> ExtraUpsNames { get; init; } = [];

    private readonly List<Process> _extraDrivers = [];

    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public string UpsName => "ups1";

    /// <summary>upsd's own PID while it runs (benchmarks read its CPU time from /proc).</summary>
    public int? UpsdProcessId => _upsd?.Id;
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "supervisor-upsd-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>stdout/stderr of upsd and dummy-ups since the last call (for test output and failure messages).</summary>
    public string DrainLog()
    {
        var lines = new List<string>();
        while (_log.TryDequeue(out var line)) lines.Add(line);
        return string.Join('\n', lines);
    }

    /// <summary>Standalone use: <c>using var upsd = await UpsdServer.StartAsync();</c>.</summary>
    public static async Task<UpsdServer> StartAsync()
    {
        var server = new UpsdServer();
        try { await server.InitializeAsync(); return server; }
        catch { server.Dispose(); throw; }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(_upsdPath) || !File.Exists(_driverPath) || Which("upsrw") is null)
            throw new InvalidOperationException(NotInstalled);
        Port = LoopbackPort.Free();
        WriteConfig();
        await StartDriverAsync();
        await StartUpsdAsync();
    }

    /// <summary>Sets <c>ups.status</c> (e.g. "OB LB") and waits until upsd serves it.</summary>
    public Task SetStatusAsync(string status) => SetVarAsync("ups.status", status);

    /// <summary>
    /// <c>upsrw -s name=value</c> as admin, then waits for <c>GET VAR</c> to show it: upsrw returns when upsd
    /// accepted the request, but dummy-ups applies it a moment later.
    /// </summary>
    public async Task SetVarAsync(string name, string value)
    {
        var (exit, output) = await RunAsync("upsrw", "-s", $"{name}={value}", "-u", AdminUser, "-p", AdminPassword, $"{UpsName}@{Host}:{Port}");
        if (exit != 0) throw new InvalidOperationException($"upsrw -s {name}={value} failed (exit {exit}): {output}\n{DrainLog()}");
        await WaitForVarAsync(name, v => v == value, $"\"{value}\"");
    }

    /// <summary>Sends FSD as the primary would. It latches in upsd until <see cref="RestartAsync"/>.</summary>
    public async Task ForceShutdownAsync()
    {
        var replies = await QueryAsync("USERNAME " + AdminUser, "PASSWORD " + AdminPassword, "FSD " + UpsName);
        if (replies[^1] != "OK FSD-SET") throw new InvalidOperationException($"FSD refused: {string.Join(" / ", replies)}");
        await WaitForVarAsync("ups.status", v => v.Split(' ').Contains("FSD"), "FSD");
    }

    /// <summary>Fresh upsd + driver on the same port: clears latched FSD and every value set since start.</summary>
    public async Task RestartAsync()
    {
        await StopUpsdAsync();
        await StopDriverAsync();
        await StartDriverAsync();
        await StartUpsdAsync();
    }

    /// <summary>Stops dummy-ups only: upsd stays up but has no data for the UPS.</summary>
    public async Task StopDriverAsync()
    {
        await StopAsync(_driver);
        _driver = null;
        foreach (var extra in _extraDrivers) await StopAsync(extra);
        _extraDrivers.Clear();
    }

    /// <summary>Stops upsd only (the driver keeps running): clients see connection refused, like a comms loss.</summary>
    public async Task StopUpsdAsync()
    {
        await StopAsync(_upsd);
        _upsd = null;
    }

    /// <summary>
    /// Starts upsd on the same port and waits until it serves a real status: dummy-ups reports "WAIT" for about
    /// a second after it starts, which would read as neither on line nor on battery.
    /// </summary>
    public async Task StartUpsdAsync()
    {
        if (_upsd is not null) return;
        _upsd = Start(_upsdPath, "upsd");
        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (_upsd.HasExited) throw new InvalidOperationException($"upsd exited with {_upsd.ExitCode}:\n{DrainLog()}");
            try
            {
                var replies = await QueryAsync("VER", $"GET VAR {UpsName} ups.status");
                if (replies[0].StartsWith("Network UPS Tools", StringComparison.Ordinal) &&
                    replies[1].StartsWith("VAR ", StringComparison.Ordinal) && !replies[1].EndsWith("\"WAIT\"", StringComparison.Ordinal))
                    return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or InvalidOperationException)
            {
                // Not listening yet, or the driver is not connected yet.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"upsd on {Host}:{Port} not ready within {ReadyTimeout}:\n{DrainLog()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Sends raw protocol lines on one connection and returns one reply line per command.</summary>
    public async Task<string[]> QueryAsync(params string[] commands)
    {
        using var client = new TcpClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await client.ConnectAsync(Host, Port, cts.Token);
        var stream = client.GetStream();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var replies = new string[commands.Length];
        for (var i = 0; i < commands.Length; i++)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(commands[i] + "\n"), cts.Token);
            replies[i] = await reader.ReadLineAsync(cts.Token) ?? throw new IOException($"upsd closed the connection after {commands[i]}");
        }
        return replies;
    }

    private async Task WaitForVarAsync(string name, Func<string, bool> done, string expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            last = (await QueryAsync($"GET VAR {UpsName} {name}"))[0];
            var prefix = $"VAR {UpsName} {name} \"";
            if (last.StartsWith(prefix, StringComparison.Ordinal) && done(last[prefix.Length..^1])) return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"upsd never showed {name} = {expected}; last reply: {last}\n{DrainLog()}");
    }

    /// <summary>
    /// Starts dummy-ups again after <see cref="StopDriverAsync"/> and waits for its socket. upsd picks the driver up
    /// on its own a moment later (it answers DRIVER-NOT-CONNECTED, then WAIT, until then).
    /// </summary>
    public async Task StartDriverAsync()
    {
        if (_driver is not null) return;
        _driver = await StartDummyUpsAsync(UpsName);
        foreach (var name in ExtraUpsNames) _extraDrivers.Add(await StartDummyUpsAsync(name));
    }

    public async Task DisposeAsync()
    {
        await StopUpsdAsync();
        await StopDriverAsync();
        // InitializeAsync may have failed before creating anything.
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
