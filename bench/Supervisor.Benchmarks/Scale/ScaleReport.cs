using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>How both scale modes print figures and judge the issue's targets (per process: p99 &lt; 100 ms, peak RSS &lt; 1 GiB).</summary>
public static class ScaleReport
{
    public const double TargetP99Ms = 100;
    public const long TargetRssBytes = 1L << 30;

    /// <summary>Three significant digits: report latencies run from microseconds (same-thread hand-off) to seconds.</summary>
    public static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms >= 100 ? "0" : "G3", System.Globalization.CultureInfo.InvariantCulture);

    public static string MiB(long bytes) => $"{bytes / 1048576} MiB";

    public static string LatencyLine(LogHistogram latency) =>
        $"p50 {Ms(latency.Percentile(0.5))}  p90 {Ms(latency.Percentile(0.9))}  p99 {Ms(latency.Percentile(0.99))}  " +
        $"p99.9 {Ms(latency.Percentile(0.999))}  max {Ms(latency.Max)}";

    /// <summary>The detailed block for one process (the in-process run, or each node).</summary>
    public static void PrintDetails(WindowFigures f, double? expectedPerSecond, string indent = "  ")
    {
        var wall = f.WallSeconds;
        Console.WriteLine($"{indent}reports handled by groups: {f.Latency.Count} = {F(f.ReportsPerSecond, "0")}/s" +
                          (expectedPerSecond is { } e ? $" (expected ~{F(e, "0")}/s)" : ""));
        Console.WriteLine($"{indent}report latency (report made -> group handles it), ms: {LatencyLine(f.Latency)}");
        Console.WriteLine($"{indent}poll duration (simulated driver read), ms: p50 {Ms(f.Polls.Percentile(0.5))}  p99 {Ms(f.Polls.Percentile(0.99))}  " +
                          $"max {Ms(f.Polls.Max)}  ({f.Polls.Count} polls = {F(f.Polls.Count / wall, "0")}/s)");
        Console.WriteLine($"{indent}CPU: {F(f.CpuCores * 100, "0.0")} % of one core ({F(f.CpuCores * 100 / Environment.ProcessorCount, "0.0")} % of " +
                          $"{Environment.ProcessorCount} cores); {F(f.CpuMicrosPerReport, "0.0")} µs CPU per report");
        Console.WriteLine($"{indent}memory: peak RSS {MiB(f.PeakRss)} (whole run incl. start-up), RSS at end {MiB(f.After.WorkingSet)}, GC heap {MiB(f.After.HeapSize)}");
        Console.WriteLine($"{indent}GC in window: gen0 {f.After.Gen0 - f.Before.Gen0}, gen1 {f.After.Gen1 - f.Before.Gen1}, gen2 {f.After.Gen2 - f.Before.Gen2}; " +
                          $"pause {F(f.GcPauseSeconds * 1000, "0")} ms ({F(f.GcPauseSeconds / wall * 100, "0.00")} % of wall); " +
                          $"allocated {F(f.AllocatedBytes / 1048576.0 / wall, "0.0")} MiB/s = {F((double)f.AllocatedBytes / Math.Max(1, f.Latency.Count), "0")} B per report");
        Console.WriteLine($"{indent}thread pool: {f.After.Threads} threads, {F((f.After.WorkItems - f.Before.WorkItems) / wall, "0")} work items/s, {f.After.Pending} pending at end");
    }

    /// <summary>A node that handled no reports (a singleton standby) has no latency to judge; its memory still counts.</summary>
    private static bool P99Ok(WindowFigures f) => f.Latency.Count == 0 || f.P99 < TargetP99Ms;
    private static bool RssOk(WindowFigures f) => f.PeakRss < TargetRssBytes;
    public static bool MeetsTargets(WindowFigures f) => P99Ok(f) && RssOk(f);

    /// <summary>Prints both targets for one process; true when both pass.</summary>
    public static bool PrintTargets(WindowFigures f, string indent = "  ")
    {
        var p99Ok = P99Ok(f);
        var rssOk = RssOk(f);
        Console.WriteLine($"{indent}target p99 < {TargetP99Ms} ms: {Ms(f.P99)} ms -> {(p99Ok ? "PASS" : "FAIL")}");
        Console.WriteLine($"{indent}target peak RSS < 1 GiB: {MiB(f.PeakRss)} -> {(rssOk ? "PASS" : "FAIL")}");
        return p99Ok && rssOk;
    }
}
