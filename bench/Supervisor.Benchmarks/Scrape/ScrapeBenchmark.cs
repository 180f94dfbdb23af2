using System.Diagnostics;
using Akka.Actor;
using Supervisor.Actors.Metrics;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.Groups;
using Supervisor.Domain.Health;
using Supervisor.Domain.Metrics;
using Supervisor.Domain.Readings;
using Supervisor.Node.Http.Metrics;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.Scrape;

/// <summary>
/// <c>scrape</c>: the <c>/metrics</c> scrape alone, without a fleet polling beside it. The node's metrics consumer
/// (<see cref="MetricsActor"/>) is filled with one sample per device (a UPS reading with five measurements, groups of 10),
/// then the exporter is scraped N times in a row: ask the actor, write every series, render the text exposition
/// (Kestrel not included). Reports median / p95 / max scrape time, the time the actor spends answering, the body
/// size and the allocation per scrape. The scale bench's <c>--metrics on</c> measures the same with the fleet running.
/// </summary>
public static class ScrapeBenchmark
{
    public static async Task<int> RunAsync(Options options)
    {
        var devices = options.Int("devices", 10_000);
        var groupSize = options.Int("group-size", 10);
        var scrapes = options.Int("scrapes", 30);
        var warmup = options.Int("warmup", 3);
        var format = options.String("format", "prometheus") switch
        {
            "prometheus" => MetricsTextFormat.Prometheus,
            "openmetrics" => MetricsTextFormat.OpenMetrics,
            var other => throw new ArgumentException($"--format {other}: use prometheus or openmetrics"),
        };
        var dump = options.String("dump", ""); // a file to write the last scrape's text to (for promtool or a diff)
        options.RejectUnknown();

        Console.WriteLine($"scrape: {devices} devices in groups of {groupSize}, {warmup} warm-up scrapes, {scrapes} measured, {format} text; machine: {MachineLine()}");
        var system = ActorSystem.Create("scrape-bench", "akka.loglevel = WARNING");
        try
        {
            var ids = Enumerable.Range(0, devices).Select(i => $"ups-{i:D5}").ToList();
            var groups = ids.Chunk(groupSize).Select((members, i) => (Id: $"rack-{i:D4}", Members: (IReadOnlyList<string>)members)).ToList();
            var book = MetricsBook.For(ids, groups.Select(g => g.Id));
            var actor = system.ActorOf(Props.Create(() => new MetricsActor(book, groups.ToDictionary(g => g.Id, g => g.Members), new List<string>())), MetricsActor.Name);
            var now = DateTimeOffset.UtcNow;
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                var reading = new Reading(id, now, true, false, false, false, 90 + i % 10, 1200 + i, 30.5, 229.5, 300 + i % 50, "OL CHRG");
                actor.Tell(new DeviceSampled(id, "nut", reading, DeviceHealth.Healthy, "on line", null, now));
            }
            foreach (var g in groups) actor.Tell(new GroupSampled(g.Id, GroupState.Healthy, g.Members.Count, groupSize / 2, g.Members.Count, 1200, now));
            using var exporter = new MetricsExporter(actor, notifier: null, HttpMetricsSettings.Default);

            var times = new List<double>();
            var allocations = new List<long>();
            long bytes = 0;
            int series = 0;
            using var body = new MemoryStream(); // kept across scrapes, as the exporter keeps its own: the text is not garbage of a scrape
            for (var i = 0; i < warmup + scrapes; i++)
            {
                body.SetLength(0);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                await exporter.WriteAsync(body, format, CancellationToken.None);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                var garbage = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                if (i < warmup) continue;
                times.Add(ms);
                allocations.Add(garbage);
                bytes = body.Length;
                if (dump.Length > 0) await File.WriteAllBytesAsync(dump, body.ToArray());
                series = Scale.MetricsScraper.SeriesIn(body);
            }
            var askTimes = new List<double>();
            for (var i = 0; i < scrapes; i++)
            {
                var started = Stopwatch.GetTimestamp();
                await actor.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, TimeSpan.FromSeconds(10));
                askTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var sorted = times.Order().ToArray();
            Console.WriteLine($"\nResult: {devices} devices, {series} series, {bytes / 1024} KiB of text per scrape ({MachineLine()})");
            Console.WriteLine($"  scrape (ask + write + text exposition, no HTTP): median {F(At(sorted, 0.5), "0.0")} ms, p95 {F(At(sorted, 0.95), "0.0")} ms, " +
                              $"max {F(sorted[^1], "0.0")} ms over {sorted.Length} scrapes (aim < 250 ms)");
            Console.WriteLine($"  allocated per scrape (the body's buffer is reused): median {allocations.Order().ElementAt(allocations.Count / 2) / 1024} KiB");
            Console.WriteLine($"  the actor's share (Ask for the snapshot alone): median {F(At([.. askTimes.Order()], 0.5), "0.00")} ms, max {F(askTimes.Max(), "0.00")} ms");
            return At(sorted, 0.5) < 250 ? 0 : 1;
        }
        finally
        {
            await system.Terminate();
        }
    }

    private static double At(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
