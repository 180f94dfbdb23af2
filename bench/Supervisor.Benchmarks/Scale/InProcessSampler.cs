using System.Diagnostics;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// The in-process run's progress: a line every few seconds, and how late its own 1 s sleeps wake (a load
/// indicator). It reads this process, so the child-process mode has its own (<see cref="ClusterSampler"/>).
/// </summary>
/// <param name="extra">Appended to each progress line when set (the history writer's queue and drops, so a run shows when they happen).</param>
public sealed class InProcessSampler(WindowedHistogram latency, double expectedPerSecond, Func<Task<string>>? extra = null)
{
    private readonly List<double> _oversleep = [];
    private double? _steadyAfter;

    public double OversleepMs(double p)
    {
        if (_oversleep.Count == 0) return double.NaN;
        var s = _oversleep.Order().ToArray();
        return s[Math.Clamp((int)Math.Ceiling(p * s.Length) - 1, 0, s.Length - 1)];
    }

    public async Task<double?> RunAsync(TimeSpan length, int printEvery, string phase, Stopwatch sinceStart)
    {
        var until = Stopwatch.StartNew();
        using var proc = Process.GetCurrentProcess();
        var lastCpu = proc.TotalProcessorTime;
        var lastWall = Stopwatch.GetTimestamp();
        var tick = 0;
        while (until.Elapsed < length)
        {
            var sleepStart = Stopwatch.GetTimestamp();
            await Task.Delay(1000);
            _oversleep.Add(Math.Max(0, Stopwatch.GetElapsedTime(sleepStart).TotalMilliseconds - 1000));
            tick++;
            if (tick % printEvery != 0 && until.Elapsed < length) continue;
            var interval = latency.SwapInterval();
            proc.Refresh();
            var wall = Stopwatch.GetElapsedTime(lastWall).TotalSeconds;
            var cpu = (proc.TotalProcessorTime - lastCpu).TotalSeconds / wall;
            lastCpu = proc.TotalProcessorTime;
            lastWall = Stopwatch.GetTimestamp();
            var rate = interval.Count / wall;
            if (_steadyAfter is null && rate >= 0.9 * expectedPerSecond) _steadyAfter = sinceStart.Elapsed.TotalSeconds;
            Console.WriteLine($"  [{phase} {F(sinceStart.Elapsed.TotalSeconds, "0")} s] reports {F(rate, "0")}/s, latency p50 {ScaleReport.Ms(interval.Percentile(0.5))} " +
                              $"p99 {ScaleReport.Ms(interval.Percentile(0.99))} max {ScaleReport.Ms(interval.Max)} ms; CPU {F(cpu * 100, "0")} %; " +
                              $"RSS {proc.WorkingSet64 / 1048576} MiB; GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; " +
                              $"pool {ThreadPool.ThreadCount} thr, {ThreadPool.PendingWorkItemCount} pending{(extra is null ? "" : "; " + await extra())}");
        }
        return _steadyAfter;
    }
}
