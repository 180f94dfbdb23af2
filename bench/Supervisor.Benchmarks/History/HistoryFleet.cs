using System.Data.Common;
using System.Globalization;
using Supervisor.Domain.Events;
using Supervisor.Domain.Health;
using Supervisor.Domain.History;
using Supervisor.Domain.Readings;
using Supervisor.History.Store;

namespace Supervisor.Benchmarks.History;

/// <summary>A simulated fleet's facts and a pre-filled history store (raw samples through the real writer, aggregates written directly).</summary>
internal static class HistoryFleet
{
    /// <summary>One UPS poll with every metric a rich device reports: 12 measurements and flags, plus health and poll-failed (14 rows).</summary>
    public static DeviceSampled Sample(int device, DateTimeOffset at, int i)
    {
        var id = $"ups-{device:000}";
        var wave = Math.Sin(i / 600.0);
        var reading = new Reading(id, at, true, false, false, false, 95 + 5 * wave, 1800 + 60 * wave, 40 + 10 * wave, 230 + wave, 400 + 50 * wave, "OL")
            { CurrentAmps = 1.7 + 0.2 * wave, FrequencyHz = 50 + 0.05 * wave, EnergyKwh = i * 400 / 3_600_000.0, RelayOn = true };
        return new DeviceSampled(id, "nut", reading, DeviceHealth.Healthy, "on line", null, at);
    }

    public static int RowsPerSample => SampleMetrics.FromDevice(Sample(0, DateTimeOffset.UnixEpoch, 0)).Count();

    /// <summary>Writes <paramref name="samples"/> polls of each device, <paramref name="interval"/> apart, ending at <paramref name="end"/>, in batches.</summary>
    public static long WriteRaw(HistoryWriter writer, IEnumerable<int> devices, DateTimeOffset end, TimeSpan interval, int samples, int batch)
    {
        var ids = devices.ToArray();
        var facts = new List<IFleetFact>(batch);
        long rows = 0;
        for (var i = 0; i < samples; i++)
        {
            var at = end - interval * (samples - i);
            foreach (var d in ids)
            {
                facts.Add(Sample(d, at, i));
                if (facts.Count == batch) { rows += writer.Write(facts).NewRows; facts.Clear(); }
            }
        }
        if (facts.Count > 0) rows += writer.Write(facts).NewRows;
        return rows;
    }

    /// <summary>
    /// Fills <paramref name="table"/> (agg_5m or agg_1h) for every series over <paramref name="days"/> before <paramref name="end"/>
    /// with plausible rows, straight into the table (what months of aggregation would have left), 10 000 rows per transaction.
    /// </summary>
    public static long FillAggregates(IHistoryBackend backend, string table, long widthMs, DateTimeOffset end, int days)
    {
        using var c = backend.OpenWriter();
        var series = new List<long>();
        using (var list = c.CreateCommand())
        {
            list.CommandText = backend.Dialect.Sql("SELECT id FROM {p}series");
            using var r = list.ExecuteReader();
            while (r.Read()) series.Add(r.GetInt64(0));
        }
        using var insert = c.CreateCommand();
        insert.CommandText = backend.Dialect.Sql($"INSERT INTO {{p}}{table} VALUES (@s, @b, @min, @max, @avg, @avg, @n, NULL) ON CONFLICT DO NOTHING");
        var ps = new[] { ("@s", System.Data.DbType.Int64), ("@b", System.Data.DbType.Int64), ("@min", System.Data.DbType.Double),
            ("@max", System.Data.DbType.Double), ("@avg", System.Data.DbType.Double), ("@n", System.Data.DbType.Int64) }
            .Select(p => { var x = insert.CreateParameter(); x.ParameterName = p.Item1; x.DbType = p.Item2; insert.Parameters.Add(x); return x; }).ToArray();
        var last = Buckets.Start(end.ToUnixTimeMilliseconds(), widthMs);
        var first = last - days * 24 * Buckets.HourMs;
        DbTransaction? tx = null;
        long rows = 0, n = 0;
        foreach (var s in series)
            for (var b = first; b < last; b += widthMs)
            {
                if (n++ % 10_000 == 0) { tx?.Commit(); tx = c.BeginTransaction(); insert.Transaction = tx; }
                var v = 50 + 10 * Math.Sin(b / 3_600_000.0);
                ps[0].Value = s; ps[1].Value = b; ps[2].Value = v - 5; ps[3].Value = v + 5; ps[4].Value = v; ps[5].Value = widthMs / 1000;
                rows += insert.ExecuteNonQuery();
            }
        tx?.Commit();
        return rows;
    }
}
