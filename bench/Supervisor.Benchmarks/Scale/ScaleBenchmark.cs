using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
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
/// CPU, peak RSS, GC and thread-pool figures. With <c>--nodes</c> or <c>--placement</c> the same fleet runs on
/// real cluster nodes in child processes instead (<see cref="ClusterScaleBenchmark"/>).
/// </summary>
public static class ScaleBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        if (ClusterScaleBenchmark.IsRequested(options)) return await ClusterScaleBenchmark.RunAsync(options);

        var fleet = SimulatedFleet.FromOptions(options);
        var warmup = options.Double("warmup", 20);
        var duration = options.Double("duration", 60);
        var sampleEvery = options.Int("sample", 5);
        var history = options.String("history", "off") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--history {other}: use on or off"),
        };
        // The writer's supervisor.stats.batch-size / queue-size, to try other values than reference.conf's (0: reference.conf's).
        var statsBatch = options.Int("stats-batch", 0);
        var statsQueue = options.Int("stats-queue", 0);
        var metrics = options.String("metrics", "off") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--metrics {other}: use on or off"),
        };
        var mqtt = options.String("mqtt", "off") switch
        {
            "on" => true,
            "off" => false,
            var other => throw new ArgumentException($"--mqtt {other}: use on or off"),
        };
        options.RejectUnknown();

        Console.WriteLine($"scale: {fleet.Describe()}; warm-up {warmup} s, window {duration} s; history store {(history ? "on (SQLite stats.db)" : "off")}; metrics {(metrics ? "on (scraped on every progress line)" : "off")}; " +
                          $"mqtt {(mqtt ? "on (a real mosquitto, min-interval 10 s, a subscriber counting)" : "off")}");
        Console.WriteLine($"machine: {MachineLine()}; GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, " +
                          $"latency mode {System.Runtime.GCSettings.LatencyMode}");

        var dataDir = Path.Combine(Path.GetTempPath(), $"bench-scale-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(dataDir);
        var total = Stopwatch.StartNew();
        var settings = fleet.Load(dataDir);
        var stats = settings.Stats with
        {
            BatchSize = statsBatch > 0 ? statsBatch : settings.Stats.BatchSize, QueueSize = statsQueue > 0 ? statsQueue : settings.Stats.QueueSize,
        };
        if (history) Console.WriteLine($"history store: batch-size {stats.BatchSize}, queue-size {stats.QueueSize}, flush-interval {stats.FlushInterval.TotalMilliseconds} ms");
        Console.WriteLine($"config loaded and validated in {F(total.Elapsed.TotalSeconds, "0.0")} s");

        using var meters = new FleetMeters();
        var akka = ConfigurationFactory.ParseString("""
            # Production logs at INFO; at this size start-up alone would print ~12 000 lines. Nothing is logged in steady state either way.
            akka.loglevel = WARNING
            akka.log-dead-letters = 0
            """).WithFallback(SupervisorHocon.Essentials(dataDir));
        var system = ActorSystem.Create("supervisor", akka);
        // As production does on a supervisor node: the writer subscribes before the fleet publishes its first sample.
        var writer = history
            ? system.ActorOf(Supervisor.History.Writer.StatsWriterActor.Props(new Supervisor.History.Store.SqliteHistoryBackend(dataDir), stats), "stats-writer")
            : null;
        using var scraper = metrics ? new MetricsScraper(system, settings) : null;
        await using var mqttRun = mqtt ? await MqttLoad.StartAsync(system, settings) : null;
        var started = Stopwatch.StartNew();
        system.ActorOf(SupervisorRootActor.Props(settings, d => DeviceDriverFactory.Create(d, TimeProvider.System), ActorRefs.Nobody), "supervisor");

        var sampler = new InProcessSampler(meters.Latency, fleet.ExpectedReportsPerSecond, writer is null && scraper is null ? null : async () =>
        {
            var line = scraper is null ? "" : await scraper.ScrapeAsync();
            if (writer is null) return line;
            var h = await writer.Ask<Supervisor.History.Writer.HistoryStatus>(Supervisor.History.Writer.GetHistoryStatus.Instance, TimeSpan.FromSeconds(10));
            return $"history queued {h.Queued}, dropped {h.DroppedSamples}, written {h.FactsWritten}" + (line.Length > 0 ? "; " + line : "");
        });
        var steadyAfter = await sampler.RunAsync(TimeSpan.FromSeconds(warmup), sampleEvery, "warm-up", started);

        var before = ProcessSnapshot.Take();
        meters.StartWindow();
        if (scraper is not null) scraper.InWindow = true;
        mqttRun?.StartWindow();
        await sampler.RunAsync(TimeSpan.FromSeconds(duration), sampleEvery, "window", started);
        var after = ProcessSnapshot.Take();
        var (latency, polls) = meters.StopWindow();
        if (writer is not null)
        {
            var h = await writer.Ask<Supervisor.History.Writer.HistoryStatus>(Supervisor.History.Writer.GetHistoryStatus.Instance, TimeSpan.FromSeconds(10));
            Console.WriteLine($"history: {h}");
        }

        await system.Terminate();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { /* best effort */ }

        var figures = new WindowFigures(latency, polls, before, after);
        Console.WriteLine($"\nResult: {fleet.Devices} devices, {fleet.Groups} groups of {fleet.GroupSize}, poll {fleet.PollSeconds} s, " +
                          $"window {F(figures.WallSeconds, "0.0")} s ({MachineLine()})");
        Console.WriteLine($"  start-up: report rate within 10 % of expected after {(steadyAfter is { } s ? F(s, "0") + " s" : "never during warm-up")}");
        ScaleReport.PrintDetails(figures, fleet.ExpectedReportsPerSecond);
        if (scraper is not null) Console.WriteLine(scraper.Summary());
        if (mqttRun is not null) Console.WriteLine(mqttRun.Summary(figures.WallSeconds));
        Console.WriteLine($"  sampler oversleep (load indicator) p50 {F(sampler.OversleepMs(0.5), "0.0")} ms, max {F(sampler.OversleepMs(1), "0.0")} ms\n");
        return ScaleReport.PrintTargets(figures) ? 0 : 1;
    }
}
