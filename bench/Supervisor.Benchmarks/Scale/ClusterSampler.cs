using System.Diagnostics;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// Asks every node for a sample once a second, prints a progress line every few seconds, and notes the start-up
/// milestones: when each node first handled reports (the spread), and when the cluster became steady (every
/// node Up, summed report rate within 10 % of expected and no partition moving, for <see cref="SteadySamples"/>
/// samples in a row).
/// </summary>
public sealed class ClusterSampler(IReadOnlyList<ScaleNodeProcess> nodes, double expectedPerSecond, int printEvery, Stopwatch sinceStart)
{
    /// <summary>Sharded partitions move while nodes join (stop on one node, recover on another), so one good second is not enough.</summary>
    private const int SteadySamples = 3;

    private readonly Dictionary<string, double> _firstReports = [];
    private string[] _lastHosting = [];
    private int _steadyRun;
    private int _tick;

    public double? SteadyAfter { get; private set; }
    public IReadOnlyDictionary<string, double> FirstReportAfter => _firstReports;

    /// <summary>Seconds until the last node first handled a report; null while some node has handled none.</summary>
    public double? SpreadAfter => _firstReports.Count == nodes.Count ? _firstReports.Values.Max() : null;

    /// <summary>Samples until <paramref name="length"/> is over, or (with <paramref name="untilSteady"/>) the cluster is steady.</summary>
    public async Task RunAsync(TimeSpan length, string phase, bool untilSteady, CancellationToken cancel)
    {
        var until = Stopwatch.StartNew();
        while (until.Elapsed < length && !(untilSteady && SteadyAfter is not null))
        {
            await Task.Delay(1000, cancel);
            var samples = await Task.WhenAll(nodes.Select(n => n.SampleAsync()));
            Note(samples);
            if (++_tick % printEvery == 0 || until.Elapsed >= length || (untilSteady && SteadyAfter is not null)) Print(phase, samples);
        }
    }

    private void Note(NodeSample[] samples)
    {
        var now = sinceStart.Elapsed.TotalSeconds;
        for (var i = 0; i < nodes.Count; i++)
            if (samples[i].Reports > 0) _firstReports.TryAdd(nodes[i].Name, now);
        var rate = samples.Sum(s => s.Reports / s.Seconds);
        var allUp = samples.Max(s => s.UpMembers) >= nodes.Count;
        var hosting = samples.Select(s => s.Hosting).ToArray();
        var placementSettled = hosting.SequenceEqual(_lastHosting); // a partition that moves stops on one node and recovers on another
        _lastHosting = hosting;
        _steadyRun = allUp && placementSettled && Math.Abs(rate - expectedPerSecond) <= 0.1 * expectedPerSecond ? _steadyRun + 1 : 0;
        if (_steadyRun >= SteadySamples && SteadyAfter is null) SteadyAfter = now;
    }

    private void Print(string phase, NodeSample[] samples)
    {
        var perNode = nodes.Select((n, i) => $"{n.Name} {F(samples[i].Reports / samples[i].Seconds, "0")}/s p99 {ScaleReport.Ms(samples[i].P99)} " +
                                             $"max {ScaleReport.Ms(samples[i].Max)} ms CPU {F(samples[i].CpuCores * 100, "0")} % " +
                                             $"RSS {samples[i].Rss / 1048576} MiB [{samples[i].Hosting}]");
        Console.WriteLine($"  [{phase} {F(sinceStart.Elapsed.TotalSeconds, "0")} s] up {samples.Max(s => s.UpMembers)}; " +
                          $"total {F(samples.Sum(s => s.Reports / s.Seconds), "0")}/s; {string.Join("; ", perNode)}");
    }
}
