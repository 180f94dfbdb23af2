using Akka.Persistence;

namespace Supervisor.Actors.Persistence;

/// <summary>
/// Journal writes answered "done" but not yet in the database, oldest first, with the order of each persistence id
/// kept: a later write of an id never reaches the database before an earlier one, so sequence numbers stay gap-free
/// and the unique (persistence_id, sequence_nr) key still fences a second writer. Thread-safe: the journal actor
/// adds and flushes, replays read it from the thread pool.
/// </summary>
public sealed class PendingWrites
{
    /// <summary>One WriteMessages call of one actor: its atomic writes, all of one persistence id.</summary>
    public sealed class Entry(string persistenceId, IReadOnlyList<AtomicWrite> writes, DateTimeOffset since, Task? inFlight)
    {
        public string PersistenceId { get; } = persistenceId;
        public IReadOnlyList<AtomicWrite> Writes { get; } = writes;
        public DateTimeOffset Since { get; } = since;

        /// <summary>A database write of these events that has not ended yet (the original one, which took too long, or a flush).</summary>
        public Task? InFlight { get; set; } = inFlight;

        public IEnumerable<IPersistentRepresentation> Events => Writes.SelectMany(w => (IEnumerable<IPersistentRepresentation>)w.Payload);

        /// <summary>Which incarnation of the actor wrote these events (Akka gives each one its own writer id).</summary>
        public string? Writer => Events.Select(e => e.WriterGuid).FirstOrDefault();
    }

    private readonly object _gate = new();
    private readonly List<Entry> _queue = [];

    public Entry Add(string persistenceId, IReadOnlyList<AtomicWrite> writes, DateTimeOffset since, Task? inFlight = null)
    {
        var entry = new Entry(persistenceId, writes, since, inFlight);
        lock (_gate) _queue.Add(entry);
        return entry;
    }

    public bool Holds(string persistenceId)
    {
        lock (_gate) return _queue.Any(e => e.PersistenceId == persistenceId);
    }

    /// <summary>The oldest entry that may be written now: not in flight, and no earlier entry of its persistence id is waiting.</summary>
    public Entry? NextToWrite()
    {
        lock (_gate)
        {
            var blocked = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in _queue)
            {
                if (e.InFlight is null && !blocked.Contains(e.PersistenceId)) return e;
                blocked.Add(e.PersistenceId);
            }
            return null;
        }
    }

    /// <summary>The entry is in the database now.</summary>
    public void Written(Entry entry)
    {
        lock (_gate) _queue.Remove(entry);
    }

    /// <summary>Drops every entry of a persistence id (another writer owns it now); returns how many events were dropped.</summary>
    public int Drop(string persistenceId)
    {
        lock (_gate)
        {
            var dropped = _queue.Where(e => e.PersistenceId == persistenceId).Sum(e => e.Events.Count());
            _queue.RemoveAll(e => e.PersistenceId == persistenceId);
            return dropped;
        }
    }

    /// <summary>Drops waiting (not in flight) entries whose events are all at or below <paramref name="toSequenceNr"/>: deleted before they were written.</summary>
    public void DropDeleted(string persistenceId, long toSequenceNr)
    {
        lock (_gate) _queue.RemoveAll(e => e.PersistenceId == persistenceId && e.InFlight is null && e.Events.All(x => x.SequenceNr <= toSequenceNr));
    }

    /// <summary>The held events of one persistence id, in sequence order, for a replay.</summary>
    public IReadOnlyList<IPersistentRepresentation> EventsOf(string persistenceId)
    {
        lock (_gate) return _queue.Where(e => e.PersistenceId == persistenceId).SelectMany(e => e.Events).OrderBy(e => e.SequenceNr).ToList();
    }

    public long HighestSequenceNr(string persistenceId)
    {
        lock (_gate) return _queue.Where(e => e.PersistenceId == persistenceId).SelectMany(e => e.Events).Select(e => e.SequenceNr).DefaultIfEmpty(0).Max();
    }

    public int EventCount
    {
        get { lock (_gate) return _queue.Sum(e => e.Events.Count()); }
    }

    public DateTimeOffset? OldestSince
    {
        get { lock (_gate) return _queue.Count == 0 ? null : _queue.Min(e => e.Since); }
    }
}
