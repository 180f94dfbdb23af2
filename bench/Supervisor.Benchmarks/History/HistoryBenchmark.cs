using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using Supervisor.Domain.History;
using Supervisor.History.Query;
using Supervisor.History.Store;
using Supervisor.Tests.RealServers;
using static Supervisor.Benchmarks.Stats;

namespace Supervisor.Benchmarks.History;

/// <summary>
/// <c>history</c>: the history store's ingest rate, query latency on a pre-filled fleet, and disk per device per day.
/// Runs the real <see cref="HistoryWriter"/> (the code the writer actor runs on its I/O thread) and <see cref="HistoryQuery"/>.
/// </summary>
public static class HistoryBenchmark
{
    private const double IngestTarget = 100_000, QueryTargetMs = 50;

    public static async Task<int> RunAsync(Options o)
    {
        var backends = o.String("backend", "both");
        var devices = o.Int("devices", 100);
        var ingestSeconds = o.Int("ingest-seconds", 20);
        var batch = o.Int("batch", 1000);
        var fleetInterval = o.Int("fleet-interval", 30);
        var runs = o.Int("runs", 20);
        var parts = o.String("parts", "ingest,disk,queries").Split(',');
        o.RejectUnknown();
        _parts = parts.ToHashSet();
        Console.WriteLine($"history: {MachineLine()}");
        Console.WriteLine($"fleet {devices} devices x {HistoryFleet.RowsPerSample} rows per poll; batches of {batch} polls ({batch * HistoryFleet.RowsPerSample} rows)");
        var ok = true;
        if (backends is "both" or "sqlite")
        {
            var dir = Directory.CreateTempSubdirectory("supervisor-bench-history-").FullName;
            try { ok &= await RunOne("SQLite (WAL, synchronous=NORMAL)", () => Fresh(dir), devices, ingestSeconds, batch, fleetInterval, runs); }
            finally { SqliteConnection.ClearAllPools(); Directory.Delete(dir, true); }
        }
        if (backends is "both" or "postgresql")
        {
            await using var pg = new PostgresServer();
            await pg.InitializeAsync();
            ok &= await RunOne("PostgreSQL 15 (throw-away server: fsync off, synchronous_commit off)",
                async () => new PostgresHistoryBackend(await pg.CreateDatabaseAsync()), devices, ingestSeconds, batch, fleetInterval, runs);
            NpgsqlConnection.ClearAllPools();
        }
        Console.WriteLine($"history: {(ok ? "PASS" : "FAIL")} ({MachineLine()})");
        return ok ? 0 : 1;
    }

    private static int _fresh;
    private static HashSet<string> _parts = [];

    private static Task<IHistoryBackend> Fresh(string root) =>
        Task.FromResult<IHistoryBackend>(new SqliteHistoryBackend(Path.Combine(root, $"db{Interlocked.Increment(ref _fresh)}")));

    private static async Task<bool> RunOne(string name, Func<Task<IHistoryBackend>> fresh, int devices, int ingestSeconds, int batch, int fleetInterval, int runs)
    {
        Console.WriteLine($"\n== {name}");
        var ok = true;
        if (_parts.Contains("ingest")) ok &= Ingest(await fresh(), devices, ingestSeconds, batch);
        if (_parts.Contains("disk")) await Disk(await fresh(), batch);
        if (_parts.Contains("queries")) ok &= await Queries(await fresh(), devices, batch, fleetInterval, runs);
        return ok;
    }

    /// <summary>Writes the fleet's polls as fast as batches go for <paramref name="seconds"/>; reports the mean and the slowest 5 s window.</summary>
    private static bool Ingest(IHistoryBackend backend, int devices, int seconds, int batch)
    {
        backend.Prepare(DateTimeOffset.UtcNow);
        using var w = new HistoryWriter(backend);
        var start = DateTimeOffset.UtcNow - TimeSpan.FromSeconds(seconds * 10);
        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var windows = new List<double>();
        long rows = 0, windowRows = 0, i = 0;
        var windowStart = TimeSpan.Zero;
        var facts = new List<Domain.Events.IFleetFact>(batch);
        while (clock.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            facts.Clear();
            for (var k = 0; k < batch; k++, i++) facts.Add(HistoryFleet.Sample((int)(i % devices), start.AddMilliseconds(i / devices * 100), (int)(i / devices)));
            var n = w.Write(facts).NewRows;
            rows += n;
            windowRows += n;
            if (clock.Elapsed - windowStart >= TimeSpan.FromSeconds(5))
            {
                windows.Add(windowRows / (clock.Elapsed - windowStart).TotalSeconds);
                windowRows = 0;
                windowStart = clock.Elapsed;
            }
        }
        var rate = rows / clock.Elapsed.TotalSeconds;
        process.Refresh();
        // Rows per CPU-second of this process (PostgreSQL's own server time is not in it): what a core would do unshared.
        var perCpu = rows / (process.TotalProcessorTime - cpu0).TotalSeconds;
        var worst = windows.Count > 0 ? windows.Min() : rate;
        var pass = worst >= IngestTarget;
        Console.WriteLine($"ingest: {rows:N0} rows ({i:N0} polls) in {F(clock.Elapsed.TotalSeconds, "0.0")} s = {F(rate, "N0")} rows/s " +
                          $"({F(rate / HistoryFleet.RowsPerSample, "N0")} polls/s); slowest 5 s window {F(worst, "N0")} rows/s (each window: {string.Join(" ", windows.Select(x => F(x / 1000, "0") + "k"))}); {F(perCpu, "N0")} rows per CPU-second of this process; target >= {IngestTarget:N0} rows/s sustained: {(pass ? "PASS" : "FAIL")}");
        return pass;
    }

    /// <summary>One device polled every second for a whole day: the bytes its raw rows take, then what aggregation adds.</summary>
    private static async Task Disk(IHistoryBackend backend, int batch)
    {
        var end = DateTimeOffset.UtcNow;
        backend.Prepare(end);
        var empty = await Size(backend);
        using var w = new HistoryWriter(backend);
        var rows = HistoryFleet.WriteRaw(w, [0], end, TimeSpan.FromSeconds(1), 86_400, batch);
        var raw = await Size(backend);
        var t = Stopwatch.StartNew();
        w.BeginMaintenance(RetentionCutoffs.For(end, HistoryRetention.Default));
        var steps = 1;
        while (w.MaintenanceStep()) steps++;
        var aggregated = await Size(backend);
        Console.WriteLine($"disk per device per day at 1 Hz: raw {F((raw - empty) / 1e6, "0.0")} MB ({rows:N0} rows, {F((raw - empty) / (double)rows, "0.0")} B/row); " +
                          $"5-minute + hourly aggregates {F((aggregated - raw) / 1e6, "0.00")} MB; aggregating the day took {F(t.Elapsed.TotalSeconds, "0.0")} s in {steps} steps");
    }

    private static async Task<bool> Queries(IHistoryBackend backend, int devices, int batch, int fleetInterval, int runs)
    {
        var end = DateTimeOffset.UtcNow;
        backend.Prepare(end);
        var fill = Stopwatch.StartNew();
        long raw;
        using (var w = new HistoryWriter(backend))
        {
            raw = HistoryFleet.WriteRaw(w, [0], end, TimeSpan.FromSeconds(1), 86_400, batch);
            raw += HistoryFleet.WriteRaw(w, Enumerable.Range(1, devices - 1), end, TimeSpan.FromSeconds(fleetInterval), 86_400 / fleetInterval, batch);
        }
        var hourly = HistoryFleet.FillAggregates(backend, "agg_1h", Buckets.HourMs, end, 30);
        var five = HistoryFleet.FillAggregates(backend, "agg_5m", Buckets.FiveMinuteMs, end, 2);
        Console.WriteLine($"pre-fill: {raw:N0} raw rows (ups-000 at 1 Hz, {devices - 1} more devices every {fleetInterval} s, 24 h), " +
                          $"{hourly:N0} hourly rows (30 d), {five:N0} 5-minute rows (2 d), all series; {F(fill.Elapsed.TotalSeconds, "0")} s; db {F(await Size(backend) / 1e6, "0")} MB");

        var q = new HistoryQuery(backend, HistoryRetention.Default);
        var ok = true;
        ok &= await Time(runs, "24 h raw, one metric (power), downsampled to 1000 points", async () =>
            await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-000", "power", end.AddHours(-24), end, MaxPoints: 1000)), HistoryTier.Raw);
        ok &= await Time(runs, "30 d hourly, one metric (power), 720 points", async () =>
            await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-000", "power", end.AddDays(-30), end, MaxPoints: 720)), HistoryTier.Hourly);
        var metrics = HistoryMetrics.DeviceMetrics.Where(m => m.Name != "relay-on").Select(m => m.Name).ToList();
        await Time(runs, $"30 d hourly, all {metrics.Count} metrics of one device (sum of {metrics.Count} queries)", async () =>
        {
            SeriesAnswer last = null!;
            foreach (var m in metrics) last = await q.SeriesAsync(new SeriesRequest(SeriesSubjectKind.Device, "ups-000", m, end.AddDays(-30), end, MaxPoints: 720));
            return last;
        }, HistoryTier.Hourly, target: false);
        return ok;
    }

    private static async Task<bool> Time(int runs, string what, Func<Task<SeriesAnswer>> query, HistoryTier expected, bool target = true)
    {
        for (var i = 0; i < 2; i++) await query(); // warm-up: JIT, pool, page cache
        var ms = new List<double>();
        var cpu = new List<double>();
        SeriesAnswer answer = null!;
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var t = Stopwatch.StartNew();
            answer = await query();
            ms.Add(t.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpu0).TotalMilliseconds); // what the query cost, whatever the machine's load did to wall time
        }
        var rows = answer.Points.Sum(p => p.Count);
        var pass = !target || (Median(ms) < QueryTargetMs && answer.Tier == expected);
        Console.WriteLine($"query {what}: tier {answer.Tier}, {answer.Points.Count} points from {rows:N0} stored samples; median {F(Median(ms), "0.0")} ms, " +
                          $"max {F(ms.Max(), "0.0")} ms over {runs} runs (CPU median {F(Median(cpu), "0.0")} ms){(target ? $"; target < {QueryTargetMs} ms: {(pass ? "PASS" : "FAIL")}" : "")}");
        return pass;
    }

    /// <summary>Bytes the store takes: the SQLite file after a WAL checkpoint, or the stats_ tables with their indexes.</summary>
    private static async Task<long> Size(IHistoryBackend backend)
    {
        await using var c = await backend.OpenReaderAsync(default);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = backend.Dialect.IsPostgres
            ? "SELECT sum(pg_total_relation_size(oid)) FROM pg_class WHERE relname LIKE 'stats\\_%' AND relkind = 'r'"
            : "PRAGMA wal_checkpoint(TRUNCATE)";
        var v = await cmd.ExecuteScalarAsync();
        if (backend.Dialect.IsPostgres) return Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        return new FileInfo(backend.Where).Length;
    }
}
