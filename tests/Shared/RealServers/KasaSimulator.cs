using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// The npm <c>tplink-smarthome-simulator</c> 5.0.1 (recipe: shared/test-servers.md §1) running an HS110 (V/A/W
/// floats), an HS110 v2 (mV/mA/mW ints), an HS300 strip and an HS100 (no energy meter) on free loopback ports, with
/// an HTTP control port to change readings and relays at run time. Script: tests/Shared/kasa-sim/kasa-sim.js.
/// Use as an xunit class fixture or standalone via <see cref="StartAsync"/>. Fails (never skips) when node or the
/// simulator is missing, so a green run always means the simulator was really exercised.
/// </summary>
public sealed class KasaSimulator : IAsyncLifetime, IDisposable
{
    public const string NotInstalled = "The Kasa simulator is not installed: run scripts/install-test-deps.sh";
    public const string Hs110 = "hs110", Hs110V2 = "hs110v2", Hs300 = "hs300", Hs100 = "hs100";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly string? _simDir;
    private Dictionary<string, int> _ports = new() { [Hs110] = 0, [Hs110V2] = 0, [Hs300] = 0, [Hs100] = 0 };
    private Process? _node;

    /// <summary>For <c>IClassFixture</c> (xunit needs exactly one public constructor).</summary>
    public KasaSimulator() : this(FindSimDir()) { }

    /// <summary>Lets a test point at a missing install to check the "not installed" failure.</summary>
    internal KasaSimulator(string? simDir) => _simDir = simDir;

    public string Host => "127.0.0.1";
    public int ControlPort { get; private set; }

    /// <summary>The HS300's child ids in sysinfo order (outlet index = position).</summary>
    public IReadOnlyList<string> Hs300ChildIds { get; private set; } = [];

    public int Port(string device) => _ports[device];

    /// <summary>Set by every control call and kill: the simulator no longer holds its start values.</summary>
    public bool Dirty { get; private set; }

    /// <summary>True while the node process we started is alive.</summary>
    public bool IsRunning => _node is { HasExited: false };

    /// <summary>Simulator stderr since the last call (for test output and failure messages).</summary>
    public string DrainLog()
    {
        var lines = new List<string>();
        while (_log.TryDequeue(out var line)) lines.Add(line);
        return string.Join('\n', lines);
    }

    /// <summary>Standalone use: <c>using var sim = await KasaSimulator.StartAsync();</c>.</summary>
    public static async Task<KasaSimulator> StartAsync()
    {
        var sim = new KasaSimulator();
        try { await sim.InitializeAsync(); return sim; }
        catch { sim.Dispose(); throw; }
    }

    public Task InitializeAsync() => StartNodeAsync();

    /// <summary>Starts the simulator; after <see cref="KillAsync"/> it comes back on the same ports with fresh state.</summary>
    public async Task StartNodeAsync()
    {
        if (IsRunning) return;
        var script = _simDir is null ? null : Path.Combine(_simDir, "kasa-sim.js");
        if (script is null || !File.Exists(script) || Which("node") is null ||
            !File.Exists(Path.Combine(_simDir!, "node_modules", "tplink-smarthome-simulator", "package.json")))
            throw new InvalidOperationException(NotInstalled);

        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _simDir };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(JsonSerializer.Serialize(_ports));
        info.ArgumentList.Add(ControlPort.ToString(CultureInfo.InvariantCulture));
        var node = Process.Start(info) ?? throw new InvalidOperationException("could not start node");
        _node = node;
        node.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue($"kasa-sim: {e.Data}"); };
        node.BeginErrorReadLine();

        // The script prints one JSON line once every device listens: ports, ids, children.
        using var cts = new CancellationTokenSource(ReadyTimeout);
        string? line;
        try { line = await node.StandardOutput.ReadLineAsync(cts.Token); }
        catch (OperationCanceledException) { line = null; }
        if (line is null)
        {
            await KillAsync();
            throw new InvalidOperationException($"the Kasa simulator did not report ready within {ReadyTimeout}:\n{DrainLog()}");
        }
        using var ready = JsonDocument.Parse(line);
        ControlPort = ready.RootElement.GetProperty("control").GetInt32();
        var ports = new Dictionary<string, int>();
        foreach (var d in ready.RootElement.GetProperty("devices").EnumerateObject())
        {
            ports[d.Name] = d.Value.GetProperty("port").GetInt32();
            if (d.Name == Hs300) Hs300ChildIds = d.Value.GetProperty("children").EnumerateArray().Select(c => c.GetString()!).ToList();
        }
        _ports = ports;
        // Keep draining stdout so node never blocks on a full pipe.
        _ = node.StandardOutput.ReadToEndAsync();
    }

    /// <summary>SIGKILL, like a plug losing power: no cleanup of its own; the kernel closes its sockets and frees the ports.</summary>
    public async Task KillAsync()
    {
        Dirty = true;
        if (_node is null) return;
        using var node = _node;
        _node = null;
        if (!node.HasExited)
        {
            node.Kill();
            await node.WaitForExitAsync();
        }
    }

    /// <summary>Fresh state on the same ports (every value and relay back to the script's start values).</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        await StartNodeAsync();
        Dirty = false;
    }

    /// <summary>Restarts only when a test changed something (a restart costs about a second of node start-up).</summary>
    public Task ResetAsync() => Dirty || !IsRunning ? RestartAsync() : Task.CompletedTask;

    /// <summary>Sets realtime values in W, A, V, kWh (v2 models reply in mW, mA, mV, Wh); <paramref name="child"/> = HS300 outlet index.</summary>
    public Task SetAsync(string device, int? child = null, double? power = null, double? current = null, double? voltage = null, double? total = null)
    {
        var query = new List<string> { $"dev={device}" };
        if (child is { } c) query.Add($"child={c}");
        foreach (var (key, value) in new[] { ("power", power), ("current", current), ("voltage", voltage), ("total", total) })
            if (value is { } v) query.Add($"{key}={v.ToString(CultureInfo.InvariantCulture)}");
        return ControlAsync("set", query);
    }

    /// <summary>Switches a plug's relay, or one HS300 outlet's. The simulator does not couple relay and power.</summary>
    public Task SetRelayAsync(string device, bool on, int? child = null)
    {
        var query = new List<string> { $"dev={device}", $"state={(on ? 1 : 0)}" };
        if (child is { } c) query.Add($"child={c}");
        return ControlAsync("relay", query);
    }

    private async Task ControlAsync(string path, List<string> query)
    {
        Dirty = true;
        var url = $"http://{Host}:{ControlPort}/{path}?{string.Join('&', query)}";
        using var response = await _http.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} failed: {(int)response.StatusCode} {body}\n{DrainLog()}");
    }

    /// <summary>tests/Shared/kasa-sim, found by walking up from the test binary (KASA_SIM_DIR overrides).</summary>
    private static string? FindSimDir()
    {
        if (Environment.GetEnvironmentVariable("KASA_SIM_DIR") is { Length: > 0 } fromEnv) return fromEnv;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Shared", "kasa-sim");
            if (File.Exists(Path.Combine(candidate, "kasa-sim.js"))) return candidate;
        }
        return null;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public async Task DisposeAsync()
    {
        await KillAsync();
        _http.Dispose();
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
