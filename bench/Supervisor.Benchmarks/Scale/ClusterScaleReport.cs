using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>The N-node result: one line per node, the totals over a merged histogram, the targets per node, and what the nodes logged.</summary>
public static class ClusterScaleReport
{
    public static int Print(SimulatedFleet fleet, string placement, IReadOnlyList<ScaleNodeProcess> nodes, NodeWindow[] windows, ClusterSampler sampler)
    {
        var figures = windows.Select(w => w.Figures).ToArray();
        Console.WriteLine($"\nResult: {fleet.Devices} devices, {fleet.Groups} groups of {fleet.GroupSize}, poll {fleet.PollSeconds} s, {nodes.Count} node(s), " +
                          $"placement {placement}, window {F(figures.Max(f => f.WallSeconds), "0.0")} s ({MachineLine()})");
        Console.WriteLine($"  start-up (from starting the processes): {string.Join(", ", nodes.Select(n => $"{n.Name} first report " + Seconds(sampler.FirstReportAfter.GetValueOrDefault(n.Name, double.NaN))))}; " +
                          $"every node handling reports after {Seconds(sampler.SpreadAfter)}; steady (all Up, rate within 10 %) after {Seconds(sampler.SteadyAfter)}");
        Console.WriteLine($"  {"node",-4}  {"hosts",-30}  {"reports/s × poll",16}  {"reports/s",9}  {"p50 ms",8}  {"p90 ms",8}  {"p99 ms",8}  {"max ms",8}  " +
                          $"{"CPU % of 1 core",15}  {"peak RSS",9}  {"GC pause",8}  targets");
        var allPass = true;
        for (var i = 0; i < nodes.Count; i++)
        {
            var f = figures[i];
            var pass = ScaleReport.MeetsTargets(f);
            allPass &= pass;
            Console.WriteLine($"  {nodes[i].Name,-4}  {windows[i].Hosting,-30}  {F(f.ReportsPerSecond * fleet.PollSeconds, "0"),16}  {F(f.ReportsPerSecond, "0"),9}  " +
                              $"{ScaleReport.Ms(f.Latency.Percentile(0.5)),8}  {ScaleReport.Ms(f.Latency.Percentile(0.9)),8}  {ScaleReport.Ms(f.P99),8}  {ScaleReport.Ms(f.Latency.Max),8}  " +
                              $"{F(f.CpuCores * 100, "0.0"),15}  {ScaleReport.MiB(f.PeakRss),9}  {F(f.GcPauseSeconds * 1000, "0") + " ms",8}  {(pass ? "PASS" : "FAIL")}");
        }

        var merged = LogHistogram.Merge(windows.Select(w => w.Latency));
        var wall = figures.Max(f => f.WallSeconds);
        Console.WriteLine($"  all nodes: {F(merged.Count / wall, "0")} reports/s (expected ~{F(fleet.ExpectedReportsPerSecond, "0")}/s); latency ms {ScaleReport.LatencyLine(merged)}; " +
                          $"CPU {F(figures.Sum(f => f.CpuCores) * 100, "0.0")} % of one core in total; peak RSS {ScaleReport.MiB(figures.Sum(f => f.PeakRss))} in total, " +
                          $"{ScaleReport.MiB(figures.Max(f => f.PeakRss))} on the largest node");

        foreach (var (node, f) in nodes.Zip(figures))
        {
            Console.WriteLine($"\n  {node.Name} in detail:");
            if (f.Latency.Count > 0)
            {
                ScaleReport.PrintDetails(f, expectedPerSecond: null, "    "); // a node's share depends on placement
                ScaleReport.PrintTargets(f, "    ");
            }
            else
            {
                Console.WriteLine($"    idle (hosts no devices): CPU {F(f.CpuCores * 100, "0.0")} % of one core, peak RSS {ScaleReport.MiB(f.PeakRss)}, " +
                                  $"RSS at end {ScaleReport.MiB(f.After.WorkingSet)}, GC heap {ScaleReport.MiB(f.After.HeapSize)}");
            }
            var problems = node.Problems();
            Console.WriteLine($"    node log: {problems.Sum(p => p.Count)} warning/error line(s)" + (problems.Count == 0 ? "" : "; most frequent:"));
            foreach (var (line, count) in problems.Take(5)) Console.WriteLine($"      {count}× {Shorten(line)}");
        }
        Console.WriteLine($"\n  targets on every node (p99 < {ScaleReport.TargetP99Ms} ms, peak RSS < 1 GiB): {(allPass ? "PASS" : "FAIL")}");
        return allPass ? 0 : 1;
    }

    private static string Seconds(double? s) => s is { } x && !double.IsNaN(x) ? F(x, "0") + " s" : "never";

    private static string Shorten(string line) => line.Length <= 220 ? line : line[..220] + "…";
}
