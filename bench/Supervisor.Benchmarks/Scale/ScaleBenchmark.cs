using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Supervisor.Actors.Configuration;
using Supervisor.Actors.Diagnostics;
using Supervisor.Actors.Hosting;
using Supervisor.Actors.Supervision;
using Supervisor.Drivers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scale;

/// <summary>
/// N simulated steady devices polled every poll-interval, in groups of --group-size, in one in-process
/// ActorSystem with production's essentials (serializer + SQLite journal in a temp dir) running the real
/// <see cref="SupervisorRootActor"/>. After a warm-up, measures over a window: report latency (device report
/// made → its group handling it, from the <c>supervisor.group.report_latency</c> histogram), poll duration,
/// CPU, peak RSS, GC and thread-pool figures.
/// </summary>
public static class ScaleBenchmark
{
    private const double TargetP99Ms = 100;
    private const long TargetRssBytes = 1L << 30;

    public static async Task<int> RunAsync(Options options)
    {
        var devices = options.Int("devices", 10_000);
        var groupSize = options.Int("group-size", 10);
        var minHealthy = options.Int("min-healthy", Math.Max(1, groupSize / 2));
        var poll = options.Double("poll-interval", 1);
        var warmup = options.Double("warmup", 20);
        var duration = options.Double("duration", 60);
        var sampleEvery = options.Int("sample", 5);
        options.RejectUnknown();
        if (devices < groupSize || devices % groupSize != 0) throw new ArgumentException("--devices must be a multiple of --group-size");
        var groups = devices / groupSize;

        Console.WriteLine($"scale: {devices} simulated devices (poll {poll} s) in {groups} groups of {groupSize} (min-healthy {minHealthy}); " +
                          $"warm-up {warmup} s, window {duration} s");
        Console.WriteLine($"machine: {MachineLine()}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, " +
                          $"latency mode {System.Runtime.GCSettings.LatencyMode}");

        var dataDir = Path.Combine(Path.GetTempPath(), $"bench-scale-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dataDir);
        var total = Stopwatch.StartNew();
        var settings = LoadSettings(dataDir, devices, groupSize, minHealthy, poll);
        Console.WriteLine($"config loaded and validated in {F(total.Elapsed.TotalSeconds, "0.0")} s");

        var latency = new Window();
        var pollDuration = new Window();
        using var listener = Listen(latency, pollDuration);

        var akka = ConfigurationFactory.ParseString("""
            # Production logs at INFO; at this size start-up alone would print ~12 000 lines. Nothing is logged in steady state either way.
            akka.loglevel = WARNING
            akka.log-dead-letters = 0
            """).WithFallback(SupervisorHocon.Essentials(dataDir));
        var system = ActorSystem.Create("supervisor", akka);
        var started = Stopwatch.StartNew();
        system.ActorOf(SupervisorRootActor.Props(settings, d => DeviceDriverFactory.Create(d, TimeProvider.System), ActorRefs.Nobody), "supervisor");

        var expectedPerSecond = devices / poll; // every device reports to its one group after every poll
        var sampler = new Sampler(latency, expectedPerSecond);
        var steadyAfter = await sampler.RunAsync(TimeSpan.FromSeconds(warmup), sampleEvery, "warm-up", started);

        var before = Snapshot.Take();
        latency.StartWindow();
        pollDuration.StartWindow();
        await sampler.RunAsync(TimeSpan.FromSeconds(duration), sampleEvery, "window", started);
        var after = Snapshot.Take();
        var reportLatency = latency.StopWindow();
        var polls = pollDuration.StopWindow();

        await system.Terminate();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { /* best effort */ }

        return Print(devices, groups, groupSize, poll, duration, steadyAfter, expectedPerSecond, reportLatency, polls, before, after, sampler);
    }

    /// <summary>Three significant digits: report latencies run from microseconds (same-thread hand-off) to seconds.</summary>
    private static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms >= 100 ? "0" : "G3", System.Globalization.CultureInfo.InvariantCulture);

    private static Supervisor.Domain.Configuration.SupervisorSettings LoadSettings(string dataDir, int devices, int groupSize, int minHealthy, double poll)
    {
        var hocon = new StringBuilder();
        hocon.Append($"supervisor {{\n  data-dir = \"{dataDir}\"\n  devices {{\n");
        for (var d = 0; d < devices; d++)
            hocon.Append($"    dev-{d:D5} {{ driver = simulated, profile = steady, poll-interval = {poll}s }}\n");
        hocon.Append("  }\n  groups {\n");
        for (var g = 0; g < devices / groupSize; g++)
        {
            var members = string.Join(", ", Enumerable.Range(g * groupSize, groupSize).Select(d => $"dev-{d:D5}"));
            hocon.Append($"    g-{g:D4} {{ members = [{members}], min-healthy = {minHealthy}, " +
                         "shutdown.phases = [ { name = local-host, steps = [ { host = bench-host, action = poweroff, timeout = 30s } ] } ] }\n");
        }
        hocon.Append("  }\n}\n");
        var parse = Stopwatch.StartNew();
        var config = ConfigurationFactory.ParseString(hocon.ToString());
        var parsed = parse.Elapsed;
        var result = SupervisorConfigLoader.Load(config);
        Console.WriteLine($"config: {hocon.Length / 1024} KiB of HOCON parsed in {F(parsed.TotalSeconds, "0.00")} s, loaded + validated in {F((parse.Elapsed - parsed).TotalSeconds, "0.00")} s");
        if (result.Settings is null)
            throw new InvalidOperationException("generated config is invalid: " + string.Join("; ", result.Errors.Take(5).Select(e => $"{e.Path}: {e.Message}")));
        return result.Settings;
    }

    /// <summary>Routes both Supervisor histograms into our own lock-free histograms (the callback runs on actor threads).</summary>
    private static MeterListener Listen(Window latency, Window pollDuration)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SupervisorMeters.MeterName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == SupervisorMeters.ReportLatencyName) latency.Record(value);
            else if (instrument.Name == SupervisorMeters.PollDurationName) pollDuration.Record(value);
        });
        listener.Start();
        return listener;
    }

    private static int Print(int devices, int groups, int groupSize, double poll, double duration, double? steadyAfter, double expectedPerSecond,
        LogHistogram latency, LogHistogram polls, Snapshot before, Snapshot after, Sampler sampler)
    {
        var wall = (after.Wall - before.Wall).TotalSeconds;
        var cpu = (after.Cpu - before.Cpu).TotalSeconds / wall;
        var gcPause = (after.GcPause - before.GcPause).TotalSeconds;
        var allocated = after.Allocated - before.Allocated;
        var p99 = latency.Percentile(0.99);
        var peak = after.PeakWorkingSet;

        Console.WriteLine($"\nResult: {devices} devices, {groups} groups of {groupSize}, poll {poll} s, window {F(wall, "0.0")} s ({MachineLine()})");
        Console.WriteLine($"  start-up: report rate within 10 % of expected after {(steadyAfter is { } s ? F(s, "0") + " s" : "never during warm-up")}");
        Console.WriteLine($"  reports handled by groups: {latency.Count} = {F(latency.Count / wall, "0")}/s (expected ~{F(expectedPerSecond, "0")}/s)");
        Console.WriteLine($"  report latency (report made -> group handles it), ms: p50 {Ms(latency.Percentile(0.5))}  p90 {Ms(latency.Percentile(0.9))}  " +
                          $"p99 {Ms(p99)}  p99.9 {Ms(latency.Percentile(0.999))}  max {Ms(latency.Max)}");
        Console.WriteLine($"  poll duration (simulated driver read), ms: p50 {Ms(polls.Percentile(0.5))}  p99 {Ms(polls.Percentile(0.99))}  " +
                          $"max {Ms(polls.Max)}  ({polls.Count} polls = {F(polls.Count / wall, "0")}/s)");
        Console.WriteLine($"  CPU: {F(cpu * 100, "0.0")} % of one core ({F(cpu * 100 / Environment.ProcessorCount, "0.0")} % of {Environment.ProcessorCount} cores); " +
                          $"{F((after.Cpu - before.Cpu).TotalMilliseconds * 1000 / Math.Max(1, latency.Count), "0.0")} µs CPU per report");
        Console.WriteLine($"  memory: peak RSS {after.PeakWorkingSet / 1048576} MiB (whole run incl. start-up), RSS at end {after.WorkingSet / 1048576} MiB, " +
                          $"GC heap {after.HeapSize / 1048576} MiB");
        Console.WriteLine($"  GC in window: gen0 {after.Gen0 - before.Gen0}, gen1 {after.Gen1 - before.Gen1}, gen2 {after.Gen2 - before.Gen2}; " +
                          $"pause {F(gcPause * 1000, "0")} ms ({F(gcPause / wall * 100, "0.00")} % of wall); allocated {F(allocated / 1048576.0 / wall, "0.0")} MiB/s " +
                          $"= {F((double)allocated / Math.Max(1, latency.Count), "0")} B per report");
        Console.WriteLine($"  thread pool: {after.Threads} threads, {F((after.WorkItems - before.WorkItems) / wall, "0")} work items/s, " +
                          $"{after.Pending} pending at end; sampler oversleep (load indicator) p50 {F(sampler.OversleepMs(0.5), "0.0")} ms, max {F(sampler.OversleepMs(1), "0.0")} ms");
        var p99Ok = p99 < TargetP99Ms;
        var rssOk = peak < TargetRssBytes;
        Console.WriteLine($"\n  target p99 < {TargetP99Ms} ms: {Ms(p99)} ms -> {(p99Ok ? "PASS" : "FAIL")}");
        Console.WriteLine($"  target peak RSS < 1 GiB: {peak / 1048576} MiB -> {(rssOk ? "PASS" : "FAIL")}");
        return p99Ok && rssOk ? 0 : 1;
    }

    /// <summary>A histogram that only counts inside the measured window, plus one per sampling interval for the progress lines.</summary>
    private sealed class Window
    {
        private volatile LogHistogram? _window;
        private LogHistogram _interval = new();

        public void Record(double ms)
        {
            _window?.Record(ms);
            Volatile.Read(ref _interval).Record(ms);
        }

        public void StartWindow() => _window = new LogHistogram();

        public LogHistogram StopWindow()
        {
            var w = _window!;
            _window = null;
            return w;
        }

        public LogHistogram SwapInterval() => Interlocked.Exchange(ref _interval, new LogHistogram());
    }

    /// <summary>Prints a progress line every few seconds and measures how late its own 1 s sleeps wake (a load indicator).</summary>
    private sealed class Sampler(Window latency, double expectedPerSecond)
    {
        private readonly List<double> _oversleep = [];
        private double? _steadyAfter;

        public double OversleepMs(double p)
        {
            if (_oversleep.Count == 0) return double.NaN;
            var s = _oversleep.Order().ToArray();
            return s[Math.Min(s.Length - 1, (int)Math.Ceiling(p * s.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(p * s.Length) - 1)];
        }

        public async Task<double?> RunAsync(TimeSpan length, int printEvery, string phase, Stopwatch sinceStart)
        {
            var until = Stopwatch.StartNew();
            var proc = Process.GetCurrentProcess();
            var lastCpu = proc.TotalProcessorTime;
            var lastWall = Stopwatch.GetTimestamp();
            var tick = 0;
            var count = 0L;
            while (until.Elapsed < length)
            {
                var sleepStart = Stopwatch.GetTimestamp();
                await Task.Delay(1000);
                var slept = Stopwatch.GetElapsedTime(sleepStart).TotalMilliseconds;
                lock (_oversleep) _oversleep.Add(Math.Max(0, slept - 1000));
                tick++;
                if (tick % printEvery != 0 && until.Elapsed < length) continue;
                var interval = latency.SwapInterval();
                proc.Refresh();
                var wall = Stopwatch.GetElapsedTime(lastWall).TotalSeconds;
                var cpu = (proc.TotalProcessorTime - lastCpu).TotalSeconds / wall;
                lastCpu = proc.TotalProcessorTime;
                lastWall = Stopwatch.GetTimestamp();
                count = interval.Count;
                var rate = count / wall;
                if (_steadyAfter is null && rate >= 0.9 * expectedPerSecond) _steadyAfter = sinceStart.Elapsed.TotalSeconds;
                Console.WriteLine($"  [{phase} {F(sinceStart.Elapsed.TotalSeconds, "0")} s] reports {F(rate, "0")}/s, latency p50 {Ms(interval.Percentile(0.5))} " +
                                  $"p99 {Ms(interval.Percentile(0.99))} max {Ms(interval.Max)} ms; CPU {F(cpu * 100, "0")} %; " +
                                  $"RSS {proc.WorkingSet64 / 1048576} MiB; GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}; " +
                                  $"pool {ThreadPool.ThreadCount} thr, {ThreadPool.PendingWorkItemCount} pending");
            }
            return _steadyAfter;
        }
    }

    private sealed record Snapshot(DateTime Wall, TimeSpan Cpu, long PeakWorkingSet, long WorkingSet, long HeapSize, int Gen0, int Gen1, int Gen2,
        TimeSpan GcPause, long Allocated, int Threads, long WorkItems, long Pending)
    {
        public static Snapshot Take()
        {
            var p = Process.GetCurrentProcess();
            p.Refresh();
            return new Snapshot(DateTime.UtcNow, p.TotalProcessorTime, p.PeakWorkingSet64, p.WorkingSet64, GC.GetGCMemoryInfo().HeapSizeBytes,
                GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(),
                ThreadPool.ThreadCount, ThreadPool.CompletedWorkItemCount, ThreadPool.PendingWorkItemCount);
        }
    }
}
