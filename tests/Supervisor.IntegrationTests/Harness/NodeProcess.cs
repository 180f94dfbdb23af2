namespace Supervisor.IntegrationTests.Harness;

/// <summary>
/// One real <c>supervisor run</c> process (the built executable), with its output captured so tests can
/// wait for log lines. Killing it is a real SIGKILL: nothing gets to flush or say goodbye.
/// </summary>
public sealed class NodeProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper? _output;
    private readonly string _name;

    public int Port { get; }
    public int Pid => _process.Id;
    public IReadOnlyCollection<string> Lines => _lines;

    private NodeProcess(string name, Process process, int port, ITestOutputHelper? output)
    {
        _name = name;
        _process = process;
        Port = port;
        _output = output;
    }

    /// <summary>Starts <c>supervisor run --config FILE --port PORT extra…</c> in <paramref name="workDir"/>.</summary>
    public static NodeProcess Start(string name, string workDir, string configFile, int port, ITestOutputHelper? output, params string[] extra) =>
        StartWithUmask(null, name, workDir, configFile, port, output, extra);

    /// <summary>As <see cref="Start"/>, under <c>umask <paramref name="umask"/></c> (set by a shell that then execs dotnet); null: the test's own.</summary>
    public static NodeProcess StartWithUmask(string? umask, string name, string workDir, string configFile, int port, ITestOutputHelper? output, params string[] extra) =>
        Launch(umask, EnvironmentWith(), name, workDir, configFile, port, output, extra);

    /// <summary>As <see cref="Start"/>, with <paramref name="environment"/> set in the node's environment (a null value removes the variable).</summary>
    public static NodeProcess StartWithEnvironment(IReadOnlyDictionary<string, string?> environment, string name, string workDir, string configFile, int port,
        ITestOutputHelper? output, params string[] extra) =>
        Launch(null, environment, name, workDir, configFile, port, output, extra);

    /// <summary>Variables for <see cref="StartWithEnvironment"/> and <c>CliProcess.RunWithEnvironmentAsync</c>; none: the process inherits the test's environment.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentWith(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private static NodeProcess Launch(string? umask, IReadOnlyDictionary<string, string?> environment, string name, string workDir, string configFile, int port,
        ITestOutputHelper? output, string[] extra)
    {
        var psi = new ProcessStartInfo(umask is null ? "dotnet" : "/bin/sh")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (variable, value) in environment) psi.Environment[variable] = value;
        if (umask is not null) foreach (var a in new[] { "-c", $"umask {umask} && exec dotnet \"$@\"", "sh" }) psi.ArgumentList.Add(a);
        // The HTTP API (on in the demo at 8080) gets a port of its own per node, so nodes run side by side.
        foreach (var a in new[] { SupervisorDll, "run", "--config", configFile, "--port", port.ToString(), "--http-listen", "127.0.0.1:0" }.Concat(extra))
            psi.ArgumentList.Add(a);
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var node = new NodeProcess(name, process, port, output);
        process.OutputDataReceived += (_, e) => node.Add(e.Data);
        process.ErrorDataReceived += (_, e) => node.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>The supervisor.dll built next to this test assembly's configuration (Debug/Release).</summary>
    public static string SupervisorDll
    {
        get
        {
            var here = AppContext.BaseDirectory; // …/tests/Supervisor.IntegrationTests/bin/<cfg>/net10.0/
            var dir = new DirectoryInfo(here);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Supervisor.sln"))) dir = dir.Parent;
            if (dir is null) throw new InvalidOperationException($"Supervisor.sln not found above {here}");
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(here)).Parent!.Name;
            var dll = Path.Combine(dir.FullName, "src", "Supervisor.Node", "bin", configuration, "net10.0", "supervisor.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} not built");
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end on its own (e.g. after leaving the cluster) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try { await _process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { throw new Xunit.Sdk.XunitException($"[{_name}] still running after {timeout.TotalSeconds}s; last lines:\n{Tail()}"); }
        return _process.ExitCode;
    }

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        try { _output?.WriteLine($"[{_name}] {line}"); } catch (InvalidOperationException) { /* test already finished */ }
    }

    /// <summary>Waits until a line matching <paramref name="pattern"/> appears (including earlier lines).</summary>
    public async Task<string> WaitForLineAsync(string pattern, TimeSpan timeout)
    {
        var regex = new Regex(pattern);
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var hit = _lines.FirstOrDefault(regex.IsMatch);
            if (hit is not null) return hit;
            if (_process.HasExited && !_lines.Any(regex.IsMatch))
                throw new Xunit.Sdk.XunitException($"[{_name}] exited with code {_process.ExitCode} before logging /{pattern}/:\n{Tail()}");
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"[{_name}] no line matching /{pattern}/ within {timeout.TotalSeconds}s; last lines:\n{Tail()}");
    }

    public int Count(string pattern) => _lines.Count(new Regex(pattern).IsMatch);

    public string Tail(int n = 40) => string.Join("\n", _lines.TakeLast(n));

    /// <summary>SIGKILL: the node dies mid-whatever, like a crash or a pulled plug.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
