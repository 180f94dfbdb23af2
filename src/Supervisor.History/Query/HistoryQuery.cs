using System.Data;
using System.Data.Common;
using Supervisor.Domain.History;
using Supervisor.History.Store;

namespace Supervisor.History.Query;

/// <summary>
/// Reads the history store for the CLI, the inspector and later the web. A plain class: every method opens its own
/// (pooled) connection, so it is safe to call from any actor or thread, and it never shares the writer's connection.
/// Queries never lock out the writer (SQLite WAL; PostgreSQL MVCC).
/// </summary>
public sealed partial class HistoryQuery
{
    private readonly IHistoryBackend _backend;
    private readonly HistoryRetention _retention;
    private readonly TimeProvider _clock;

    public HistoryQuery(IHistoryBackend backend, HistoryRetention retention, TimeProvider? clock = null)
    {
        _backend = backend;
        _retention = retention;
        _clock = clock ?? TimeProvider.System;
    }

    private HistoryDialect D => _backend.Dialect;

    /// <summary>
    /// One metric of one subject over a window. The tier follows from the window (<see cref="TierChoice.For"/>): raw while
    /// <c>From</c> is within the raw retention, then 5-minute, else hourly, coarsened when a coarser tier still gives
    /// <c>MaxPoints</c>. The points are then downsampled to at most <c>MaxPoints</c> (min/max/avg/last per slot).
    /// </summary>
    public async Task<SeriesAnswer> SeriesAsync(SeriesRequest q, CancellationToken cancellationToken = default)
    {
        if (q.MaxPoints < 1) throw new ArgumentOutOfRangeException(nameof(q), q.MaxPoints, "MaxPoints must be at least 1");
        var tier = TierChoice.For(q.From, q.To, _clock.GetUtcNow(), _retention, q.MaxPoints);
        await using var connection = await _backend.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        long id;
        string unit;
        await using (var find = DbCommands.Create(connection, D.Sql("SELECT id, unit FROM {p}series WHERE subject_kind = @k AND subject_id = @s AND metric = @m"),
                         ("@k", DbType.String), ("@s", DbType.String), ("@m", DbType.String)))
        {
            find.Set(0, HistoryMetrics.KindText(q.Kind)).Set(1, q.SubjectId).Set(2, q.Metric);
            await using var r = await find.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false)) return new SeriesAnswer(q, tier, null, []);
            id = r.GetInt64(0);
            unit = r.GetString(1);
        }

        if (tier == HistoryTier.Raw) return new SeriesAnswer(q, tier, unit, await RawAsync(connection, id, q, cancellationToken).ConfigureAwait(false));

        // The bucket holding From starts before it; the window is widened to that start so the bucket is kept.
        var first = Buckets.Start(q.From.ToUnixTimeMilliseconds(), Buckets.WidthMs(tier));
        var windowStart = DateTimeOffset.FromUnixTimeMilliseconds(first);
        var table = tier == HistoryTier.FiveMinute ? "agg_5m" : "agg_1h";
        var points = new List<SeriesPoint>();
        await using (var agg = DbCommands.Create(connection,
                         D.Sql($"SELECT bucket, min, max, avg, last, count, sum FROM {{p}}{table} WHERE series = @s AND bucket >= @f AND bucket < @t ORDER BY bucket"),
                         ("@s", DbType.Int64), ("@f", DbType.Int64), ("@t", DbType.Int64)))
        {
            agg.Set(0, id).Set(1, first).Set(2, q.To.ToUnixTimeMilliseconds());
            await using var r = await agg.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                points.Add(new SeriesPoint(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(0)), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3),
                    r.GetDouble(4), r.GetInt64(5), r.IsDBNull(6) ? null : r.GetDouble(6)));
        }
        return new SeriesAnswer(q, tier, unit, Downsampling.Downsample(points, windowStart, q.To, q.MaxPoints));
    }

    /// <summary>
    /// Raw samples of the window, downsampled as <see cref="Downsampling.Downsample"/> does (the same <see cref="SlotMerger"/>,
    /// so the same points to the bit), in one pass over the (series, time) key in its own order: no sort, no point object per
    /// row. A day at 1 Hz is 86 400 rows; merging them in SQL with a GROUP BY on the slot made SQLite sort rows it already
    /// had in order (bench/README.md, history). When the window holds no more than <c>MaxPoints</c> samples they come back one by one.
    /// </summary>
    private async Task<IReadOnlyList<SeriesPoint>> RawAsync(DbConnection connection, long series, SeriesRequest q, CancellationToken cancellationToken)
    {
        if (D.IsPostgres)
        {
            // 1 000 merged rows cross the wire faster than 86 400 raw ones (bench/README.md, history: streaming cost Npgsql's
            // client 63 ms of CPU for a day at 1 Hz).
            var grouped = await RawSlotsGroupedAsync(connection, series, q, cancellationToken).ConfigureAwait(false);
            if (grouped.Sum(p => p.Count) > q.MaxPoints) return grouped;
        }
        await using var raw = DbCommands.Create(connection, D.Sql("SELECT time, value FROM {p}samples WHERE series = @s AND time >= @f AND time < @t ORDER BY time"),
            ("@s", DbType.Int64), ("@f", DbType.Int64), ("@t", DbType.Int64));
        raw.Set(0, series).Set(1, q.From.ToUnixTimeMilliseconds()).Set(2, q.To.ToUnixTimeMilliseconds());
        var slots = new SlotMerger(q.From, q.To, q.MaxPoints);
        List<SeriesPoint>? few = []; // the samples themselves, while there are no more than MaxPoints of them
        await using var r = await raw.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long time = r.GetInt64(0);
            var value = r.GetDouble(1);
            slots.AddRaw(time, value);
            if (few is null) continue;
            if (few.Count < q.MaxPoints) few.Add(SeriesPoint.Raw(DateTimeOffset.FromUnixTimeMilliseconds(time), value));
            else few = null;
        }
        return few ?? slots.Finish();
    }

    /// <summary>Every device's last 24 h (charge, load, power: min/avg/max; time on battery), from the 5-minute tier, by device id.
    /// Time on battery counts on-battery samples against the sample count of the fullest bucket, so a partly filled bucket is not a whole 5 minutes.</summary>
    public async Task<IReadOnlyList<DeviceDaySummary>> DeviceDaySummariesAsync(CancellationToken cancellationToken = default)
    {
        var now = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        var from = Buckets.Start(now - 24 * Buckets.HourMs, Buckets.FiveMinuteMs);
        await using var connection = await _backend.OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var q = DbCommands.Create(connection, D.Sql("""
            SELECT s.subject_id, s.metric, min(a.min), max(a.max), sum(a.avg * a.count), sum(a.count), max(a.count)
            FROM {p}series s JOIN {p}agg_5m a ON a.series = s.id
            WHERE s.subject_kind = 'device' AND s.metric IN ('charge', 'load', 'power', 'on-battery') AND a.bucket >= @f
            GROUP BY s.subject_id, s.metric ORDER BY s.subject_id
            """), ("@f", DbType.Int64));
        q.Set(0, from);
        var byDevice = new SortedDictionary<string, Dictionary<string, (MetricSummary Summary, double BucketShare)>>(StringComparer.Ordinal);
        await using (var r = await q.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var device = r.GetString(0);
                if (!byDevice.TryGetValue(device, out var metrics)) byDevice[device] = metrics = new();
                var count = Convert.ToDouble(r.GetValue(5), System.Globalization.CultureInfo.InvariantCulture);
                // Time on battery in buckets: on-battery samples over the samples of a full bucket (the fullest one seen). A bucket
                // only partly filled (the newest, or one where polling paused) then counts only for the part it covers.
                var fullBucket = Convert.ToDouble(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture);
                metrics[r.GetString(1)] = (new MetricSummary(r.GetDouble(2), count == 0 ? 0 : r.GetDouble(4) / count, r.GetDouble(3)),
                    fullBucket == 0 ? 0 : r.GetDouble(4) / fullBucket);
            }
        return byDevice.Select(d => new DeviceDaySummary(d.Key, Get(d.Value, "charge"), Get(d.Value, "load"), Get(d.Value, "power"),
            TimeSpan.FromMilliseconds(d.Value.TryGetValue("on-battery", out var ob) ? ob.BucketShare * Buckets.FiveMinuteMs : 0))).ToList();
    }

    private static MetricSummary? Get(Dictionary<string, (MetricSummary Summary, double BucketShare)> m, string metric) =>
        m.TryGetValue(metric, out var v) ? v.Summary : null;
}
