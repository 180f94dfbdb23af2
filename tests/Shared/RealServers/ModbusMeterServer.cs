using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Xunit;

namespace Supervisor.Tests.RealServers;

/// <summary>
/// A pymodbus 3.0.0 Modbus TCP server playing an Eastron SDM120 or SDM630 (tests/Shared/modbus-sim/sdm_sim.py,
/// recipe: shared/test-servers.md §3) on free loopback ports, with its HTTP control port to change registers
/// at run time. Use as a class fixture (SDM120) or standalone via <see cref="StartAsync"/>. Fails (never skips)
/// when pymodbus is missing, so a green run always means the real server was exercised.
/// </summary>
public sealed class ModbusMeterServer : IAsyncLifetime, IDisposable
{
    /// <summary>Debian's python: the python3 first on PATH may be a separate build that cannot import Debian's pymodbus.</summary>
    public const string DefaultPython = "/usr/bin/python3";
    public const string NotInstalled = "python3-pymodbus is not installed: run scripts/install-test-deps.sh";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<string> _log = new();
    private readonly string _python;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? _process;

    /// <summary>For <c>IClassFixture</c>: an SDM120.</summary>
    public ModbusMeterServer() : this("sdm120", DefaultPython) { }

    /// <param name="layout">sdm120 or sdm630.</param>
    /// <param name="python">Lets a test point at a missing interpreter to check the "not installed" failure.</param>
    internal ModbusMeterServer(string layout, string python)
    {
        Layout = layout;
        _python = python;
    }

    public string Layout { get; }
    public string Host => "127.0.0.1";
    public int Port { get; private set; }
    public int ControlPort { get; private set; }

    /// <summary>Standalone use: <c>using var meter = await ModbusMeterServer.StartAsync("sdm630");</c>.</summary>
    public static async Task<ModbusMeterServer> StartAsync(string layout = "sdm120")
    {
        var server = new ModbusMeterServer(layout, DefaultPython);
        try { await server.InitializeAsync(); return server; }
        catch { await server.DisposeAsync(); throw; }
    }

    /// <summary>stdout/stderr of the simulator since the last call (for failure messages).</summary>
    public string DrainLog()
    {
        var lines = new List<string>();
        while (_log.TryDequeue(out var line)) lines.Add(line);
        return string.Join('\n', lines);
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(_python)) throw new InvalidOperationException($"{NotInstalled} ({_python} not found)");
        Port = LoopbackPort.Free();
        ControlPort = LoopbackPort.Free();
        await StartProcessAsync();
    }

    /// <summary>Kills the simulator (SIGKILL, by our own PID): clients see the connection drop, then refused.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        using var process = _process;
        _process = null;
        if (!process.HasExited) process.Kill();
        await process.WaitForExitAsync();
    }

    /// <summary>Starts it again on the same ports, with the initial register values.</summary>
    public Task RestartAsync() => _process is null ? StartProcessAsync() : throw new InvalidOperationException("still running; StopAsync first");

    /// <summary>Writes a float32 (high word first) at <paramref name="address"/> in the input and holding tables, or only table <paramref name="function"/>.</summary>
    public Task SetFloatAsync(int address, double value, int? function = null) =>
        ControlAsync($"/set?addr={address}&value={value.ToString("R", CultureInfo.InvariantCulture)}{Fc(function)}");

    /// <summary>Writes raw 16-bit words starting at <paramref name="address"/>.</summary>
    public Task SetRegistersAsync(int address, IEnumerable<ushort> words, int? function = null) =>
        ControlAsync($"/regs?addr={address}&values={string.Join(',', words)}{Fc(function)}");

    private static string Fc(int? function) => function is { } f ? $"&fc={f}" : "";

    private async Task ControlAsync(string pathAndQuery)
    {
        var reply = await _http.GetStringAsync($"http://{Host}:{ControlPort}{pathAndQuery}");
        if (!reply.StartsWith("ok", StringComparison.Ordinal)) throw new InvalidOperationException($"simulator refused {pathAndQuery}: {reply}");
    }

    private async Task StartProcessAsync()
    {
        var info = new ProcessStartInfo(_python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { ScriptPath(), Port.ToString(CultureInfo.InvariantCulture), ControlPort.ToString(CultureInfo.InvariantCulture), Layout })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {_python}");
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // flushes the redirected output into the log
                var log = DrainLog();
                _process = null;
                throw new InvalidOperationException(log.Contains("No module named 'pymodbus'", StringComparison.Ordinal)
                    ? $"{NotInstalled}\n{log}"
                    : $"sdm_sim.py exited with {process.ExitCode}:\n{log}");
            }
            if (await IsReadyAsync()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"sdm_sim.py not ready on {Host}:{Port} within {ReadyTimeout}:\n{DrainLog()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Both the control port and the Modbus port must accept connections.</summary>
    private async Task<bool> IsReadyAsync()
    {
        try
        {
            await ControlAsync("/ping");
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(Host, Port, cts.Token);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or OperationCanceledException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>The script in the source tree: found above the test binaries, else next to this file when it was compiled.</summary>
    private static string ScriptPath([CallerFilePath] string thisFile = "")
    {
        var relative = Path.Combine("tests", "Shared", "modbus-sim", "sdm_sim.py");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, relative))) return Path.Combine(dir.FullName, relative);
        var besideSource = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile) ?? ".", "..", "modbus-sim", "sdm_sim.py"));
        return File.Exists(besideSource) ? besideSource : throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _http.Dispose();
    }

    public void Dispose() => DisposeAsync().GetAwaiter().GetResult();
}
