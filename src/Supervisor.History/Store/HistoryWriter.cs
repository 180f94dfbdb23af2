using System.Data;
using System.Data.Common;
using System.Runtime.InteropServices;
using Supervisor.Domain.Events;
using Supervisor.Domain.History;

namespace Supervisor.History.Store;

/// <summary>What one batch wrote.</summary>
/// <param name="NewRows">Sample rows actually inserted (a (series, time) already stored is skipped).</param>
/// <param name="NewEvents">Events actually inserted (an id already stored is skipped: a re-published fact stays one row).</param>
/// <param name="OldestMs">The oldest sample time in the batch, or null when it had none.</param>
public sealed record WriteResult(int Facts, int Rows, int NewRows, int Events, int NewEvents, long? OldestMs);

/// <summary>
/// Writes batches of facts into the history store, one transaction per batch, on one long-lived connection with its
/// statements prepared once. Synchronous and single-threaded by design: the writer actor runs it on its own I/O thread,
/// so a slow disk or a dead server blocks that thread and nothing else. After any exception call <see cref="Reset"/>.
/// It also remembers, per series, the oldest sample written since the last aggregation (see <c>HistoryWriter.Maintenance</c>).
/// </summary>
public sealed partial class HistoryWriter : IDisposable
{
    private readonly IHistoryBackend _backend;
    private readonly Dictionary<(SeriesSubjectKind, string, string), long> _series = new();
    private readonly Dictionary<(SeriesSubjectKind, string, string), long> _newSeries = new();
    private readonly Dictionary<long, long> _dirty = new();
    private readonly List<PendingSample> _pending = []; // one batch's samples, reused: sorted before they are inserted
    private DbConnection? _connection;
    private ISampleSink? _samples;
    private DbCommand? _insertEvent, _insertSeries, _selectSeries, _lastAggregated;

    public HistoryWriter(IHistoryBackend backend) => _backend = backend;

    public IHistoryBackend Backend => _backend;

    /// <summary>Series with samples not yet aggregated, and the oldest such sample's time (unix ms).</summary>
    public IReadOnlyDictionary<long, long> Dirty => _dirty;

    public WriteResult Write(IReadOnlyList<IFleetFact> facts)
    {
        var connection = EnsureOpen();
        using var tx = connection.BeginTransaction();
        _samples!.Begin(tx);
        _insertEvent!.Transaction = tx;
        _insertSeries!.Transaction = tx;
        _selectSeries!.Transaction = tx;
        _lastAggregated!.Transaction = tx;
        int events = 0, newEvents = 0;
        long? oldest = null;
        _newSeries.Clear();
        _pending.Clear();
        foreach (var fact in facts)
        {
            if (fact is FleetEvent e)
            {
                events++;
                newEvents += InsertEvent(e);
                continue;
            }
            foreach (var sample in SampleMetrics.From(fact))
            {
                var id = SeriesId(sample);
                _pending.Add(new PendingSample(id, sample.TimeMs, _pending.Count, sample.Value));
                MarkDirty(id, sample.TimeMs);
                if (oldest is null || sample.TimeMs < oldest) oldest = sample.TimeMs;
            }
        }
        // In key order, so a batch visits each series' newest page once: a batch holding several polls of 10 000 devices
        // touches more pages than SQLite's cache holds, and in arrival order a page would be evicted (spilled to the WAL)
        // and read again once per poll. Arrival breaks ties, so of two samples with one (series, time) the first is kept, as before.
        var ordered = CollectionsMarshal.AsSpan(_pending);
        ordered.Sort(PendingSample.KeyOrder);
        foreach (ref readonly var p in ordered) _samples.Add(p.Series, p.TimeMs, p.Value);
        var rows = _pending.Count;
        var newRows = _samples.Complete();
        tx.Commit();
        foreach (var (key, id) in _newSeries) _series[key] = id; // only ids that were committed are remembered
        return new WriteResult(facts.Count, rows, newRows, events, newEvents, oldest);
    }

    /// <summary>Drops the connection and the remembered series ids after a failure; the next call reconnects.</summary>
    public void Reset()
    {
        _series.Clear();
        _samples?.Dispose();
        foreach (var c in new[] { _insertEvent, _insertSeries, _selectSeries, _lastAggregated }) c?.Dispose();
        DisposeMaintenanceCommands();
        _samples = null;
        _insertEvent = _insertSeries = _selectSeries = _lastAggregated = null;
        try { _connection?.Dispose(); }
        catch (Exception) { /* a broken connection may fail to close; it is being dropped either way */ }
        _connection = null;
    }

    /// <summary>After the database was replaced (a damaged file moved aside): nothing remembered about the old one is true.</summary>
    public void Forget()
    {
        Reset();
        _dirty.Clear();
        _plan = null;
    }

    public void Dispose() => Reset();

    private DbConnection EnsureOpen()
    {
        if (_connection is not null) return _connection;
        var d = _backend.Dialect;
        var connection = _backend.OpenWriter();
        _connection = connection;
        _samples = _backend.CreateSampleSink(connection);
        _insertEvent = DbCommands.Create(connection, d.Sql("""
            INSERT INTO {p}events (id, time, kind, severity, subject_kind, subject_id, group_id, message, details, saga_id)
            VALUES (@id, @time, @kind, @severity, @sk, @sid, @gid, @msg, @details, @saga) ON CONFLICT (id) DO NOTHING
            """), ("@id", DbType.String), ("@time", DbType.Int64), ("@kind", DbType.String), ("@severity", DbType.String), ("@sk", DbType.String),
            ("@sid", DbType.String), ("@gid", DbType.String), ("@msg", DbType.String), ("@details", DbType.String), ("@saga", DbType.String));
        _insertSeries = DbCommands.Create(connection, d.Sql(
                "INSERT INTO {p}series (subject_kind, subject_id, metric, unit) VALUES (@k, @s, @m, @u) ON CONFLICT (subject_kind, subject_id, metric) DO NOTHING RETURNING id"),
            ("@k", DbType.String), ("@s", DbType.String), ("@m", DbType.String), ("@u", DbType.String));
        _selectSeries = DbCommands.Create(connection, d.Sql("SELECT id FROM {p}series WHERE subject_kind = @k AND subject_id = @s AND metric = @m"),
            ("@k", DbType.String), ("@s", DbType.String), ("@m", DbType.String));
        _lastAggregated = DbCommands.Create(connection, d.Sql("SELECT max(bucket) FROM {p}agg_5m WHERE series = @s"), ("@s", DbType.Int64));
        return connection;
    }

    private int InsertEvent(FleetEvent e) => _insertEvent!
        .Set(0, e.Id).Set(1, e.At.ToUnixTimeMilliseconds()).Set(2, e.Kind).Set(3, EventRows.SeverityText(e.Severity))
        .Set(4, EventRows.SubjectKindText(e.Subject.Kind)).Set(5, e.Subject.Id).Set(6, e.GroupId).Set(7, e.Message)
        .Set(8, EventRows.Details(e)).Set(9, EventRows.SagaId(e))
        .ExecuteNonQuery();

    private long SeriesId(MetricSample sample)
    {
        var k = sample.Series;
        var key = (k.Kind, k.SubjectId, k.Metric);
        if (_series.TryGetValue(key, out var id) || _newSeries.TryGetValue(key, out id)) return id;
        // One statement for a new series (RETURNING gives its id; at 10 000 devices start-up creates ~110 000 of them), three for
        // one already stored (the insert returns nothing, then its id and its last aggregated bucket are looked up).
        if (_insertSeries!.Set(0, k.KindText).Set(1, k.SubjectId).Set(2, k.Metric).Set(3, k.Unit).ScalarLong() is { } created)
        {
            _newSeries[key] = created;
            MarkDirty(created, sample.TimeMs); // nothing of it is aggregated yet
            return created;
        }
        id = _selectSeries!.Set(0, k.KindText).Set(1, k.SubjectId).Set(2, k.Metric).ScalarLong()
             ?? throw new InvalidOperationException($"series {k} is stored but cannot be read back");
        _newSeries[key] = id;
        // First time this process writes the series (start-up, or taking a device over after a fail-over): aggregate it
        // from its last aggregated bucket on, so minutes written before a crash or by another node are not left out.
        var last = _lastAggregated!.Set(0, id).ScalarLong();
        MarkDirty(id, last ?? sample.TimeMs);
        return id;
    }

    /// <summary>A sample of the batch being written, with its position in the batch.</summary>
    private readonly record struct PendingSample(long Series, long TimeMs, int Arrival, double Value)
    {
        public static int KeyOrder(PendingSample a, PendingSample b)
        {
            var c = a.Series.CompareTo(b.Series);
            if (c == 0) c = a.TimeMs.CompareTo(b.TimeMs);
            return c != 0 ? c : a.Arrival.CompareTo(b.Arrival);
        }
    }

    private void MarkDirty(long series, long timeMs)
    {
        if (!_dirty.TryGetValue(series, out var from) || timeMs < from) _dirty[series] = timeMs;
    }
}
