using System.Globalization;
using System.Text.RegularExpressions;
using static Supervisor.Benchmarks.Scale.ScaleNodeProtocol;

namespace Supervisor.Benchmarks.Scale;

/// <summary>The parent's handle on one <c>scale-node</c> child: this benchmark's own dll, started again with the hidden subcommand.</summary>
public sealed class ScaleNodeProcess : IDisposable
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(30);
    private static readonly Regex LogProblem = new(@"^\d\d:\d\d:\d\d\.\d{3} (WARN|ERROR)|^(fail|crit|warn):|^config (warning|error):|Exception", RegexOptions.Compiled);
    private readonly ChildProcess _child;
    private readonly Dictionary<string, int> _repliesSeen = [];

    private ScaleNodeProcess(string name, ChildProcess child)
    {
        Name = name;
        _child = child;
    }

    public string Name { get; }

    public static ScaleNodeProcess Start(string name, string configFile, int port, string seed, string dataDir, string workDir) =>
        new(name, ChildProcess.Start(name, "dotnet",
            [typeof(ScaleNodeProcess).Assembly.Location, "scale-node", "--config", configFile, "--port", port.ToString(CultureInfo.InvariantCulture),
             "--seed", seed, "--data-dir", dataDir], workDir, talk: true));

    public Task WaitStartedAsync(TimeSpan timeout) => _child.WaitForLineAsync(new Regex("^" + Regex.Escape(Prefix + Started)), timeout);

    public async Task<NodeSample> SampleAsync() => Parse<NodeSample>(await AskAsync(Sample));

    public Task StartWindowAsync() => AskAsync(WindowStart);

    public async Task<NodeWindow> StopWindowAsync() => Parse<NodeWindow>(await AskAsync(WindowStop));

    /// <summary>The node's own WARN/ERROR lines (Akka's and the host's), most frequent first: what went wrong while it ran.</summary>
    public IReadOnlyList<(string Line, int Count)> Problems() =>
        _child.Lines.Where(l => LogProblem.IsMatch(l))
            .GroupBy(l => Regex.Replace(Regex.Replace(l, @"^\d\d:\d\d:\d\d\.\d{3} ", ""), @"\[\d+\.\d+\]|\[\d{2,}\]", "[n]")) // same message, other time or count
            .Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ToList();

    /// <summary>Sends <paramref name="command"/> and waits for its reply (the n-th reply of that name is the answer to the n-th ask).</summary>
    private async Task<string> AskAsync(string command)
    {
        var seen = _repliesSeen.GetValueOrDefault(command);
        await _child.SendLineAsync(command);
        var reply = await _child.WaitForLineAsync(new Regex("^" + Regex.Escape(Prefix + command) + "( |$)"), ReplyTimeout, skip: seen);
        _repliesSeen[command] = seen + 1;
        return reply;
    }

    /// <summary>Asks the node to stop; whatever is still running after a grace period is killed (<see cref="ChildProcess.StopAsync"/>).</summary>
    public async Task StopAsync()
    {
        if (_child.HasExited) return;
        try { await _child.SendLineAsync(Stop); }
        catch (IOException) { /* its stdin is already gone */ }
        for (var i = 0; i < 100 && !_child.HasExited; i++) await Task.Delay(100);
        await _child.StopAsync(TimeSpan.FromSeconds(3));
    }

    public void Dispose() => _child.Dispose();
}
