using System.Diagnostics;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// This process's counters at one instant (CPU, memory, GC, thread pool). Two of them bracket the measured window;
/// a node sends both to the parent as JSON, so the parent computes every node's figures the same way as in process.
/// </summary>
public sealed record ProcessSnapshot(DateTime Wall, TimeSpan Cpu, long PeakWorkingSet, long WorkingSet, long HeapSize, int Gen0, int Gen1, int Gen2,
    TimeSpan GcPause, long Allocated, int Threads, long WorkItems, long Pending)
{
    public static ProcessSnapshot Take()
    {
        using var p = Process.GetCurrentProcess();
        return new ProcessSnapshot(DateTime.UtcNow, p.TotalProcessorTime, p.PeakWorkingSet64, p.WorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes,
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
            ThreadPool.ThreadCount, ThreadPool.CompletedWorkItemCount, ThreadPool.PendingWorkItemCount);
    }
}

/// <summary>What one process did in the window: its histograms plus the difference of two snapshots.</summary>
public sealed record WindowFigures(LogHistogram Latency, LogHistogram Polls, ProcessSnapshot Before, ProcessSnapshot After)
{
    public double WallSeconds => (After.Wall - Before.Wall).TotalSeconds;
    public double ReportsPerSecond => Latency.Count / WallSeconds;
    /// <summary>CPU time over wall time: 1.0 = one core busy all the time.</summary>
    public double CpuCores => (After.Cpu - Before.Cpu).TotalSeconds / WallSeconds;
    public double CpuMicrosPerReport => (After.Cpu - Before.Cpu).TotalMilliseconds * 1000 / Math.Max(1, Latency.Count);
    public double GcPauseSeconds => (After.GcPause - Before.GcPause).TotalSeconds;
    public long AllocatedBytes => After.Allocated - Before.Allocated;
    /// <summary>VmHWM: includes start-up.</summary>
    public long PeakRss => After.PeakWorkingSet;
    public double P99 => Latency.Percentile(0.99);
}
