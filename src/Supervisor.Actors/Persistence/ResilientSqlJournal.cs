using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Sql.Journal;
using Supervisor.Domain.Storage;

namespace Supervisor.Actors.Persistence;

/// <summary>Another writer owns the events this actor held in memory (see <see cref="ResilientSqlJournal"/>).</summary>
public sealed class JournalFencedException(string message) : Exception(message);

/// <summary>
/// Akka.Persistence.Sql's journal, made so that our own storage can never hold back a shutdown. When a write fails
/// because the storage is unavailable (disk full, read-only, I/O error, damaged file, locked, database unreachable) or
/// takes longer than <c>supervisor.write-timeout</c>, the events are kept in memory, in order per persistence id, and
/// the actor is told they are written: groups, sagas and agents carry on from memory (Akka.Persistence would otherwise
/// stop the actor, and a full disk kept a group from ever starting its saga). Held events are written later, oldest
/// first, retried with backoff (1 s doubling to 30 s); replays and highest-sequence-number reads include them, so an
/// actor restarted in this process recovers what it did. A constraint violation is never held: it is the unique
/// (persistence_id, sequence_nr) key fencing a second writer after a fail-over; a direct write fails as before, and a
/// held one that meets it is dropped and its actor made to restart from the journal. The log says once, with the
/// journal and the fix, that persistence is impaired; <c>supervisor status</c> shows it (<see cref="JournalHealth"/>).
/// What is held is lost if the process stops first (said in the log when it does).
/// </summary>
public sealed class ResilientSqlJournal : SqlWriteJournal, IWithTimers
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RemindEvery = TimeSpan.FromSeconds(60);

    private readonly PendingWrites _pending = new();
    private readonly HashSet<string> _fencedWriters = new(StringComparer.Ordinal);
    private readonly JournalHealth _health;
    private readonly ILoggingAdapter _log;
    private readonly TimeSpan _writeTimeout;
    private TimeSpan _retryIn = FirstRetry;
    private PendingWrites.Entry? _flushing;
    private StorageFault? _fault;
    private int _writtenSinceImpaired;
    private DateTime _lastReminder;
    private bool _initialized;
    private long _lastReadReport;

    public ITimerScheduler Timers { get; set; } = null!;

    public ResilientSqlJournal(Config journalConfig) : base(journalConfig)
    {
        _health = JournalHealth.Get(Context.System);
        _log = Context.GetLogger();
        _writeTimeout = journalConfig.GetTimeSpan("supervisor.write-timeout", TimeSpan.FromSeconds(2), allowInfinite: false);
    }

    private sealed record Held(StorageFault Fault);
    private sealed record WriteEnded(PendingWrites.Entry Entry, Task<IImmutableList<Exception>> Write);
    private sealed record Flush
    {
        public static Flush Instance { get; } = new();
    }

    /// <remarks>The caller's token is not passed on: a write this journal may keep waiting for (or hold and retry) must not be cancelled with the call that started it.</remarks>
    protected override Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var writes = messages.ToList();
        var persistenceId = writes[0].PersistenceId;
        var writer = writes.SelectMany(w => (IEnumerable<IPersistentRepresentation>)w.Payload).Select(p => p.WriterGuid).FirstOrDefault();
        if (writer is not null && _fencedWriters.Remove(writer))
            return Task.FromException<IImmutableList<Exception>>(new JournalFencedException(
                $"{persistenceId}: events this actor had held in memory met other events under the same sequence numbers in {_health.Journal.Description} " +
                "(another node took over meanwhile?) and were dropped; the actor restarts from the journal"));
        if (_pending.Holds(persistenceId))
        {
            // An earlier write of this actor is still held: this one waits behind it, so the order stays.
            _pending.Add(persistenceId, writes, DateTimeOffset.UtcNow);
            ReportHeld();
            return Task.FromResult(Accepted(writes));
        }
        return GuardAsync(persistenceId, writes, base.WriteMessagesAsync(writes, CancellationToken.None));
    }

    private async Task<IImmutableList<Exception>> GuardAsync(string persistenceId, List<AtomicWrite> writes, Task<IImmutableList<Exception>> write)
    {
        var self = Self; // continuations below run on the thread pool
        try
        {
            return await write.WaitAsync(_writeTimeout);
        }
        catch (TimeoutException) when (!write.IsCompleted)
        {
            var entry = _pending.Add(persistenceId, writes, DateTimeOffset.UtcNow, inFlight: write);
            _ = write.ContinueWith(t => self.Tell(new WriteEnded(entry, t)), TaskScheduler.Default);
            self.Tell(new Held(new StorageFault(StorageFaultKind.TimedOut, $"a write did not finish within {_writeTimeout.TotalSeconds:0.#}s")));
            return Accepted(writes);
        }
        catch (Exception e) when (JournalFaults.Classify(e) is { } fault)
        {
            _pending.Add(persistenceId, writes, DateTimeOffset.UtcNow);
            self.Tell(new Held(fault));
            return Accepted(writes);
        }
    }

    /// <summary>One null per atomic write: every one of them "succeeded".</summary>
    private static IImmutableList<Exception> Accepted(List<AtomicWrite> writes) => ImmutableList.CreateRange(Enumerable.Repeat<Exception>(null!, writes.Count));

    protected override bool ReceivePluginInternal(object message)
    {
        switch (message)
        {
            case Held held:
                OnHeld(held.Fault);
                return true;
            case Flush:
                FlushNext();
                return true;
            case WriteEnded ended:
                OnWriteEnded(ended.Entry, ended.Write);
                return true;
            default:
                return base.ReceivePluginInternal(message);
        }
    }

    private void OnHeld(StorageFault fault)
    {
        var first = _fault is null;
        if (first || _fault!.Kind != fault.Kind)
        {
            _log.Error("{0}", JournalMessages.WritesHeld(_health.Journal, fault, _pending.EventCount));
            _lastReminder = DateTime.UtcNow;
        }
        if (first) _writtenSinceImpaired = 0;
        _fault = fault;
        ReportHeld();
        ScheduleFlush();
    }

    private void ReportHeld()
    {
        if (_fault is null) return; // a write that waits behind a slow one that is not yet known to be slow
        _health.WritesHeld(_fault, _pending.EventCount, _pending.OldestSince ?? DateTimeOffset.UtcNow);
    }

    private void ScheduleFlush()
    {
        if (Timers.IsTimerActive("flush") || _flushing is not null) return;
        Timers.StartSingleTimer("flush", Flush.Instance, _retryIn);
    }

    private void FlushNext()
    {
        if (_flushing is not null) return;
        if (_pending.NextToWrite() is not { } entry)
        {
            if (_pending.EventCount == 0) CaughtUp();
            return;
        }
        _flushing = entry;
        var self = Self;
        var write = base.WriteMessagesAsync(entry.Writes, CancellationToken.None);
        entry.InFlight = write;
        _ = write.ContinueWith(t => self.Tell(new WriteEnded(entry, t)), TaskScheduler.Default);
    }

    private void OnWriteEnded(PendingWrites.Entry entry, Task<IImmutableList<Exception>> write)
    {
        var wasFlush = ReferenceEquals(entry, _flushing);
        if (wasFlush) _flushing = null;
        entry.InFlight = null;
        if (write.IsCompletedSuccessfully)
        {
            _pending.Written(entry);
            _writtenSinceImpaired += entry.Events.Count();
            foreach (var rejected in write.Result?.Where(e => e is not null) ?? [])
                _log.Error("Persistence: a held event of {0} could not be serialized and is dropped: {1}", entry.PersistenceId, rejected.Message);
            _retryIn = FirstRetry;
            ReportHeld();
            FlushNext();
            return;
        }
        var error = write.Exception?.GetBaseException() ?? new InvalidOperationException("the write was cancelled");
        if (JournalFaults.Classify(error) is { } fault)
        {
            if (wasFlush) _retryIn = TimeSpan.FromTicks(Math.Min(LastRetry.Ticks, _retryIn.Ticks * 2));
            if (fault.Kind != _fault?.Kind) OnHeld(fault);
            else Remind();
            ScheduleFlush();
            return;
        }
        // Not the storage: another writer's events are where ours were to go. Ours must not be written, nor kept.
        var dropped = _pending.Drop(entry.PersistenceId);
        if (entry.Writer is { } writer) _fencedWriters.Add(writer);
        _log.Error("{0}", JournalMessages.Fenced(entry.PersistenceId, dropped, error.Message));
        ReportHeld();
        FlushNext();
    }

    private void Remind()
    {
        if (DateTime.UtcNow - _lastReminder < RemindEvery || _fault is null) return;
        _lastReminder = DateTime.UtcNow;
        _log.Warning("{0}", JournalMessages.StillHeld(_health.Journal, _fault, _pending.EventCount, _pending.OldestSince, _retryIn));
    }

    private void CaughtUp()
    {
        if (_fault is null) return;
        _log.Warning("{0}", JournalMessages.Restored(_health.Journal, _writtenSinceImpaired));
        _fault = null;
        _retryIn = FirstRetry;
        _health.WritesCaughtUp();
    }

    public override async Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        var held = _pending.EventsOf(persistenceId); // before the read: what the read misses, this has (overlap is skipped)
        long last = 0, count = 0;
        try
        {
            await base.ReplayMessagesAsync(context, persistenceId, fromSequenceNr, toSequenceNr, max, r =>
            {
                last = r.SequenceNr;
                count++;
                recoveryCallback(r);
            });
            _health.ReadSucceeded();
        }
        catch (Exception e)
        {
            ReportReadFailure(persistenceId, e);
            throw;
        }
        foreach (var r in held.Where(r => r.SequenceNr >= fromSequenceNr && r.SequenceNr <= toSequenceNr && r.SequenceNr > last))
        {
            if (count++ >= max) break;
            recoveryCallback(r);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var held = _pending.HighestSequenceNr(persistenceId);
        try
        {
            return Math.Max(held, await base.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken));
        }
        catch (Exception e)
        {
            ReportReadFailure(persistenceId, e);
            throw;
        }
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        _pending.DropDeleted(persistenceId, toSequenceNr);
        return base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }

    /// <summary>From any thread; at most one ERROR a minute, status always current.</summary>
    private void ReportReadFailure(string persistenceId, Exception e)
    {
        var fault = JournalFaults.Classify(e);
        var message = fault?.Message ?? e.GetBaseException().Message;
        _health.ReadFailed(message, fault?.Kind, DateTimeOffset.UtcNow);
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastReadReport);
        if (now - last < RemindEvery.Ticks || Interlocked.CompareExchange(ref _lastReadReport, now, last) != last) return;
        _log.Error("{0}", JournalMessages.ReadFailed(_health.Journal, fault, message, persistenceId));
    }

    /// <summary>Only watches: Akka's journal stops itself when it cannot start; that must not go unsaid.</summary>
    protected override bool AroundReceive(Receive receive, object message)
    {
        if (!_initialized && message is Status.Success) _initialized = true;
        else if (!_initialized && message is Status.Failure failure)
        {
            var why = failure.Cause.GetBaseException().Message;
            _health.StartFailed(why);
            _log.Error("{0}", JournalMessages.StartFailed(_health.Journal, why));
        }
        return base.AroundReceive(receive, message);
    }

    protected override void PostStop()
    {
        if (_pending.EventCount > 0)
            _log.Error("{0}", JournalMessages.Lost(_health.Journal, _pending.EventCount, _pending.OldestSince));
        base.PostStop();
    }
}
