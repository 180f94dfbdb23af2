using Akka.Actor;
using Akka.Event;
using Supervisor.Domain.Configuration;
using Supervisor.Domain.Events;
using Supervisor.Domain.History;
using Supervisor.History.Store;
using static Supervisor.History.Writer.StatsWriterMessages;

namespace Supervisor.History.Writer;

/// <summary>Timings the tests shorten; production uses <see cref="Default"/>.</summary>
/// <param name="MaintenanceInterval">How often aggregation and retention run (5-minute buckets, so every 5 minutes).</param>
public sealed record StatsWriterTimings(TimeSpan FirstRetry, TimeSpan MaxRetry, TimeSpan MaintenanceInterval)
{
    public static StatsWriterTimings Default { get; } = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5));
}

/// <summary>
/// Fills the history store from the local event stream (every <see cref="IFleetFact"/> this node's devices, groups and
/// sagas publish). Facts go into a bounded <see cref="HistoryQueue"/> (drop oldest sample when full, counted); batches
/// are written by a <see cref="HistoryWriter"/> on a dedicated <see cref="IoThread"/>, one job at a time, results piped
/// back, so the mailbox never waits for the disk. Aggregation and retention run as small steps between batches.
/// A database fault is logged once (with the path or host and the fix), retried with backoff, and its recovery logged;
/// nothing else in the node waits for this actor, which only ever receives.
/// </summary>
public sealed class StatsWriterActor : ReceiveActor, IWithTimers
{
    public const string Name = "stats-writer";
    private const string FlushTimer = "flush", MaintenanceTimer = "maintenance", RetryTimer = "retry";

    private readonly IHistoryBackend _backend;
    private readonly StatsSettings _settings;
    private readonly StatsWriterTimings _timings;
    private readonly TimeProvider _clock;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HistoryQueue _queue;
    private readonly HistoryWriter _writer; // used only inside jobs on _io
    private readonly IoThread _io;
    private bool _prepared, _busy, _flushDue, _maintenanceDue = true, _maintenanceRunning, _waitingForRetry;
    private long _facts, _rows, _events, _droppedAtLastSuccess;
    private int _failures, _inFlight;
    private HistoryFault? _fault;
    private DateTimeOffset? _failingSince, _lastWriteAt, _lastErrorAt, _lastMaintenanceAt;

    public ITimerScheduler Timers { get; set; } = null!;

    public StatsWriterActor(IHistoryBackend backend, StatsSettings settings, StatsWriterTimings timings, TimeProvider clock)
    {
        _backend = backend;
        _settings = settings;
        _timings = timings;
        _clock = clock;
        _queue = new HistoryQueue(settings.QueueSize);
        _writer = new HistoryWriter(backend);
        _io = new IoThread("stats-writer-io");

        Receive<IFleetFact>(fact =>
        {
            _queue.Enqueue(fact);
            if (_queue.Count >= _settings.BatchSize) Pump();
        });
        Receive<FlushTick>(_ => { _flushDue = true; Pump(); });
        Receive<MaintenanceTick>(_ => { _maintenanceDue = true; Pump(); });
        Receive<RetryTick>(_ => { _waitingForRetry = false; Pump(); });
        Receive<Prepared>(OnPrepared);
        Receive<Written>(OnWritten);
        Receive<MaintenanceStepped>(m =>
        {
            _busy = false;
            _maintenanceRunning = m.More;
            if (!m.More) _lastMaintenanceAt = _clock.GetUtcNow();
            Recovered();
            Pump();
        });
        Receive<IoFailed>(OnFailed);
        Receive<GetHistoryStatus>(_ => Sender.Tell(Status()));
        Receive<Supervisor.Actors.Inspection.HistoryStoreStatusRequest>(_ =>
        {
            var h = Status();
            Sender.Tell(new Supervisor.Actors.Inspection.HistoryStoreView(h.Where, h.FactsWritten, h.DroppedSamples, h.DroppedEvents, h.Queued,
                h.LastWriteAt, h.FailingSince, h.LastError));
        });
    }

    public static Props Props(IHistoryBackend backend, StatsSettings settings, StatsWriterTimings? timings = null, TimeProvider? clock = null) =>
        Akka.Actor.Props.Create(() => new StatsWriterActor(backend, settings, timings ?? StatsWriterTimings.Default, clock ?? TimeProvider.System));

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(IFleetFact));
        Timers.StartPeriodicTimer(FlushTimer, FlushTick.Instance, _settings.FlushInterval);
        Timers.StartPeriodicTimer(MaintenanceTimer, MaintenanceTick.Instance, _timings.MaintenanceInterval);
        _log.Info("History store {0}: writing readings and events (queue {1}, batches of {2}, raw kept {3}, 5-minute {4}, hourly {5})", _backend.Where,
            _settings.QueueSize, _settings.BatchSize, Span(_settings.Retention.Raw), Span(_settings.Retention.FiveMinute), Span(_settings.Retention.Hourly));
        Pump();
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        // Last writes on the I/O thread (it needs nothing from this actor); a stalled database is not waited for.
        var writer = _writer;
        if (_prepared && _failingSince is null)
            for (var batch = _queue.Take(_settings.BatchSize); batch.Count > 0; batch = _queue.Take(_settings.BatchSize))
            {
                var b = batch;
                _ = _io.Run(() => writer.Write(b));
            }
        _ = _io.Run(() => { writer.Dispose(); return true; });
        if (!_io.Stop(TimeSpan.FromSeconds(2)))
            _log.Warning("History store {0}: stopped with writes still in progress ({1} facts not written)", _backend.Where, _queue.Count);
    }

    /// <summary>Starts the next I/O job when none is running: prepare first, then batches before maintenance steps.</summary>
    private void Pump()
    {
        if (_busy || _waitingForRetry) return;
        var writer = _writer;
        var backend = _backend;
        var now = _clock.GetUtcNow();
        if (!_prepared)
        {
            Start(() => backend.Prepare(now), notes => new Prepared(notes), []);
            return;
        }
        if (_queue.Count >= _settings.BatchSize || (_flushDue && _queue.Count > 0))
        {
            var batch = _queue.Take(_settings.BatchSize);
            Start(() => writer.Write(batch), r => new Written(r), batch);
            return;
        }
        _flushDue = false;
        if (!_maintenanceRunning && !_maintenanceDue) return;
        var begin = !_maintenanceRunning;
        var cutoffs = RetentionCutoffs.For(now, _settings.Retention);
        _maintenanceDue = false;
        _maintenanceRunning = true;
        Start(() =>
        {
            if (begin) writer.BeginMaintenance(cutoffs);
            return writer.MaintenanceStep();
        }, more => new MaintenanceStepped(more), []);
    }

    /// <summary>Runs <paramref name="work"/> on the I/O thread and pipes its outcome back. A failed job resets the connection and repairs a damaged file there.</summary>
    private void Start<T>(Func<T> work, Func<T, object> success, IReadOnlyList<IFleetFact> batch)
    {
        _busy = true;
        _inFlight = batch.Count;
        var writer = _writer;
        var backend = _backend;
        var now = _clock.GetUtcNow();
        _io.Run(() =>
        {
            try
            {
                return work();
            }
            catch (Exception e)
            {
                writer.Reset();
                string? repaired;
                try { repaired = backend.TryReplaceDamaged(e, now); }
                catch (Exception moveFailed) { throw new HistoryIoException(moveFailed, null); }
                if (repaired is not null) writer.Forget();
                throw new HistoryIoException(e, repaired);
            }
        }).PipeTo(Self, success: r => success(r), failure: ex => Failure(ex, batch));
    }

    private static IoFailed Failure(Exception ex, IReadOnlyList<IFleetFact> batch)
    {
        var e = ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : ex;
        return e is HistoryIoException io ? new IoFailed(io.InnerException!, batch, io.Repaired) : new IoFailed(e, batch, null);
    }

    private void OnPrepared(Prepared p)
    {
        _busy = false;
        _prepared = true;
        foreach (var note in p.Notes)
            if (note.IsProblem) _log.Error("History store: {0}", note.Text);
            else _log.Info("History store: {0}", note.Text);
        Recovered();
        Pump();
    }

    private void OnWritten(Written w)
    {
        _busy = false;
        _inFlight = 0;
        _facts += w.Result.Facts;
        _rows += w.Result.NewRows;
        _events += w.Result.NewEvents;
        _lastWriteAt = _clock.GetUtcNow();
        Recovered();
        Pump();
    }

    private void OnFailed(IoFailed f)
    {
        _busy = false;
        _inFlight = 0;
        _maintenanceRunning = false; // an abandoned round starts again at the next tick; its series stay dirty
        if (f.Batch.Count > 0) _queue.PutBack(f.Batch);
        var now = _clock.GetUtcNow();
        _lastErrorAt = now;
        if (f.Repaired is { } repaired)
        {
            // The file was damaged and has been replaced: say so, and start over on the fresh one at once.
            _log.Error("History store: {0}", repaired);
            _prepared = false;
            Pump();
            return;
        }

        var fault = HistoryFault.Classify(f.Error, _backend.Where, _backend.Location);
        if (_failingSince is null)
        {
            _failingSince = now;
            _log.Error("History store {0}: cannot write: {1}; {2}. Readings are queued (up to {3}, the oldest dropped beyond that) and the write is " +
                       "retried with backoff; nothing else waits for it", fault.Where, fault.Problem, fault.Fix, _settings.QueueSize);
        }
        else if (fault.Kind != _fault?.Kind)
            // Logged once per outage: one outage often shows several faces (a server shutting down, then refusing
            // connections). The latest is in `status` (LastError).
            _log.Debug("History store {0}: still failing: {1}", fault.Where, fault.Problem);
        _fault = fault;
        _failures++;
        var delay = TimeSpan.FromTicks(Math.Min(_timings.MaxRetry.Ticks, _timings.FirstRetry.Ticks * (1L << Math.Min(_failures - 1, 20))));
        _waitingForRetry = true;
        Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);
    }

    private void Recovered()
    {
        var dropped = _queue.DroppedSamples - _droppedAtLastSuccess;
        _droppedAtLastSuccess = _queue.DroppedSamples;
        if (_failingSince is not { } since) return;
        _log.Info("History store {0}: writing again after {1:0.#}s of failures ({2} attempt(s)); {3} sample(s) dropped meanwhile, {4} queued being written now",
            _backend.Where, (_clock.GetUtcNow() - since).TotalSeconds, _failures, dropped, _queue.Count);
        _failingSince = null;
        _failures = 0;
    }

    private static string Span(TimeSpan t) =>
        t.TotalDays >= 1 && t.TotalDays % 1 == 0 ? $"{t.TotalDays:0}d" : t.TotalHours % 1 == 0 ? $"{t.TotalHours:0}h" : $"{t.TotalSeconds:0.###}s";

    private HistoryStatus Status() => new(_backend.Where, _facts, _rows, _events, _queue.DroppedSamples, _queue.DroppedEvents, _queue.Count + _inFlight,
        _lastWriteAt, _lastMaintenanceAt, _failingSince, _fault?.ToString(), _lastErrorAt);

    /// <summary>Carries a job's failure and what the I/O thread repaired, if anything, back to the actor.</summary>
    private sealed class HistoryIoException(Exception inner, string? repaired) : Exception(inner.Message, inner)
    {
        public string? Repaired { get; } = repaired;
    }
}
