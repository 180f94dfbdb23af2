using System.Data;
using System.Data.Common;
using Supervisor.Domain.History;

namespace Supervisor.History.Store;

/// <summary>
/// Aggregation and retention, in small steps so the writer's batches go in between: each step is one short
/// transaction (aggregating a few dozen series) or a few autocommit deletes of at most <see cref="PurgeBatch"/> rows,
/// so no write lock is held for long. A round: aggregate every series written since the last round (5-minute buckets
/// from raw, then hourly from 5-minute; upserts, so re-running a bucket gives the same rows), then purge each tier.
/// </summary>
public sealed partial class HistoryWriter
{
    public const int PurgeBatch = 5_000;
    private const int SeriesPerAggregateStep = 40;

    private enum Phase { Aggregate, PurgeSamples, PurgeFiveMinute, PurgeHourly, PurgeEvents }

    private sealed class Plan(Queue<(long Series, long FromMs)> toAggregate, Queue<long> toPurge, RetentionCutoffs cutoffs)
    {
        public Queue<(long Series, long FromMs)> ToAggregate { get; } = toAggregate;
        public Queue<long> AllSeries { get; } = toPurge;
        public Queue<long> ToPurge { get; set; } = new(toPurge);
        public RetentionCutoffs Cutoffs { get; } = cutoffs;
        public Phase Phase { get; set; } = Phase.Aggregate;
        public HashSet<long> Counters { get; } = [];
    }

    private Plan? _plan;
    private DbCommand? _raw, _baseline, _fiveMinuteRows, _upsert5, _upsert1h, _purgeSamples, _purge5, _purge1h, _purgeEvents;

    /// <summary>True while a maintenance round is under way.</summary>
    public bool MaintenanceRunning => _plan is not null;

    /// <summary>Starts a round with the given retention cut-offs (a round already under way goes on).</summary>
    public void BeginMaintenance(RetentionCutoffs cutoffs)
    {
        if (_plan is not null) return;
        var connection = EnsureOpen();
        var all = new Queue<long>();
        var counters = new HashSet<long>();
        using (var list = DbCommands.Create(connection, _backend.Dialect.Sql("SELECT id, metric FROM {p}series ORDER BY id")))
        using (var r = list.ExecuteReader())
            while (r.Read())
            {
                all.Enqueue(r.GetInt64(0));
                if (HistoryMetrics.IsCounter(r.GetString(1))) counters.Add(r.GetInt64(0));
            }
        var work = new Queue<(long, long)>(_dirty.OrderBy(d => d.Key).Select(d => (d.Key, Math.Max(d.Value, cutoffs.RawBeforeMs))));
        _dirty.Clear(); // samples written from now on mark their series again, for the next round
        _plan = new Plan(work, all, cutoffs);
        _plan.Counters.UnionWith(counters);
    }

    /// <summary>Does one step of the round; returns false when the round is finished. On an exception the round is abandoned and its unaggregated series stay dirty.</summary>
    public bool MaintenanceStep()
    {
        if (_plan is not { } plan) return false;
        try
        {
            switch (plan.Phase)
            {
                case Phase.Aggregate: AggregateStep(plan); break;
                case Phase.PurgeSamples: PurgeStep(plan, _purgeSamples!, plan.Cutoffs.RawBeforeMs, Phase.PurgeFiveMinute); break;
                case Phase.PurgeFiveMinute: PurgeStep(plan, _purge5!, plan.Cutoffs.FiveMinuteBeforeMs, Phase.PurgeHourly); break;
                case Phase.PurgeHourly: PurgeStep(plan, _purge1h!, plan.Cutoffs.HourlyBeforeMs, Phase.PurgeEvents); break;
                default:
                    var deleted = _purgeEvents!.In(null).Set(0, plan.Cutoffs.EventsBeforeMs).ExecuteNonQuery();
                    if (deleted < PurgeBatch) _plan = null;
                    break;
            }
        }
        catch
        {
            foreach (var (series, from) in plan.ToAggregate) MarkDirty(series, from);
            _plan = null;
            throw;
        }
        return _plan is not null;
    }

    private void AggregateStep(Plan plan)
    {
        EnsureMaintenanceCommands();
        var chunk = new List<(long Series, long FromMs)>();
        while (chunk.Count < SeriesPerAggregateStep && plan.ToAggregate.TryDequeue(out var next)) chunk.Add(next);
        if (chunk.Count > 0)
        {
            using var tx = _connection!.BeginTransaction();
            try
            {
                foreach (var (series, from) in chunk) Aggregate(series, from, plan.Counters.Contains(series), tx);
                tx.Commit();
            }
            catch
            {
                foreach (var (series, from) in chunk) MarkDirty(series, from); // not aggregated: next round
                throw;
            }
        }
        if (plan.ToAggregate.Count == 0) plan.Phase = Phase.PurgeSamples;
    }

    /// <summary>5-minute buckets of one series from raw, from the bucket holding <paramref name="fromMs"/>; then its hours from those buckets.</summary>
    private void Aggregate(long series, long fromMs, bool counter, DbTransaction tx)
    {
        var from5 = Buckets.Start(fromMs, Buckets.FiveMinuteMs);
        var baseline = counter ? _baseline!.In(tx).Set(0, series).Set(1, from5).ScalarDouble() : null;
        var builder = new AggregateBuilder(Buckets.FiveMinuteMs, counter, baseline);
        using (var r = _raw!.In(tx).Set(0, series).Set(1, from5).ExecuteReader())
            while (r.Read()) builder.Add(r.GetInt64(0), r.GetDouble(1));
        foreach (var a in builder.Finish()) Upsert(_upsert5!, series, a, tx);

        var fromHour = Buckets.Start(fromMs, Buckets.HourMs);
        var fiveMinute = new List<BucketAggregate>();
        // Read fully before writing: PostgreSQL runs one command at a time per connection.
        using (var r = _fiveMinuteRows!.In(tx).Set(0, series).Set(1, fromHour).ExecuteReader())
            while (r.Read())
                fiveMinute.Add(new BucketAggregate(r.GetInt64(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetInt64(5),
                    r.IsDBNull(6) ? null : r.GetDouble(6)));
        var hour = long.MinValue;
        var finer = new List<BucketAggregate>();
        foreach (var a in fiveMinute)
        {
            var h = Buckets.Start(a.BucketStartMs, Buckets.HourMs);
            if (h != hour && finer.Count > 0) { Upsert(_upsert1h!, series, AggregateBuilder.Rollup(hour, finer), tx); finer.Clear(); }
            hour = h;
            finer.Add(a);
        }
        if (finer.Count > 0) Upsert(_upsert1h!, series, AggregateBuilder.Rollup(hour, finer), tx);
    }

    private static void Upsert(DbCommand upsert, long series, BucketAggregate a, DbTransaction tx) =>
        upsert.In(tx).Set(0, series).Set(1, a.BucketStartMs).Set(2, a.Min).Set(3, a.Max).Set(4, a.Avg).Set(5, a.Last).Set(6, a.Count).Set(7, a.Sum)
            .ExecuteNonQuery();

    /// <summary>Deletes at most <see cref="PurgeBatch"/> rows in all, each statement its own short transaction.</summary>
    private void PurgeStep(Plan plan, DbCommand purge, long cutoff, Phase next)
    {
        EnsureMaintenanceCommands();
        var deleted = 0;
        while (deleted < PurgeBatch && plan.ToPurge.TryPeek(out var series))
        {
            var asked = PurgeBatch - deleted;
            var n = purge.In(null).Set(0, series).Set(1, cutoff).Set(2, asked).ExecuteNonQuery();
            deleted += n;
            if (n < asked) plan.ToPurge.Dequeue(); // fewer than asked: nothing older is left in this series
        }
        if (plan.ToPurge.Count == 0)
        {
            plan.Phase = next;
            plan.ToPurge = new Queue<long>(plan.AllSeries);
        }
    }

    private void EnsureMaintenanceCommands()
    {
        if (_raw is not null) return;
        var c = _connection!;
        var d = _backend.Dialect;
        _raw = DbCommands.Create(c, d.Sql("SELECT time, value FROM {p}samples WHERE series = @s AND time >= @f ORDER BY time"), ("@s", DbType.Int64), ("@f", DbType.Int64));
        _baseline = DbCommands.Create(c, d.Sql("SELECT value FROM {p}samples WHERE series = @s AND time < @f ORDER BY time DESC LIMIT 1"),
            ("@s", DbType.Int64), ("@f", DbType.Int64));
        _fiveMinuteRows = DbCommands.Create(c, d.Sql("SELECT bucket, min, max, avg, last, count, sum FROM {p}agg_5m WHERE series = @s AND bucket >= @f ORDER BY bucket"),
            ("@s", DbType.Int64), ("@f", DbType.Int64));
        _upsert5 = Upsert(c, d, "agg_5m");
        _upsert1h = Upsert(c, d, "agg_1h");
        _purgeSamples = Purge(c, d, "samples", "time");
        _purge5 = Purge(c, d, "agg_5m", "bucket");
        _purge1h = Purge(c, d, "agg_1h", "bucket");
        _purgeEvents = DbCommands.Create(c, d.Sql($"DELETE FROM {{p}}events WHERE id IN (SELECT id FROM {{p}}events WHERE time < @cut ORDER BY time LIMIT {PurgeBatch})"),
            ("@cut", DbType.Int64));
    }

    private static DbCommand Upsert(DbConnection c, HistoryDialect d, string table) => DbCommands.Create(c, d.Sql($$"""
        INSERT INTO {p}{{table}} (series, bucket, min, max, avg, last, count, sum) VALUES (@s, @b, @min, @max, @avg, @last, @count, @sum)
        ON CONFLICT (series, bucket) DO UPDATE SET min = excluded.min, max = excluded.max, avg = excluded.avg, last = excluded.last,
            count = excluded.count, sum = excluded.sum
        """), ("@s", DbType.Int64), ("@b", DbType.Int64), ("@min", DbType.Double), ("@max", DbType.Double), ("@avg", DbType.Double),
        ("@last", DbType.Double), ("@count", DbType.Int64), ("@sum", DbType.Double));

    /// <summary>At most @n rows of one series older than the cut-off: a range of the (series, time) key, never a table scan.</summary>
    private static DbCommand Purge(DbConnection c, HistoryDialect d, string table, string time) => DbCommands.Create(c, d.Sql(
            $"DELETE FROM {{p}}{table} WHERE series = @s AND {time} IN (SELECT {time} FROM {{p}}{table} WHERE series = @s AND {time} < @cut ORDER BY {time} LIMIT @n)"),
        ("@s", DbType.Int64), ("@cut", DbType.Int64), ("@n", DbType.Int32));

    private void DisposeMaintenanceCommands()
    {
        foreach (var c in new[] { _raw, _baseline, _fiveMinuteRows, _upsert5, _upsert1h, _purgeSamples, _purge5, _purge1h, _purgeEvents }) c?.Dispose();
        _raw = _baseline = _fiveMinuteRows = _upsert5 = _upsert1h = _purgeSamples = _purge5 = _purge1h = _purgeEvents = null;
    }
}
