using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Supervisor.Benchmarks;

/// <summary>
/// A process this benchmark started, with its output lines kept (and when each arrived). Stopping it ends
/// exactly that PID and its descendants (upsmon forks a child), found through /proc by parent PID — never by name.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    private ChildProcess(string name, Process process)
    {
        _name = name;
        _process = process;
    }

    public string Name => _name;
    public int Pid => _process.Id;
    public bool HasExited => _process.HasExited;
    public IReadOnlyCollection<string> Lines => _lines;

    /// <param name="talk">Keep the child's stdin open for <see cref="SendLine"/> (a child that talks with its parent).</param>
    public static ChildProcess Start(string name, string file, IEnumerable<string> args, string? workDir = null, IDictionary<string, string>? env = null,
        bool talk = false)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = talk,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Environment.CurrentDirectory,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var process = new Process { StartInfo = psi };
        var child = new ChildProcess(name, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) child._lines.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>One line to the child's stdin (it must have been started with <c>talk: true</c>).</summary>
    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    public string? FirstLine(Regex pattern) => _lines.FirstOrDefault(l => pattern.IsMatch(l));

    public async Task<string> WaitForLineAsync(Regex pattern, TimeSpan timeout, int skip = 0)
    {
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            var hit = _lines.Where(l => pattern.IsMatch(l)).Skip(skip).FirstOrDefault();
            if (hit is not null) return hit;
            if (_process.HasExited) throw new InvalidOperationException($"{_name} exited ({_process.ExitCode}) before logging /{pattern}/:\n{Tail()}");
            await Task.Delay(20);
        }
        throw new TimeoutException($"{_name}: no line matching /{pattern}/ within {timeout.TotalSeconds}s; last lines:\n{Tail()}");
    }

    /// <summary>SIGKILL to this process only, at once: a node dying without a word (its descendants, if any, are left to <see cref="Dispose"/>).</summary>
    public void Kill() => _ = Kill(_process.Id, 9);

    public string Tail(int n = 25) => string.Join("\n", _lines.TakeLast(n));

    /// <summary>SIGTERM to the process and every descendant, SIGKILL to whatever is left after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        var pids = Descendants(_process.Id).Prepend(_process.Id).ToList();
        foreach (var pid in pids) _ = Kill(pid, 15);
        var until = DateTime.UtcNow + grace;
        while (DateTime.UtcNow < until && pids.Any(Alive)) await Task.Delay(50);
        foreach (var pid in pids.Where(Alive)) _ = Kill(pid, 9);
        try { await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token); }
        catch (OperationCanceledException) { /* reported by Alive below */ }
        var left = pids.Where(Alive).ToList();
        if (left.Count > 0) Console.Error.WriteLine($"warning: {_name}: pid(s) {string.Join(", ", left)} still alive after SIGKILL");
    }

    private static bool Alive(int pid)
    {
        try
        {
            return !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return false; // gone, possibly between listing and reading ("No such process" mid-read crashed a run)
        }
    }

    /// <summary>Every process whose parent chain leads to <paramref name="root"/> (from /proc/*/stat).</summary>
    private static List<int> Descendants(int root)
    {
        var parentOf = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // state ppid ...
                parentOf[pid] = int.Parse(fields[1]);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { /* gone meanwhile */ }
        }
        var result = new List<int>();
        var frontier = new Queue<int>([root]);
        while (frontier.TryDequeue(out var p))
            foreach (var (child, parent) in parentOf)
                if (parent == p && !result.Contains(child)) { result.Add(child); frontier.Enqueue(child); }
        return result;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        if (!_process.HasExited) StopAsync(TimeSpan.FromSeconds(3)).GetAwaiter().GetResult();
        _process.Dispose();
    }
}
